/**
 * Safe JSON for untrusted token parts: bounded nesting depth (a deep `[[[[...` must give a typed
 * error, not a stack overflow), no prototype pollution (`__proto__` keys are refused), and the
 * result must be a plain object where the caller needs one.
 */
import { joseError, type JoseErrorCode } from './errors.js';

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
 * Parse `text` as a JSON object. `what` names the part in messages ("header", "payload").
 * Throws `code` for invalid JSON, too deep nesting, `__proto__` keys or a non-object value.
 */
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

export function parseJsonObject(text: string, what: string, code: JoseErrorCode, maxDepth: number): Record<string, unknown> {
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
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const kind = Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`;
    throw joseError(code, `${what} must be a JSON object, got ${kind}`, { reason: 'type', hint: `RFC 7519 §7.2: the ${what} is a JSON object` });
  }
  if (text.includes('__proto__') && hasProtoKey(value)) {
    throw joseError(code, `${what} contains a "__proto__" member, which is refused (prototype pollution)`, { reason: 'proto' });
  }
  return value as Record<string, unknown>;
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
