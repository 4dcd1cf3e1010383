// Fixed test keys for the negative vectors. Secrets, Ed25519 seeds and EC scalars are derived from
// a label with SHA-256, so they are the same on every run; RSA keys cannot be derived that way with
// node:crypto, so they are generated once and then read back from the committed data file.
import { createECDH, createHash, createPrivateKey, generateKeyPairSync } from 'node:crypto';

const b64u = (buf) => Buffer.from(buf).toString('base64url');
const derive = (label, bytes = 32) => {
  const out = [];
  for (let i = 0; out.length * 32 < bytes; i++) out.push(createHash('sha256').update(`tessera-negative-vectors:${label}:${i}`).digest());
  return Buffer.concat(out).subarray(0, bytes);
};

function secret(label, bytes, meta) {
  return { kty: 'oct', ...meta, k: b64u(derive(label, bytes)) };
}

function ed25519(label, meta) {
  // PKCS#8 wrapper of a 32-byte Ed25519 seed (RFC 8410 §7).
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), derive(label)]);
  const jwk = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }).export({ format: 'jwk' });
  return { kty: 'OKP', crv: 'Ed25519', ...meta, x: jwk.x, d: jwk.d };
}

function ed448(label, meta) {
  // PKCS#8 wrapper of a 57-byte Ed448 seed (RFC 8410 §7).
  const der = Buffer.concat([Buffer.from('3047020100300506032b6571043b0439', 'hex'), derive(label, 57)]);
  const jwk = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }).export({ format: 'jwk' });
  return { kty: 'OKP', crv: 'Ed448', ...meta, x: jwk.x, d: jwk.d };
}

function ec(label, crv, meta) {
  const [curve, size] = { 'P-256': ['prime256v1', 32], 'P-384': ['secp384r1', 48], 'P-521': ['secp521r1', 66] }[crv];
  // A derived scalar below the group order with overwhelming probability; the first byte is cut
  // down for P-521 so the scalar stays under 2^521.
  const d = derive(`${label}`, size);
  if (crv === 'P-521') d[0] &= 0x01;
  const ecdh = createECDH(curve);
  ecdh.setPrivateKey(d);
  const pub = ecdh.getPublicKey();
  return { kty: 'EC', crv, ...meta, x: b64u(pub.subarray(1, 1 + size)), y: b64u(pub.subarray(1 + size)), d: b64u(d) };
}

function rsa(bits, meta, previous) {
  if (previous && previous.kty === 'RSA' && Buffer.from(previous.n, 'base64url').length * 8 === bits) {
    return { ...previous, ...meta };
  }
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: bits, publicExponent: 0x10001 });
  const jwk = privateKey.export({ format: 'jwk' });
  return { kty: 'RSA', ...meta, n: jwk.n, e: jwk.e, d: jwk.d, p: jwk.p, q: jwk.q, dp: jwk.dp, dq: jwk.dq, qi: jwk.qi };
}

/** Every key the negative vectors use, by name: private JWKs (test keys, never used anywhere else). */
export function makeKeys(previousKeys = {}) {
  return {
    hs256: secret('hs256', 32, { kid: 'hs256-k1', alg: 'HS256' }),
    'hs256-other': secret('hs256-other', 32, { kid: 'hs256-k2', alg: 'HS256' }),
    'hs256-third': secret('hs256-third', 32, { kid: 'hs256-k3', alg: 'HS256' }),
    'hs256-fourth': secret('hs256-fourth', 32, { kid: 'hs256-k4', alg: 'HS256' }),
    hs512: secret('hs512', 64, { kid: 'hs512-k1', alg: 'HS512' }),
    'hs256-short': secret('hs256-short', 16, { kid: 'hs256-short', alg: 'HS256' }),
    'hs256-empty': { kty: 'oct', kid: 'hs256-empty', alg: 'HS256', k: '' },
    rsa: rsa(2048, { kid: 'rsa-k1', alg: 'RS256' }, previousKeys.rsa),
    'rsa-1024': rsa(1024, { kid: 'rsa-1024', alg: 'RS256' }, previousKeys['rsa-1024']),
    p256: ec('p256', 'P-256', { kid: 'ec-k1', alg: 'ES256' }),
    p384: ec('p384', 'P-384', { kid: 'ec384-k1', alg: 'ES384' }),
    p521: ec('p521', 'P-521', { kid: 'ec521-k1', alg: 'ES512' }),
    ed25519: ed25519('ed25519', { kid: 'ed-k1', alg: 'EdDSA' }),
    'attacker-ed25519': ed25519('attacker-ed25519', { kid: 'ed-k1', alg: 'EdDSA' }),
    ed448: ed448('ed448', { kid: 'ed448-k1', alg: 'EdDSA' }),
  };
}

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth'];

/** The verification form of a JWK: private members removed (an `oct` key keeps `k`). */
export function publicJwk(jwk, overrides = {}) {
  const out = { ...jwk, ...overrides };
  for (const m of PRIVATE_MEMBERS) delete out[m];
  return out;
}
