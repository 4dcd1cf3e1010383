/**
 * Step 1 of verification: the compact serialization (RFC 7515 §7.1), taken apart without trusting
 * any of it. The length limit is checked before any decoding; the header is size-checked before
 * it is decoded; every segment must be strict base64url. The payload is only checked here, never
 * decoded: it is not decoded or interpreted until a signature has verified.
 */
import { joseError } from '../lib/errors.js';
import { decodeBase64url, decodedLength, isStrictBase64url } from '../lib/base64url.js';
import { bearerPrefixError } from '../lib/bearer.js';
import { decodeJsonObject } from '../lib/json.js';

/** The three segments of a compact JWS, and where the signing input ends. */
export interface CompactParts {
  readonly header: string;
  readonly payload: string;
  /**
   * The signature segment, checked to be strict (canonical) base64url but not decoded: an HMAC is
   * compared as text and other algorithms decode it only once its length fits the key (step 5).
   */
  readonly signature: string;
  /** Index of the second `.`: `token.slice(0, signingInputEnd)` is the JWS Signing Input. */
  readonly signingInputEnd: number;
}

const HINT_FORMAT = 'a compact JWS is three base64url segments joined by dots: header.payload.signature';

/** Split `token` into its three segments. Throws ERR_JWS_INVALID naming what is wrong. */
export function splitCompact(token: unknown, maxTokenLength: number): CompactParts {
  if (typeof token !== 'string') {
    throw joseError('ERR_JWS_INVALID', `token must be a string, got ${token === null ? 'null' : Array.isArray(token) ? 'an array' : typeof token}`, {
      reason: 'type',
      hint: 'pass the compact token text; the JWS JSON serialization is not accepted',
    });
  }
  // Before anything else: an oversized input costs nothing but this comparison.
  if (token.length > maxTokenLength) {
    throw joseError('ERR_JWS_INVALID', `token is ${token.length} characters, over the limit of ${maxTokenLength} (maxTokenLength)`, {
      reason: 'limit',
      limit: `maxTokenLength=${maxTokenLength}`,
      hint: 'raise maxTokenLength if you really issue tokens this large; otherwise the input is not one of your tokens',
    });
  }
  const bearer = bearerPrefixError(token, 'ERR_JWS_INVALID');
  if (bearer !== undefined) throw bearer;
  const dot1 = token.indexOf('.');
  const dot2 = dot1 < 0 ? -1 : token.indexOf('.', dot1 + 1);
  if (dot2 < 0 || token.indexOf('.', dot2 + 1) >= 0) {
    const segments = dot1 < 0 ? 1 : countSegments(token);
    const what = segments === 5 ? ' (five segments is a JWE; decrypt it instead)' : '';
    throw joseError('ERR_JWS_INVALID', `token has ${segments} segment${segments === 1 ? '' : 's'}, expected 3${what}`, {
      reason: 'format',
      hint: token.trimStart().startsWith('{') ? 'the JWS JSON serialization is not accepted; use the compact form' : HINT_FORMAT,
    });
  }
  const header = token.slice(0, dot1);
  const payload = token.slice(dot1 + 1, dot2);
  if (header.length === 0) {
    throw joseError('ERR_JWS_INVALID', 'token header segment is empty', { reason: 'format', hint: HINT_FORMAT });
  }
  if (!isStrictBase64url(payload)) throw notBase64url('payload');
  const signature = token.slice(dot2 + 1);
  if (!isStrictBase64url(signature)) throw notBase64url('signature');
  return { header, payload, signature, signingInputEnd: dot2 };
}

function notBase64url(what: string): Error {
  return joseError('ERR_JWS_INVALID', `${what} is not valid base64url (RFC 7515 §2: no padding, no '+' or '/', canonical)`, {
    reason: 'base64url',
    hint: 'encode with base64url without padding; a token copied through a URL decoder or a mail client can be altered',
  });
}

function countSegments(token: string): number {
  let n = 1;
  for (let i = token.indexOf('.'); i >= 0; i = token.indexOf('.', i + 1)) n++;
  return n;
}

/**
 * Decode and parse the protected header segment: size-checked before decoding, strict UTF-8, a
 * JSON object within the nesting limit, no `__proto__` members.
 */
export function decodeHeader(segment: string, maxHeaderBytes: number, maxJsonDepth: number): Record<string, unknown> {
  if (decodedLength(segment.length) > maxHeaderBytes) {
    throw joseError('ERR_JWS_INVALID', `header decodes to ${decodedLength(segment.length)} bytes, over the limit of ${maxHeaderBytes} (maxHeaderBytes)`, {
      reason: 'limit',
      limit: `maxHeaderBytes=${maxHeaderBytes}`,
      hint: 'a protected header should carry alg, kid and typ; raise maxHeaderBytes only for headers you issue yourself',
    });
  }
  return decodeJsonObject(decodeBase64url(segment, 'header'), 'header', 'ERR_JWS_INVALID', maxJsonDepth);
}
