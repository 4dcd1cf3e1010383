/**
 * Safe JSON for untrusted input: strict UTF-8, bounded nesting depth (a deep `[[[[...` must give a
 * typed error, not a stack overflow), no prototype pollution (`__proto__` keys are refused), and
 * the result must be a plain object where the caller needs one. Every layer decodes untrusted
 * JSON through {@link decodeJsonObject} (octets) or {@link parseJson} (text).
 */
import { joseError, type JoseErrorCode } from './errors.js';
import { fromUtf8 } from './utf8.js';

/** Depth of the deepest nesting in `text`, ignoring brackets inside strings; stops early past `max`. */
function exceedsDepth(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) { if (++depth > max) return true; }
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/**
 * Whether `text` holds at most `max` opening brackets in all (strings included), so that it
 * cannot nest deeper than `max`. indexOf is native, so typical flat claims skip the full scan.
 */
function fewBrackets(text: string, max: number): boolean {
  let n = 0;
  for (let i = text.indexOf('{'); i >= 0; i = text.indexOf('{', i + 1)) if (++n > max) return false;
  for (let i = text.indexOf('['); i >= 0; i = text.indexOf('[', i + 1)) if (++n > max) return false;
  return true;
}

/**
 * Parse untrusted JSON `text` with the guards: nesting bounded by `maxDepth` (checked before
 * parsing), and no own `__proto__` member at any depth (prototype pollution). `what` names the
 * part in messages ("header", "payload"); every refusal is a JoseError with `code`.
 *
 * @example
 * ```ts
 * const list = parseJson(process.env.JWKS!, 'JWT_KEYS', 'ERR_JOSE_INVALID_OPTION', 32);
 * ```
 */
export function parseJson(text: string, what: string, code: JoseErrorCode, maxDepth: number): unknown {
  if (!fewBrackets(text, maxDepth) && exceedsDepth(text, maxDepth)) {
    throw joseError(code, `${what} JSON nests deeper than ${maxDepth} levels`, {
      reason: 'depth', limit: `maxJsonDepth=${maxDepth}`,
      hint: 'tokens should carry flat claims; raise maxJsonDepth only if you issue deeply nested claims yourself',
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw joseError(code, `${what} is not valid JSON`, { reason: 'json', hint: 'the token was truncated or altered in transit' });
  }
  if (text.includes('__proto__') && hasProtoKey(value)) {
    throw joseError(code, `${what} contains a "__proto__" member, which is refused (prototype pollution)`, {
      reason: 'proto', hint: 'no JOSE header parameter or claim is named __proto__: whoever made this input meant to pollute object prototypes',
    });
  }
  return value;
}

/**
 * {@link parseJson}, and the value must be a JSON object (RFC 7515 §4, RFC 7519 §7.2).
 *
 * @example
 * ```ts
 * const header = parseJsonObject('{"alg":"ES256"}', 'header', 'ERR_JWS_INVALID', 32);
 * ```
 */
export function parseJsonObject(text: string, what: string, code: JoseErrorCode, maxDepth: number): Record<string, unknown> {
  const value = parseJson(text, what, code, maxDepth);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const kind = Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`;
    throw joseError(code, `${what} must be a JSON object, got ${kind}`, { reason: 'type', hint: `RFC 7519 §7.2: the ${what} is a JSON object` });
  }
  return value as Record<string, unknown>;
}

/**
 * The one decoder of untrusted JSON octets (a JWS header or payload, a JWE protected header, a
 * JWKS document): strict UTF-8 (invalid sequences are an error, never U+FFFD), then
 * {@link parseJsonObject} with its guards. Every refusal is a JoseError with `code`.
 *
 * @example
 * ```ts
 * const header = decodeJsonObject(decodeBase64url(segment, 'header'), 'header', 'ERR_JWS_INVALID', 32);
 * ```
 */
export function decodeJsonObject(bytes: Uint8Array, what: string, code: JoseErrorCode, maxDepth: number): Record<string, unknown> {
  let text: string;
  try {
    text = fromUtf8(bytes);
  } catch {
    throw joseError(code, `${what} is not valid UTF-8`, {
      reason: 'utf8', hint: 'JOSE JSON is UTF-8 (RFC 7515 §2, RFC 8259 §8.1): the data was altered or truncated in transit, or is not what it claims to be',
    });
  }
  return parseJsonObject(text, what, code, maxDepth);
}

/** Whether any object in `value`, at any depth, has an own `__proto__` member. */
export function hasProtoKey(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some(hasProtoKey);
  for (const k of Object.keys(value)) {
    if (k === '__proto__' || hasProtoKey((value as Record<string, unknown>)[k])) return true;
  }
  return false;
}
