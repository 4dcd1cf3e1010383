/**
 * The keys, claims and tokens every implementation shares: generated once per run with node:crypto,
 * then handed to each library in the form it takes (KeyObject, PEM, JWK, CryptoKey, raw bytes).
 */
import { createPrivateKey, createPublicKey, createSecretKey, generateKeyPairSync, randomBytes } from 'node:crypto';

export const ALGS = ['HS256', 'RS256', 'PS256', 'ES256', 'EdDSA'];

export const ISSUER = 'https://auth.example.com';
export const AUDIENCE = 'api.example.com';

/**
 * Claims of a typical access token. With the header and an HS256 signature the token is about
 * 300 characters; RSA signatures (256 bytes) make RS256/PS256 tokens longer.
 */
export function makeClaims(now = Math.floor(Date.now() / 1000)) {
  return {
    sub: 'user-4f9c2a71-5d0e',
    iss: ISSUER,
    aud: AUDIENCE,
    iat: now,
    exp: now + 3600,
    jti: 'b1f4c9e2-8d7a-4c3b',
    scope: 'read:messages write:messages',
    roles: ['editor', 'viewer'],
  };
}

/**
 * A key pair whose KeyObjects are imported from PEM the generating job wrote: exporting a generated
 * KeyObject can deadlock Node 20 when a GC finalizes the job meanwhile (NODE_JWK_ENCODING in the core).
 */
function generated(type, options) {
  const pem = generateKeyPairSync(type, { ...options, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  return { privateKey: createPrivateKey(pem.privateKey), publicKey: createPublicKey(pem.publicKey) };
}

function keyPair(alg) {
  switch (alg) {
    case 'RS256':
    case 'PS256':
      return generated('rsa', { modulusLength: 2048 });
    case 'ES256':
      return generated('ec', { namedCurve: 'P-256' });
    case 'EdDSA':
      return generated('ed25519', {});
    default:
      throw new Error(`no key pair for ${alg}`);
  }
}

/**
 * One key per algorithm, in every form the implementations take.
 * @returns {Record<string, { alg: string, kid: string, secret?: Buffer, privateKey: import('node:crypto').KeyObject,
 *   publicKey: import('node:crypto').KeyObject, privateJwk: object, publicJwk: object, privatePem: string, publicPem: string }>}
 */
export function makeKeys(algs = ALGS) {
  const out = {};
  for (const alg of algs) {
    const kid = `bench-${alg.toLowerCase()}`;
    if (alg === 'HS256') {
      const secret = randomBytes(32);
      const key = createSecretKey(secret);
      const jwk = { ...key.export({ format: 'jwk' }), kid, alg };
      out[alg] = { alg, kid, secret, privateKey: key, publicKey: key, privateJwk: jwk, publicJwk: jwk, privatePem: '', publicPem: '' };
      continue;
    }
    const { privateKey, publicKey } = keyPair(alg);
    out[alg] = {
      alg,
      kid,
      privateKey: createPrivateKey(privateKey.export({ format: 'pem', type: 'pkcs8' })),
      publicKey: createPublicKey(publicKey.export({ format: 'pem', type: 'spki' })),
      privateJwk: { ...privateKey.export({ format: 'jwk' }), kid, alg },
      publicJwk: { ...publicKey.export({ format: 'jwk' }), kid, alg },
      privatePem: privateKey.export({ format: 'pem', type: 'pkcs8' }),
      publicPem: publicKey.export({ format: 'pem', type: 'spki' }),
    };
  }
  return out;
}

/** Deep equality for JSON values (the result checks). */
export function sameJson(a, b) {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && sameJson(a[k], b[k]));
}
