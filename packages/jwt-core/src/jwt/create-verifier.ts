/**
 * The pre-bound verifier: every option parsed and checked once, keys checked once, checked
 * headers cached; each call does only the token's own work.
 */
import { optionsObject } from '../lib/options.js';
import type { KeyInput } from '../jwks/types.js';
import type { JwtClaims, VerifyJwtOptions } from './types.js';
import { prepareJwtVerifier, type JwtVerifier } from './verify.js';
import { parseCacheOption, parseRevokedOption, withVerifiedCache, type RevokedCheck, type VerifiedCacheOptions } from './verified-cache.js';

/** Options of {@link createVerifier}: the verifyJwt options plus the keys. */
export interface CreateVerifierOptions extends VerifyJwtOptions {
  /** A key, a key set from `createKeySet`, or a resolver `(header, context) => key | keySet`. */
  keys: KeyInput;
  /**
   * Opt-in cache of verified tokens, keyed by the whole token: a hit skips parsing and the
   * signature but re-checks the claims at the current time (an expired token is never served),
   * that the key is still selected, and `revoked`. Payloads are then frozen (shared between calls).
   * E.g. `cache: { max: 10_000 }`.
   */
  cache?: VerifiedCacheOptions;
  /** Checked after every successful verification (cache hit or not): `true` refuses with ERR_JWT_REVOKED. */
  revoked?: RevokedCheck;
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
  optionsObject(options, 'createVerifier', "createVerifier({ keys, algorithms: ['RS256'] })");
  const { keys, cache, revoked, ...rest } = options;
  const verify = prepareJwtVerifier<T>(keys, rest, 'createVerifier', true);
  const cacheOptions = parseCacheOption(cache);
  const revokedCheck = parseRevokedOption(revoked);
  return cacheOptions === undefined && revokedCheck === undefined ? verify : withVerifiedCache(verify, keys, rest, cacheOptions, revokedCheck);
}
