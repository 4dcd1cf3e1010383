/**
 * The pre-bound verifier: every option parsed and checked once, keys checked once, checked
 * headers cached; each call does only the token's own work.
 */
import { invalidOption } from '../errors.js';
import { describeValue } from '../jwk/key.js';
import type { KeyInput } from '../jwks/types.js';
import type { JwtClaims, VerifyJwtOptions } from '../types.js';
import { prepareJwtVerifier, type JwtVerifier } from './verify.js';

/** Options of {@link createVerifier}: the verifyJwt options plus the keys. */
export interface CreateVerifierOptions extends VerifyJwtOptions {
  /** A key, a key set from `createKeySet`, or a resolver `(header, context) => key | keySet`. */
  keys: KeyInput;
}

/**
 * Build a JWT verifier with its options validated once: the fast form for a request path.
 *
 * The returned function checks exactly what {@link verifyJwt} checks, in the same order, and
 * resolves to `{ header, payload, key }`. Its optional second argument is passed to a key
 * resolver as `context` (overriding the `context` option). Option errors are thrown here, at
 * creation, not per token. Headers returned are frozen (they are shared between calls).
 *
 * @example
 * ```ts
 * const verify = createVerifier({
 *   keys: createKeySet(jwks),
 *   algorithms: ['RS256'],
 *   issuer: 'https://auth.example.com',
 *   audience: 'api',
 * });
 * const { payload } = await verify(token);
 * ```
 */
export function createVerifier<T extends JwtClaims = JwtClaims>(options: CreateVerifierOptions): JwtVerifier<T> {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw invalidOption(`createVerifier: options must be an object, got ${describeValue(options)}`, "e.g. createVerifier({ keys, algorithms: ['RS256'] })");
  }
  const { keys, ...rest } = options;
  return prepareJwtVerifier<T>(keys, rest, 'createVerifier', true);
}
