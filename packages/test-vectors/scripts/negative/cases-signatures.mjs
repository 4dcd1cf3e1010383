// Negative vectors for keys, signatures and options: weak or empty keys, unknown kids, empty,
// short, long, zero, DER-encoded and non-canonical signatures, and option values that must be
// refused as programmer errors.
import { fail, vector } from './context.mjs';
import { b64u } from './sign.mjs';

const ISSUE2 = 'Tessera issue 2';
const SIG = 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED';
const ORDERS = {
  ES256: BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551'),
  ES384: BigInt('0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973'),
  ES512: BigInt('0x01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409'),
};
const L_ED25519 = (1n << 252n) + 27742317777372353535851937790883648493n;

const toBytes = (n, len) => Buffer.from(n.toString(16).padStart(len * 2, '0'), 'hex');
const fromBytes = (b) => BigInt(`0x${Buffer.from(b).toString('hex') || '0'}`);

/** DER encoding of an ECDSA signature (SEQUENCE of two INTEGERs, RFC 3279 §2.2.3). */
function der(p1363) {
  const half = p1363.length / 2;
  const int = (bytes) => {
    let b = Buffer.from(bytes);
    while (b.length > 1 && b[0] === 0 && b[1] < 0x80) b = b.subarray(1);
    if (b[0] >= 0x80) b = Buffer.concat([Buffer.from([0]), b]);
    return Buffer.concat([Buffer.from([0x02, b.length]), b]);
  };
  const body = Buffer.concat([int(p1363.subarray(0, half)), int(p1363.subarray(half))]);
  const len = body.length < 0x80 ? Buffer.from([body.length]) : Buffer.from([0x81, body.length]);
  return Buffer.concat([Buffer.from([0x30]), len, body]);
}

export function signatureCases(ctx) {
  const { signer, claims, options, jwks } = ctx;
  const out = [];
  const add = (v) => out.push(vector(v));
  const tok = (alg, keyName, mutate, header = {}) => signer.token({ header: { alg, ...header }, payload: claims(), alg, keyName, mutate });

  // --- keys --------------------------------------------------------------------------------------
  add({ id: 'neg-key-hmac-too-short', refs: [`${ISSUE2}: HMAC secrets shorter than the hash output are refused`, 'RFC 7518 §3.2'], alg: 'HS256',
    description: 'a 16-byte HS256 secret (32 bytes needed)', token: tok('HS256', 'hs256-short'),
    keys: jwks('hs256-short'), options: options('HS256'), expect: fail('ERR_JWK_INVALID') });
  add({ id: 'neg-key-hmac-empty', refs: [`${ISSUE2}: HMAC secrets shorter than the hash output are refused`, 'CVE-2026-44351', 'GHSA-8wpc-h4q6-8fxv'], alg: 'HS256',
    description: 'an empty HS256 secret ("k":"") and a token MACed with the empty key', token: tok('HS256', 'hs256-empty'),
    keys: jwks('hs256-empty'), options: options('HS256'), expect: fail('ERR_JWK_INVALID') });
  add({ id: 'neg-key-rsa-1024', refs: [`${ISSUE2}: RSA keys under 2048 bits are refused`, 'RFC 7518 §3.3'], alg: 'RS256',
    description: 'a 1024-bit RSA key and an RS256 token it signed', token: tok('RS256', 'rsa-1024'),
    keys: jwks('rsa-1024'), options: options('RS256'), expect: fail('ERR_JWK_INVALID') });
  add({ id: 'neg-key-ed448', refs: [`${ISSUE2}: EdDSA means Ed25519`, 'RFC 8037 §3.1'], alg: 'EdDSA',
    description: 'an EdDSA token signed with an Ed448 key (curve not supported)', token: tok('EdDSA', 'ed448'),
    keys: jwks('ed448'), options: options('EdDSA'), expect: fail('ERR_JOSE_NOT_SUPPORTED') });
  add({ id: 'neg-kid-unknown', refs: [`${ISSUE2}: key selection by kid`], alg: 'HS256',
    description: 'kid "hs256-k9" is not in the key set (which knows hs256-k1, hs256-k2)', token: tok('HS256', 'hs256', undefined, { kid: 'hs256-k9' }),
    keys: jwks('hs256', 'hs256-other'), keyMode: 'set', options: options('HS256'), expect: fail('ERR_JWKS_NO_MATCHING_KEY') });
  add({ id: 'neg-no-kid-no-key-fits-alg', refs: [`${ISSUE2}: key selection by alg`], alg: 'HS256',
    description: 'no kid; the key set holds only an ES256 and an EdDSA key; allow-list [HS256, ES256]', token: tok('HS256', 'hs256'),
    keys: jwks('p256', 'ed25519'), keyMode: 'set', options: options('HS256', { algorithms: ['HS256', 'ES256'] }), expect: fail('ERR_JWKS_NO_MATCHING_KEY') });
  add({ id: 'neg-wrong-key', refs: [`${ISSUE2}: signature`], alg: 'HS256',
    description: 'HS256 token MACed with a different secret', token: tok('HS256', 'hs256-other'),
    keys: jwks('hs256'), options: options('HS256'), expect: fail(SIG) });
  add({ id: 'neg-no-kid-wrong-keys-in-set', refs: [`${ISSUE2}: without a kid, a bounded number of keys is tried`], alg: 'HS256',
    description: 'no kid; neither key of the set made the MAC', token: tok('HS256', 'hs512', undefined),
    keys: jwks('hs256', 'hs256-other'), keyMode: 'set', options: options('HS256'), expect: fail(SIG) });

  {
    // Without a kid only maxKeysTried (default 3) keys are tried: the key that signed is the 4th.
    const refs = [`${ISSUE2}: without a kid, a bounded number of keys is tried`, 'DEFAULT_LIMITS.maxKeysTried=3'];
    const token = tok('HS256', 'hs256-fourth');
    const set = jwks('hs256', 'hs256-other', 'hs256-third', 'hs256-fourth');
    add({ id: 'neg-no-kid-signer-beyond-max-keys-tried', refs, alg: 'HS256',
      description: 'no kid; four HS256 keys; the fourth signed, but only three are tried', token,
      keys: set, keyMode: 'set', options: options('HS256'), expect: fail(SIG) });
    add({ id: 'ok-no-kid-signer-within-max-keys-tried', refs, alg: 'HS256',
      description: 'the same token and key set with maxKeysTried 4', token,
      keys: set, keyMode: 'set', options: options('HS256', { maxKeysTried: 4 }), expect: { ok: true, payload: claims() } });
  }

  // --- HMAC signatures ---------------------------------------------------------------------------
  const HMAC = [`${ISSUE2}: signature length checked before comparison`, 'CVE-2020-28042'];
  const hsCase = (id, refs, description, mutate) => add({ id, refs, description, alg: 'HS256', token: tok('HS256', 'hs256', mutate),
    keys: jwks('hs256'), options: options('HS256'), expect: fail(SIG) });
  hsCase('neg-sig-empty', HMAC, 'HS256 token with an empty signature segment', () => Buffer.alloc(0));
  hsCase('neg-sig-truncated', HMAC, 'HS256 MAC truncated to its first 16 bytes', (s) => s.subarray(0, 16));
  hsCase('neg-sig-one-byte', HMAC, 'HS256 MAC truncated to its first byte', (s) => s.subarray(0, 1));
  hsCase('neg-sig-extended', HMAC, 'HS256 MAC followed by one extra byte', (s) => Buffer.concat([s, Buffer.from([0])]));
  hsCase('neg-sig-last-byte-flipped', [`${ISSUE2}: HMAC compared in constant time`, 'CVE-2025-65945'], 'last byte of the HS256 MAC altered',
    (s) => { const b = Buffer.from(s); b[b.length - 1] ^= 0x80; return b; });
  {
    const t = tok('HS256', 'hs256');
    const [h, , s] = t.split('.');
    add({ id: 'neg-payload-tampered', refs: [`${ISSUE2}: signature`], alg: 'HS256',
      description: 'payload replaced (sub: admin) after signing', token: `${h}.${b64u(JSON.stringify(claims({ sub: 'admin' })))}.${s}`,
      keys: jwks('hs256'), options: options('HS256'), expect: fail(SIG) });
  }

  // --- ECDSA ------------------------------------------------------------------------------------
  for (const [alg, keyName, size] of [['ES256', 'p256', 32], ['ES384', 'p384', 48], ['ES512', 'p521', 66]]) {
    const ec = (id, refs, description, mutate) => add({ id, refs, description, alg, token: tok(alg, keyName, mutate),
      keys: jwks(keyName), options: options(alg), expect: fail(SIG) });
    const lower = alg.toLowerCase();
    ec(`neg-${lower}-r-s-zero`, ['CVE-2022-21449', 'SEC 1 §4.1.4 step 1 (r, s in [1, n-1])'], `${alg} signature of ${2 * size} zero bytes (r = s = 0)`,
      () => Buffer.alloc(2 * size));
    ec(`neg-${lower}-r-s-order`, ['CVE-2022-21449', 'SEC 1 §4.1.4 step 1'], `${alg} signature with r = s = n (the group order)`,
      () => Buffer.concat([toBytes(ORDERS[alg], size), toBytes(ORDERS[alg], size)]));
    ec(`neg-${lower}-der`, [`${ISSUE2}: JOSE P1363 signatures`, 'RFC 7518 §3.4'], `a valid ${alg} signature, DER-encoded instead of R||S`,
      (s) => der(s));
  }

  // --- EdDSA and RSA -------------------------------------------------------------------------------
  add({ id: 'neg-eddsa-s-not-canonical', refs: [`${ISSUE2}: EdDSA`, 'RFC 8032 §5.1.7 (S < L)'], alg: 'EdDSA',
    description: 'Ed25519 signature with S replaced by S + L (same value mod L, non-canonical)',
    token: tok('EdDSA', 'ed25519', (sig) => {
      const le = Buffer.from(sig.subarray(32)).reverse();
      const s = fromBytes(le) + L_ED25519;
      return Buffer.concat([sig.subarray(0, 32), toBytes(s, 32).reverse()]);
    }), keys: jwks('ed25519'), options: options('EdDSA'), expect: fail(SIG) });
  add({ id: 'neg-eddsa-zero', refs: [`${ISSUE2}: EdDSA`, 'RFC 8032 §5.1.7'], alg: 'EdDSA', description: 'Ed25519 signature of 64 zero bytes',
    token: tok('EdDSA', 'ed25519', () => Buffer.alloc(64)), keys: jwks('ed25519'), options: options('EdDSA'), expect: fail(SIG) });
  add({ id: 'neg-rs256-truncated', refs: [`${ISSUE2}: signature length checked before comparison`, 'RFC 8017 §8.2.2 step 1'], alg: 'RS256',
    description: 'RS256 signature missing its last byte (255 bytes for a 2048-bit key)',
    token: tok('RS256', 'rsa', (s) => s.subarray(0, s.length - 1)), keys: jwks('rsa'), options: options('RS256'), expect: fail(SIG) });
  add({ id: 'neg-rs256-zero', refs: ['RFC 8017 §8.2.2'], alg: 'RS256', description: 'RS256 signature of 256 zero bytes',
    token: tok('RS256', 'rsa', (s) => Buffer.alloc(s.length)), keys: jwks('rsa'), options: options('RS256'), expect: fail(SIG) });

  // --- options (programmer errors) -------------------------------------------------------------------
  const OPT = [`${ISSUE2}: bad options -> ERR_JOSE_INVALID_OPTION`];
  const optCase = (id, refs, description, opts) => add({ id, refs, description, alg: 'HS256', token: tok('HS256', 'hs256'),
    keys: jwks('hs256'), options: opts, expect: fail('ERR_JOSE_INVALID_OPTION') });
  const base = options('HS256');
  optCase('neg-option-algorithms-missing', [...OPT, 'CVE-2020-15084'], 'no algorithms allow-list', { currentDate: base.currentDate });
  optCase('neg-option-algorithms-empty', [...OPT, 'CVE-2020-15084'], 'an empty algorithms allow-list', { ...base, algorithms: [] });
  optCase('neg-option-algorithms-none', [...OPT, 'RFC 7518 §3.6'], 'the allow-list contains "none"', { ...base, algorithms: ['none'] });
  optCase('neg-option-algorithms-unknown', OPT, 'the allow-list contains an unknown algorithm', { ...base, algorithms: ['HS256', 'XS256'] });
  optCase('neg-option-clock-tolerance-absurd', [...OPT, 'GHSA-687g-22h4-j4w4'], 'clockTolerance of one year (the maximum is 1 h)',
    { ...base, clockTolerance: 31_557_600 });
  optCase('neg-option-clock-tolerance-negative', [...OPT, 'GHSA-687g-22h4-j4w4'], 'clockTolerance -5', { ...base, clockTolerance: -5 });
  optCase('neg-option-clock-tolerance-garbage', [...OPT, 'GHSA-687g-22h4-j4w4'], 'clockTolerance "forever"', { ...base, clockTolerance: 'forever' });
  optCase('neg-option-max-token-age-garbage', OPT, 'maxTokenAge "soon"', { ...base, maxTokenAge: 'soon' });
  return out;
}
