/** Small JWK helpers for the normalizers and the checker. */
import type { VectorJwk } from './types.js';

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth'];
/** Members that hold secret or private key material (never allowed in an error message). */
export const SECRET_MEMBERS = ['k', ...PRIVATE_MEMBERS];

/** The verification form of a JWK: private members removed (an `oct` key keeps `k`), `alg` set when given. */
export function verificationJwk(jwk: VectorJwk, alg?: string): VectorJwk {
  const out: VectorJwk = { ...jwk };
  for (const m of PRIVATE_MEMBERS) delete out[m];
  if (alg !== undefined && out.alg === undefined) out.alg = alg;
  return out;
}

/** The public form of an asymmetric JWK: only the members RFC 7517/7518/8037 define as public. */
export function publicMembers(jwk: VectorJwk): VectorJwk {
  const keep = jwk.kty === 'RSA' ? ['kty', 'n', 'e'] : jwk.kty === 'EC' ? ['kty', 'crv', 'x', 'y'] : jwk.kty === 'OKP' ? ['kty', 'crv', 'x'] : ['kty', 'k'];
  const out: VectorJwk = { kty: jwk.kty };
  for (const m of keep) if (jwk[m] !== undefined) out[m] = jwk[m];
  return out;
}

/** A private/secret JWK with `alg` set when it was missing. */
export function withAlg(jwk: VectorJwk, alg: string): VectorJwk {
  return jwk.alg === undefined ? { ...jwk, alg } : { ...jwk };
}
