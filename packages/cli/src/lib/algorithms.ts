/** The JWS algorithms the core signs and verifies (RFC 7518 §3, RFC 8037), for option checks. */
import type { JwsAlgorithm } from '@tessera/jwt-core';
import { usageError } from './cli-error.js';

export const JWS_ALGORITHMS: readonly JwsAlgorithm[] = [
  'HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA',
];

/** The algorithms a public key from a JWKS can verify: never an HMAC one. */
export const ASYMMETRIC_JWS: readonly JwsAlgorithm[] = JWS_ALGORITHMS.filter((a) => !a.startsWith('HS'));

/**
 * `--alg` values checked against the list, so a typo is a usage error, not a refusal.
 *
 * @example
 * ```ts
 * const algorithms = jwsAlgorithms(listOption(values, 'alg'), 'verify');
 * ```
 */
export function jwsAlgorithms(names: readonly string[], command: string): JwsAlgorithm[] {
  return names.map((n) => {
    const alg = JWS_ALGORITHMS.find((a) => a.toLowerCase() === n.toLowerCase());
    if (alg === undefined) throw usageError(`tessera ${command}: --alg ${JSON.stringify(n)} is not a JWS algorithm`, `use one of ${JWS_ALGORITHMS.join(', ')}`);
    return alg;
  });
}
