/**
 * JWT signing (RFC 7519 §7.1): claims as a JSON object with well-typed registered claims, `iat`
 * set to the issuing time, `exp`/`nbf` from durations, `typ: JWT` by default. signJwt and
 * createSigner share this code: options are validated into a prepared signer once.
 */
import { invalidOption, joseError } from '../lib/errors.js';
import { randomBytes } from '../lib/backends/runtime.js';
import { encodeBase64url } from '../lib/base64url.js';
import { epochSeconds, parseDuration } from '../lib/time.js';
import { hasProtoKey } from '../lib/json.js';
import { describeValue } from '../lib/describe.js';
import type { Key } from '../jwk/key.js';
import { checkOptionNames, optionsObject, parseBackend } from '../lib/options.js';
import { encodeTextBase64url, parseSignAlgorithm, prepareJwsSigner, signEncodedPayload } from '../jws/sign.js';
import type { JwtClaims, SignJwtOptions } from './types.js';
import { prepareNestedEncrypt } from './nested.js';
import { checkClaimTypes } from './claims.js';
import { parseDate } from './options.js';

/** A prepared JWT signer. */
export type JwtSigner = (claims: JwtClaims) => Promise<string>;

const SIGN_JWT_OPTION_NAMES = ['alg', 'expiresIn', 'notBefore', 'issuer', 'audience', 'subject', 'jti', 'header', 'currentDate', 'backend', 'encrypt'] as const;

function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0) throw invalidOption(`${name} must be a non-empty string, got ${describeValue(value)}`, `omit ${name}, or give the value the claim should carry`);
  return value;
}

function parseAudience(value: unknown): string | string[] | undefined {
  if (value === undefined || typeof value === 'string') return optionalString(value, 'audience');
  if (!Array.isArray(value) || value.length === 0 || !value.every((a) => typeof a === 'string' && a.length > 0)) {
    throw invalidOption(`audience must be a string or a non-empty array of non-empty strings, got ${describeValue(value)}`, "e.g. { audience: 'api' } or { audience: ['api', 'admin'] }");
  }
  return [...value] as string[];
}

/** The claims argument: a plain JSON object whose registered claims are well typed. */
function checkClaimsArgument(claims: unknown): Record<string, unknown> {
  const proto = typeof claims === 'object' && claims !== null ? Object.getPrototypeOf(claims) : undefined;
  if (Array.isArray(claims) || (proto !== Object.prototype && proto !== null)) {
    throw joseError('ERR_JWT_INVALID', `claims must be a plain object, got ${describeValue(claims)}`, {
      reason: 'type', hint: 'RFC 7519 §7.1: the JWT Claims Set is a JSON object, e.g. { sub: "user-1" }',
    });
  }
  checkClaimTypes(claims as Record<string, unknown>);
  return claims as Record<string, unknown>;
}

/** Validate sign options once; the returned function only builds the claims and signs. */
export function prepareJwtSigner(key: Key, options: unknown, fn: string): JwtSigner {
  const opts = optionsObject(options, fn, "{ alg: 'ES256', expiresIn: '15m' }");
  checkOptionNames(opts, SIGN_JWT_OPTION_NAMES, fn);
  const alg = parseSignAlgorithm(opts.alg);
  const signer = prepareJwsSigner(key, alg, opts.header, parseBackend(opts.backend), { typ: 'JWT' });
  // Nested JWT (RFC 7519 §5.2): sign, then encrypt to the recipient with cty "JWT".
  const encrypt = prepareNestedEncrypt(opts.encrypt, fn);
  const expiresIn = opts.expiresIn === undefined ? undefined : parseDuration(opts.expiresIn, 'expiresIn');
  const notBefore = opts.notBefore === undefined ? undefined : parseDuration(opts.notBefore, 'notBefore');
  const jti = opts.jti === true ? true : optionalString(opts.jti, 'jti');
  const fixed: Record<string, unknown> = {};
  const iss = optionalString(opts.issuer, 'issuer');
  const sub = optionalString(opts.subject, 'subject');
  const aud = parseAudience(opts.audience);
  if (iss !== undefined) fixed.iss = iss;
  if (sub !== undefined) fixed.sub = sub;
  if (aud !== undefined) fixed.aud = aud;
  if (typeof jti === 'string') fixed.jti = jti;
  const fixedTime = parseDate(opts.currentDate, 'currentDate');
  // Claims an option sets; also setting them in the claims is ambiguous, so it is refused.
  const owned = [...Object.keys(fixed), ...(jti === true ? ['jti'] : []), ...(expiresIn === undefined ? [] : ['exp']), ...(notBefore === undefined ? [] : ['nbf'])];

  return async (claims: JwtClaims): Promise<string> => {
    const input = checkClaimsArgument(claims);
    for (const name of owned) {
      if (input[name] !== undefined) throw invalidOption(`claim ${name} is set both in the claims and by an option`, `set ${name} in one place: remove it from the claims or drop the option`);
    }
    const out: Record<string, unknown> = { ...input, ...fixed };
    const iat = typeof input.iat === 'number' ? input.iat : fixedTime === undefined ? epochSeconds() : Math.floor(fixedTime);
    out.iat = iat;
    if (expiresIn !== undefined) out.exp = Math.floor(iat + expiresIn);
    if (notBefore !== undefined) out.nbf = Math.floor(iat + notBefore);
    if (jti === true) out.jti = encodeBase64url(randomBytes(16));
    let json: string;
    try {
      json = JSON.stringify(out);
    } catch (err) {
      throw joseError('ERR_JWT_INVALID', `claims cannot be serialised as JSON: ${err instanceof Error ? err.message : String(err)}`, { reason: 'json', hint: 'claims are plain JSON values: no BigInt, no circular references' });
    }
    // Verifiers refuse a "__proto__" member at any depth (lib/json.ts), so never issue one.
    if (json.includes('"__proto__"') && hasProtoKey(JSON.parse(json))) {
      throw joseError('ERR_JWT_INVALID', 'claims contain a "__proto__" member, which verifiers refuse', { reason: 'proto', hint: 'rename the member: verifiers refuse __proto__ (prototype pollution)' });
    }
    const jws = signEncodedPayload(signer, encodeTextBase64url(json));
    return encrypt === undefined ? jws : encrypt(await jws);
  };
}

/**
 * Sign a JWT.
 *
 * Sets `iat` to the issuing time (unless the claims carry one), `exp` and `nbf` from `expiresIn`
 * and `notBefore` (seconds or `'30s'`, `'5m'`, `'2h'`, `'14d'`), and `iss`, `aud`, `sub`, `jti`
 * from the options (`jti: true` makes a random one). A claim set both in `claims` and by an option
 * is refused. The header is `{ alg, typ: 'JWT', kid }` plus `header`. For repeated signing with
 * the same options, use {@link createSigner}.
 *
 * @example
 * ```ts
 * const key = await importSecret(process.env.JWT_SECRET!, { alg: 'HS256' });
 * const token = await signJwt({ sub: 'user-1', role: 'admin' }, key, {
 *   alg: 'HS256', expiresIn: '15m', issuer: 'https://auth.example.com', audience: 'api',
 * });
 * ```
 */
export function signJwt(claims: JwtClaims, key: Key, options: SignJwtOptions): Promise<string> {
  let signer: JwtSigner;
  try {
    signer = prepareJwtSigner(key, options, 'signJwt');
  } catch (err) {
    return Promise.reject(err);
  }
  return signer(claims);
}
