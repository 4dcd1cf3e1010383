/**
 * A token passed with its `Authorization` scheme still in front (`Bearer eyJ...`, RFC 6750 §2.1)
 * is the commonest integration mistake. The parsers check for it before anything else reads the
 * token, so the refusal names the prefix instead of a confusing base64url or segment error.
 */
import { joseError, type JoseError, type JoseErrorCode } from './errors.js';

/**
 * The refusal for a token that starts with `Bearer ` (any case), or undefined when it does not.
 * Only the prefix is shown, never the token.
 *
 * @example
 * ```ts
 * const err = bearerPrefixError(token, 'ERR_JWS_INVALID');
 * if (err !== undefined) throw err;
 * ```
 */
export function bearerPrefixError(token: string, code: JoseErrorCode): JoseError | undefined {
  // One comparison on the hot path: a compact token never holds a space.
  if (token.charCodeAt(6) !== 0x20 || token.slice(0, 6).toLowerCase() !== 'bearer') return undefined;
  return joseError(code, `the token starts with the "${token.slice(0, 6)} " prefix of the Authorization header; it is not part of the token`, {
    reason: 'bearer',
    hint: "pass only the token: strip the scheme first, e.g. header.slice('Bearer '.length).trim()",
  });
}
