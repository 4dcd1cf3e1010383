/**
 * Encryption keys for the JWE tests, generated once per test file (RSA key generation is slow)
 * with node:crypto and imported through importJwk / importSecret.
 */
import { randomBytes } from 'node:crypto';
import { generateKeyObjects } from '../helpers/keygen.js';
import { importSecret } from '../../src/jwk/import-secret.js';
import { importJwk } from '../../src/jwk/import.js';
import type { Key } from '../../src/jwk/key.js';
import type { Jwk } from '../../src/lib/types.js';
import type { JweContentAlgorithm, JweKeyAlgorithm } from '../../src/lib/algorithms.js';

export interface Pair { readonly privateKey: Key; readonly publicKey: Key; readonly privateJwk: Jwk; readonly publicJwk: Jwk }

const jwks = new Map<string, { privateJwk: Jwk; publicJwk: Jwk }>();

/** A JWK pair: `rsa` / `rsa-2` (2048 bits), `P-256` (`P-256-b`: a second one), `P-384`, `P-521`, `X25519`; generated once per file. */
export function jwkPair(spec: string): { privateJwk: Jwk; publicJwk: Jwk } {
  let pair = jwks.get(spec);
  if (pair === undefined) {
    const raw = spec.startsWith('rsa') ? generateKeyObjects('rsa', { modulusLength: 2048 })
      : spec === 'X25519' ? generateKeyObjects('x25519') : generateKeyObjects('ec', { namedCurve: spec.replace(/-b$/, '') });
    pair = { privateJwk: raw.privateKey.export({ format: 'jwk' }) as Jwk, publicJwk: raw.publicKey.export({ format: 'jwk' }) as Jwk };
    jwks.set(spec, pair);
  }
  return pair;
}

/** An imported key pair bound to `alg`. */
export function pairFor(spec: string, alg: JweKeyAlgorithm, kid?: string): Pair {
  const { privateJwk, publicJwk } = jwkPair(spec);
  const opts = kid === undefined ? { alg } : { alg, kid };
  return { privateJwk, publicJwk, privateKey: importJwk(privateJwk, opts), publicKey: importJwk(publicJwk, opts) };
}

export const CEK_BYTES: Record<JweContentAlgorithm, number> = {
  'A128CBC-HS256': 32, 'A192CBC-HS384': 48, 'A256CBC-HS512': 64, A128GCM: 16, A192GCM: 24, A256GCM: 32,
};
const KW_BYTES: Record<string, number> = { A128KW: 16, A192KW: 24, A256KW: 32, A128GCMKW: 16, A192GCMKW: 24, A256GCMKW: 32 };

/**
 * The key to encrypt to and the key to decrypt with, for one alg/enc pair (the same object for
 * symmetric algorithms). `dir` keys depend on `enc`.
 */
export function keysFor(alg: JweKeyAlgorithm, enc: JweContentAlgorithm): { encryptKey: Key; decryptKey: Key; jwk: Jwk; secret?: Uint8Array } {
  if (alg.startsWith('RSA-OAEP')) {
    const p = pairFor('rsa', alg);
    return { encryptKey: p.publicKey, decryptKey: p.privateKey, jwk: p.privateJwk };
  }
  if (alg.startsWith('ECDH-ES')) throw new Error('use pairFor(curve, alg) for ECDH-ES');
  if (alg.startsWith('PBES2')) {
    const secret = new TextEncoder().encode('correct horse battery staple');
    const key = importSecret(secret, { alg });
    return { encryptKey: key, decryptKey: key, jwk: { kty: 'oct', k: Buffer.from(secret).toString('base64url') }, secret };
  }
  const secret = new Uint8Array(randomBytes(alg === 'dir' ? CEK_BYTES[enc] : KW_BYTES[alg]!));
  const key = importSecret(secret, { alg: alg === 'dir' ? enc : alg });
  return { encryptKey: key, decryptKey: key, jwk: { kty: 'oct', k: Buffer.from(secret).toString('base64url') }, secret };
}
