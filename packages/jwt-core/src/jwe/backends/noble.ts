/**
 * JWE primitives in pure JS over @noble: the LAST fallback, used only where the runtime has
 * neither node:crypto nor WebCrypto, or when a caller forces it.
 *
 * Why last: @noble/ciphers' AES is table-based, so its timing can depend on the key and the data
 * through the CPU cache (STYLE.md "Crypto backends"); native AES (AES-NI in OpenSSL/BoringSSL) does
 * not. Its CBC unpadding also reports bad padding as an error: harmless here because the CBC-HMAC
 * tag is verified before any decryption (content/cbc-hmac.ts), and every failure is reported as
 * the same ERR_JWE_DECRYPTION_FAILED. @noble/hashes and @noble/curves avoid secret-dependent
 * branches. RSA is not available: pure-JS RSA over BigInt is neither fast nor constant-time.
 */
import { aeskw, cbc, gcm } from '@noble/ciphers/aes.js';
import { x25519 } from '@noble/curves/ed25519.js';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { hmac } from '@noble/hashes/hmac.js';
import { pbkdf2Async } from '@noble/hashes/pbkdf2.js';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { joseError } from '../../lib/errors.js';
import { encodeBase64url } from '../../lib/base64url.js';
import { jwkBytes } from '../../lib/backends/jwk-parts.js';
import { concat } from '../../lib/utf8.js';
import { assertNonZeroSecret, ECDH_SECRET_BYTES, ecdhCurve, validatePublicPoint } from './ec-point.js';
import type { EcdhCurve, JweCrypto } from './types.js';

const HASH = { 'SHA-256': sha256, 'SHA-384': sha384, 'SHA-512': sha512 } as const;
const NIST = { 'P-256': p256, 'P-384': p384, 'P-521': p521 } as const;

function noRsa(): never {
  throw joseError('ERR_JOSE_NOT_SUPPORTED', 'RSA-OAEP is not available on the noble backend', {
    hint: 'RSA needs node:crypto or WebCrypto; do not force the noble backend for RSA keys',
  });
}

export const nobleJweCrypto: JweCrypto = {
  name: 'noble',
  rsa: false,

  async aesCbcEncrypt(key, iv, plaintext) {
    return cbc(key, iv).encrypt(plaintext);
  },

  async aesCbcDecrypt(key, iv, ciphertext) {
    return cbc(key, iv).decrypt(ciphertext);
  },

  async hmac(hash, key, data) {
    return hmac(HASH[hash], key, data);
  },

  async gcmEncrypt(key, iv, plaintext, aad) {
    if (iv.length !== 12) throw new Error('GCM IV must be 96 bits');
    const out = gcm(key, iv, aad).encrypt(plaintext);
    return { ciphertext: out.slice(0, out.length - 16), tag: out.slice(out.length - 16) };
  },

  async gcmDecrypt(key, iv, ciphertext, tag, aad) {
    if (iv.length !== 12 || tag.length !== 16) throw new Error('GCM needs a 96-bit IV and a 128-bit tag');
    return gcm(key, iv, aad).decrypt(concat(ciphertext, tag));
  },

  async aesKwWrap(kek, keyData) {
    if (keyData.length < 16 || keyData.length % 8 !== 0) throw new Error('AES-KW wraps a multiple of 8 bytes, at least 16');
    return aeskw(kek).encrypt(keyData);
  },

  async aesKwUnwrap(kek, wrapped) {
    if (wrapped.length < 24 || wrapped.length % 8 !== 0) throw new Error('AES-KW input must be a multiple of 8 bytes, at least 24');
    return aeskw(kek).decrypt(wrapped);
  },

  rsaOaepEncrypt: async () => noRsa(),
  rsaOaepDecrypt: async () => noRsa(),

  async ecdh(privJwk, pubJwk) {
    const crv = ecdhCurve(privJwk);
    if (crv === undefined) throw new Error('unsupported ECDH key');
    const point = validatePublicPoint(pubJwk, crv);
    const d = jwkBytes(privJwk, 'd');
    if (crv === 'X25519') return assertNonZeroSecret(x25519.getSharedSecret(d, point));
    // getSharedSecret returns the compressed shared point; Z is its x coordinate (RFC 7518 §4.6.2).
    const shared = NIST[crv].getSharedSecret(d, point, true);
    return shared.slice(1, 1 + ECDH_SECRET_BYTES[crv]);
  },

  async generateEphemeral(crv: EcdhCurve) {
    if (crv === 'X25519') {
      const d = x25519.utils.randomSecretKey();
      const x = encodeBase64url(x25519.getPublicKey(d));
      return { privateJwk: { kty: 'OKP', crv, x, d: encodeBase64url(d) }, publicJwk: { kty: 'OKP', crv, x } };
    }
    const curve = NIST[crv];
    const n = ECDH_SECRET_BYTES[crv];
    const d = curve.utils.randomSecretKey();
    const pub = curve.getPublicKey(d, false);
    const x = encodeBase64url(pub.slice(1, 1 + n));
    const y = encodeBase64url(pub.slice(1 + n));
    return { privateJwk: { kty: 'EC', crv, x, y, d: encodeBase64url(d) }, publicJwk: { kty: 'EC', crv, x, y } };
  },

  async digest(hash, data) {
    return HASH[hash](data);
  },

  async pbkdf2(hash, password, salt, iterations, length) {
    // The async variant yields to the event loop between blocks of iterations.
    return pbkdf2Async(HASH[hash], password, salt, { c: iterations, dkLen: length });
  },
};
