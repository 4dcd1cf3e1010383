/**
 * JWT verification (RFC 7519 §7.2): the JWS pipeline first (parse, header, allow-list, key,
 * signature), then the payload as a JSON object, the claim types, and the claim values. An expired
 * token with a bad signature is therefore a signature error: claims are never looked at before.
 *
 * verifyJwt and createVerifier share this one pipeline: options are validated into a prepared
 * verifier, which does only per-token work.
 */
import { prepareNestedDecrypt } from './nested.js';
import { HeaderCache } from '../jws/header-cache.js';
import { JWS_VERIFY_OPTION_NAMES, parseJwsVerifyOptions } from '../jws/options.js';
import { checkOptionNames, optionsObject } from '../lib/options.js';
import { verifyCompact } from '../jws/verify.js';
import type { KeyInput } from '../jwks/types.js';
import type { JwtClaims, VerifyJwtOptions, VerifyJwtResult } from './types.js';
import type { VerifyJwsResult } from '../jws/types.js';
import { validateClaims } from './claims.js';
import { JWT_CLAIM_OPTION_NAMES, parseClaimsOptions } from './options.js';
import { parseClaims } from './payload.js';

/** A prepared JWT verifier: all options parsed; `context` overrides the option per call. */
export type JwtVerifier<T extends JwtClaims = JwtClaims> = (token: string, context?: unknown) => Promise<VerifyJwtResult<T>>;

/**
 * The same verifier without a promise of its own: it returns the result directly while key
 * selection and the signature backend are synchronous (node:crypto or @noble with a key or key
 * set), a promise otherwise (a resolver, WebCrypto, a nested JWE), and it throws its JoseError
 * synchronously. For the core's own hot paths (the auth layer); {@link JwtVerifier} is the public form.
 */
export type JwtVerifierNow<T extends JwtClaims = JwtClaims> = (token: string, context?: unknown) => VerifyJwtResult<T> | Promise<VerifyJwtResult<T>>;

const VERIFY_JWT_OPTION_NAMES: readonly string[] = [...JWS_VERIFY_OPTION_NAMES, ...JWT_CLAIM_OPTION_NAMES, 'decrypt'];

/**
 * Validate `options` once and return the per-token function, in its {@link JwtVerifierNow} form.
 * `cache` enables the checked-header cache, worthwhile only for a verifier used many times.
 */
export function prepareJwtVerifierNow<T extends JwtClaims>(keys: unknown, options: unknown, fn: string, cache: boolean): JwtVerifierNow<T> {
  const opts = optionsObject(options, fn, "{ algorithms: ['ES256'], issuer: 'https://auth.example.com' }");
  checkOptionNames(opts, VERIFY_JWT_OPTION_NAMES, fn);
  const jws = parseJwsVerifyOptions(keys, opts);
  const claims = parseClaimsOptions(opts);
  const headers = cache ? new HeaderCache() : undefined;
  // Nested JWT: decrypt the JWE first (its own allow-lists and keys), then verify the inner JWS.
  const decrypt = prepareNestedDecrypt(opts.decrypt, fn);

  const toJwt = (verified: VerifyJwsResult): VerifyJwtResult<T> => {
    const payload = parseClaims(verified.payload, jws.maxJsonDepth);
    validateClaims(payload, verified.header, claims, claims.currentTime ?? Date.now() / 1000);
    return { header: verified.header, payload: payload as T, key: verified.key };
  };
  const verifyJws = (token: unknown, ctx: unknown): VerifyJwtResult<T> | Promise<VerifyJwtResult<T>> => {
    const verified = verifyCompact(token, jws, ctx, headers);
    return verified instanceof Promise ? verified.then(toJwt) : toJwt(verified);
  };

  return (token: string, context?: unknown) => {
    const ctx = context === undefined ? jws.context : context;
    return decrypt === undefined ? verifyJws(token, ctx) : decrypt(token, ctx).then((inner) => verifyJws(inner, ctx));
  };
}

/** Validate `options` once and return the per-token function (every failure a rejection). */
export function prepareJwtVerifier<T extends JwtClaims>(keys: unknown, options: unknown, fn: string, cache: boolean): JwtVerifier<T> {
  const verify = prepareJwtVerifierNow<T>(keys, options, fn, cache);
  return async (token: string, context?: unknown): Promise<VerifyJwtResult<T>> => verify(token, context);
}

/**
 * Verify a JWT: its JWS signature with your keys and allow-list, then its claims.
 *
 * Checks, in order: the token's form and size, header and `crit`, `alg` against `algorithms`
 * (`none` never), key selection, signature; then the payload must be a JSON object whose
 * registered claims have their RFC 7519 types; then `exp` and `nbf` (with `clockTolerance`,
 * default 5 s, at most 1 h), `iat` not in the future, `maxTokenAge`, `issuer`, `audience` (passes
 * when any of the token's audiences is accepted; a token without `aud` fails when `audience` is
 * set), `subject`, the `typ` header and `requiredClaims`. Every failure is a {@link JoseError}
 * whose message names the cause, e.g. "token expired 3m 12s ago at 2026-11-22T10:00:00Z; clock
 * tolerance is 5s".
 *
 * For a hot path, build the verifier once with {@link createVerifier}.
 *
 * @param token - The compact JWT.
 * @param keys - A key, a key set from `createKeySet`, or a resolver `(header, context) => key | keySet`.
 * @param options - `algorithms` is required; unknown option names are refused.
 *
 * @example
 * ```ts
 * const { payload } = await verifyJwt(token, publicKey, {
 *   algorithms: ['ES256'],
 *   issuer: 'https://auth.example.com',
 *   audience: 'api',
 * });
 * console.log(payload.sub);
 * ```
 */
export function verifyJwt<T extends JwtClaims = JwtClaims>(token: string, keys: KeyInput, options: VerifyJwtOptions): Promise<VerifyJwtResult<T>> {
  let verifier: JwtVerifier<T>;
  try {
    verifier = prepareJwtVerifier<T>(keys, options, 'verifyJwt', false);
  } catch (err) {
    return Promise.reject(err);
  }
  return verifier(token);
}
