/**
 * Decoding a JWT without verifying it, for diagnostics only. Still bounded and strict: the same
 * length, header-size and nesting limits, and typed errors for malformed input.
 */
import { decodeBase64url } from '../lib/base64url.js';
import { DEFAULT_LIMITS, type LimitOptions } from '../lib/limits.js';
import { decodeJsonObject } from '../lib/json.js';
import { checkOptionNames, optionsObject, parseLimit } from '../lib/options.js';
import { decodeHeader, splitCompact } from '../jws/parse.js';
import type { JoseHeader } from '../lib/types.js';
import type { JwtClaims } from './types.js';

/** Limits for {@link decodeJwt}. */
export type DecodeJwtOptions = Pick<LimitOptions, 'maxTokenLength' | 'maxHeaderBytes' | 'maxJsonDepth'>;

/**
 * Decode a JWT's header and claims WITHOUT VERIFYING ANYTHING.
 *
 * **Never trust the result.** Anyone can write any header and claims: nothing here checks the
 * signature, the algorithm, the expiry or the issuer. Use it to log or display a token while
 * debugging, or to read a hint before you verify; make decisions only on what
 * {@link verifyJwt} returns.
 *
 * Throws `ERR_JWS_INVALID` for a malformed token or header and `ERR_JWT_INVALID` for a payload
 * that is not a JSON object; the length and nesting limits still apply.
 *
 * @example
 * ```ts
 * const { header, payload } = decodeJwt(token); // unverified!
 * console.debug('token for', payload.sub, 'signed with', header.alg, 'kid', header.kid);
 * ```
 */
export function decodeJwt<T extends JwtClaims = JwtClaims>(token: string, options: DecodeJwtOptions = {}): { header: JoseHeader; payload: T } {
  const opts = optionsObject(options, 'decodeJwt', 'decodeJwt(token, { maxTokenLength: 8192 })');
  checkOptionNames(opts, ['maxTokenLength', 'maxHeaderBytes', 'maxJsonDepth'], 'decodeJwt');
  const maxJsonDepth = parseLimit(opts.maxJsonDepth, 'maxJsonDepth', DEFAULT_LIMITS.maxJsonDepth);
  const parts = splitCompact(token, parseLimit(opts.maxTokenLength, 'maxTokenLength', DEFAULT_LIMITS.maxTokenLength));
  const header = decodeHeader(parts.header, parseLimit(opts.maxHeaderBytes, 'maxHeaderBytes', DEFAULT_LIMITS.maxHeaderBytes), maxJsonDepth);
  const payload = decodeJsonObject(decodeBase64url(parts.payload, 'payload'), 'payload', 'ERR_JWT_INVALID', maxJsonDepth);
  return { header: header as JoseHeader, payload: payload as T };
}
