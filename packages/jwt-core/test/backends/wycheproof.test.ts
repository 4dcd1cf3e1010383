/**
 * Wycheproof (C2SP/wycheproof testvectors_v1) on every backend: HMAC (full-length tags only;
 * JWS never truncates, RFC 7518 §3.2), RSA PKCS#1 v1.5, RSA-PSS, ECDSA P1363 and Ed25519.
 */
import { wycheproofSuite } from './wycheproof.js';

const HMAC = { cases: 87, excluded: 87, acceptable: {} };
wycheproofSuite('hmac_sha256_test.json', HMAC);
wycheproofSuite('hmac_sha384_test.json', HMAC);
wycheproofSuite('hmac_sha512_test.json', HMAC);

const none = { excluded: 0, acceptable: {} };
wycheproofSuite('rsa_signature_2048_sha256_test.json', { ...none, cases: 259, acceptable: { '8:MissingNull': false } });
wycheproofSuite('rsa_signature_2048_sha384_test.json', { ...none, cases: 258, acceptable: { '8:MissingNull': false } });
wycheproofSuite('rsa_signature_2048_sha512_test.json', { ...none, cases: 259, acceptable: { '8:MissingNull': false } });
wycheproofSuite('rsa_pss_2048_sha256_mgf1_32_test.json', { ...none, cases: 108 });
wycheproofSuite('rsa_pss_2048_sha384_mgf1_48_test.json', { ...none, cases: 141 });
wycheproofSuite('rsa_pss_4096_sha512_mgf1_64_test.json', { ...none, cases: 179 });
wycheproofSuite('ecdsa_secp256r1_sha256_p1363_test.json', { ...none, cases: 262 });
wycheproofSuite('ecdsa_secp384r1_sha384_p1363_test.json', { ...none, cases: 280 });
wycheproofSuite('ecdsa_secp521r1_sha512_p1363_test.json', { ...none, cases: 318 });
wycheproofSuite('ed25519_test.json', { ...none, cases: 151 });
