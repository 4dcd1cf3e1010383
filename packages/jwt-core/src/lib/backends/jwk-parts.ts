/**
 * The members of a JWK each backend needs, and nothing more. Backends import keys from a minimal
 * JWK so that metadata the caller carried along (`alg`, `use`, `key_ops`, `ext`, `kid`) cannot make
 * a native import fail (WebCrypto checks `alg`/`use`/`key_ops` against the requested usage,
 * RFC 7517 §4.2-4.3) and so that a verifier built from a private JWK holds only its public part.
 */
import { joseError, type JoseError } from '../errors.js';
import type { JwsAlgorithm } from '../algorithms.js';
import { decodeBase64url } from '../base64url.js';
import type { Jwk } from '../types.js';
import type { BackendName } from './types.js';

const PUBLIC_MEMBERS: Readonly<Record<string, readonly string[]>> = {
  RSA: ['n', 'e'],
  EC: ['crv', 'x', 'y'],
  OKP: ['crv', 'x'],
  oct: ['k'],
};
const PRIVATE_MEMBERS: Readonly<Record<string, readonly string[]>> = {
  RSA: ['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'],
  EC: ['crv', 'x', 'y', 'd'],
  OKP: ['crv', 'x', 'd'],
  oct: ['k'],
};

function pick(jwk: Readonly<Jwk>, members: readonly string[] | undefined): Jwk {
  const out: Jwk = { kty: jwk.kty };
  for (const m of members ?? []) if (jwk[m] !== undefined) out[m] = jwk[m];
  return out;
}

/** The public members of an RSA, EC or OKP JWK (RFC 7518 §6.2.1, §6.3.1; RFC 8037 §2); `k` of an oct JWK. */
export function publicJwk(jwk: Readonly<Jwk>): Jwk {
  return pick(jwk, PUBLIC_MEMBERS[jwk.kty]);
}

/** The private members of an RSA, EC or OKP JWK, plus the public ones the formats require. */
export function privateJwk(jwk: Readonly<Jwk>): Jwk {
  return pick(jwk, PRIVATE_MEMBERS[jwk.kty]);
}

/** Decode one base64url member of a JWK; a missing or malformed member is ERR_JWK_INVALID. */
export function jwkBytes(jwk: Readonly<Jwk>, member: 'k' | 'x' | 'y' | 'd'): Uint8Array {
  const value = jwk[member];
  if (typeof value !== 'string') {
    throw joseError('ERR_JWK_INVALID', `the ${jwk.kty} JWK has no "${member}" member`, {
      hint: member === 'd' ? 'signing needs a private key; pass the private JWK' : 'check that the JWK is complete (RFC 7518 §6)',
    });
  }
  return decodeBase64url(value, `JWK member "${member}"`, 'ERR_JWK_INVALID');
}

/** The error a backend throws when its native import refuses a key (never includes the key). */
export function keyImportFailed(backend: BackendName, alg: JwsAlgorithm, jwk: Readonly<Jwk>, cause: unknown): JoseError {
  const what = jwk.kty === 'EC' || jwk.kty === 'OKP' ? `${jwk.kty} ${String(jwk.crv)}` : jwk.kty;
  return joseError('ERR_JWK_INVALID', `the ${backend} backend could not import the ${what} key for ${alg}`, {
    alg,
    cause,
    hint: 'the key members are malformed or inconsistent (e.g. an EC point not on its curve); re-export the key from its source',
  });
}
