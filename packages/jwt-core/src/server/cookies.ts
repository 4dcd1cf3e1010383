/**
 * Cookie reading and writing (RFC 6265), with tokens split across numbered cookies when they exceed
 * what one cookie holds (browsers keep ~4096 bytes per cookie, RFC 6265 §6.1 minimum).
 */
import { joseError } from '../errors.js';
import type { AuthRequest } from './types.js';

/** Attributes of one Set-Cookie line. */
export interface CookieAttributes {
  path: string;
  domain?: string | undefined;
  secure: boolean;
  httpOnly: boolean;
  sameSite: 'Strict' | 'Lax' | 'None';
  /** Seconds; 0 deletes the cookie. */
  maxAge: number;
}

/** Most name=value pairs read from one Cookie header; the rest is ignored (input bound). */
const MAX_PAIRS = 200;
/** Longest Cookie header read, in characters. */
const MAX_HEADER = 32_768;

/**
 * The cookies of a request, first occurrence of each name winning (RFC 6265 §5.4 sorts longer paths
 * first, so the most specific cookie comes first).
 */
export function parseCookies(request: AuthRequest): Map<string, string> {
  const out = new Map<string, string>();
  const header = request.headers.get('cookie');
  if (header === null) return out;
  let count = 0;
  for (const part of header.slice(0, MAX_HEADER).split(';')) {
    if (++count > MAX_PAIRS) break;
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (name !== '' && !out.has(name)) out.set(name, value);
  }
  return out;
}

/**
 * What {@link parseCookies} left unread of the request's Cookie header (too long, or too many
 * pairs), as a phrase and the limit, or undefined when it read it all. Asked only when no token
 * was found, so a session cookie past the cut is reported as a size problem, not "no token".
 */
export function cookieHeaderCut(request: AuthRequest): { message: string; limit: string } | undefined {
  const header = request.headers.get('cookie');
  if (header === null) return undefined;
  if (header.length > MAX_HEADER) return { message: `the Cookie header is ${header.length} characters; the auth layer reads the first ${MAX_HEADER}`, limit: `cookie header ${MAX_HEADER} characters` };
  const pairs = header.split(';').length;
  if (pairs > MAX_PAIRS) return { message: `the Cookie header holds ${pairs} cookies; the auth layer reads the first ${MAX_PAIRS}`, limit: `${MAX_PAIRS} cookies` };
  return undefined;
}

/** RFC 6265 §4.1.1 cookie-value characters (our values are base64url and `.`, always safe). */
const COOKIE_VALUE = /^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*$/;
const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** One Set-Cookie header value. */
export function serializeCookie(name: string, value: string, a: CookieAttributes): string {
  if (!COOKIE_NAME.test(name)) throw new TypeError(`invalid cookie name ${JSON.stringify(name)}`);
  if (!COOKIE_VALUE.test(value)) throw new TypeError(`invalid characters in the value of cookie ${name}`);
  let line = `${name}=${value}; Path=${a.path}; Max-Age=${Math.max(0, Math.floor(a.maxAge))}`;
  if (a.maxAge <= 0) line += '; Expires=Thu, 01 Jan 1970 00:00:00 GMT';
  if (a.domain !== undefined) line += `; Domain=${a.domain}`;
  if (a.secure) line += '; Secure';
  if (a.httpOnly) line += '; HttpOnly';
  line += `; SameSite=${a.sameSite}`;
  return line;
}

/** Chunk layout limits. */
export interface ChunkLimits {
  chunkSize: number;
  maxChunks: number;
}

/**
 * Set-Cookie lines writing `value` under `name`, or under `name.0`, `name.1`, ... when it is longer
 * than `chunkSize`. Cookies of the other layout and stale higher-numbered chunks that the request
 * still carries are deleted, so a shrinking token never leaves a stale tail behind.
 */
export function writeChunked(
  name: string, value: string, attrs: CookieAttributes, limits: ChunkLimits, present: ReadonlyMap<string, string>,
): string[] {
  const count = value.length <= limits.chunkSize ? 0 : Math.ceil(value.length / limits.chunkSize);
  if (count > limits.maxChunks) {
    throw joseError('ERR_JOSE_INVALID_OPTION', `the token is ${value.length} characters: more than ${limits.maxChunks} cookies of ${limits.chunkSize}`, {
      hint: 'put fewer claims in the token (claims(user)), or raise cookies.maxChunks',
    });
  }
  const lines: string[] = [];
  if (count === 0) {
    lines.push(serializeCookie(name, value, attrs));
  } else {
    for (let i = 0; i < count; i++) {
      lines.push(serializeCookie(`${name}.${i}`, value.slice(i * limits.chunkSize, (i + 1) * limits.chunkSize), attrs));
    }
  }
  lines.push(...clearStale(name, count, attrs, limits, present));
  return lines;
}

/** Deletes every cookie of `name`'s layouts the request carries, except the first `keep` chunks. */
export function clearStale(
  name: string, keep: number, attrs: CookieAttributes, limits: ChunkLimits, present: ReadonlyMap<string, string>,
): string[] {
  const gone = { ...attrs, maxAge: 0 };
  const lines: string[] = [];
  if (keep > 0 && present.has(name)) lines.push(serializeCookie(name, '', gone));
  for (let i = keep; i <= limits.maxChunks; i++) {
    if (present.has(`${name}.${i}`)) lines.push(serializeCookie(`${name}.${i}`, '', gone));
  }
  return lines;
}

/** Set-Cookie lines deleting `name` in both layouts, whether or not the request carries it. */
export function clearAll(name: string, attrs: CookieAttributes, present: ReadonlyMap<string, string>, limits: ChunkLimits): string[] {
  const gone = { ...attrs, maxAge: 0 };
  return [serializeCookie(name, '', gone), ...clearStale(name, 0, attrs, limits, present)];
}

/**
 * The value stored under `name`: the single cookie, or the chunks `name.0..name.n-1` joined.
 * Undefined when absent; `ERR_JWS_INVALID` when the chunks are incomplete or too many (a tampered or
 * half-updated set must not be guessed at).
 */
export function readChunked(name: string, cookies: ReadonlyMap<string, string>, limits: ChunkLimits): string | undefined {
  const single = cookies.get(name);
  if (single !== undefined && single !== '') return single;
  if (!cookies.has(`${name}.0`)) return undefined;
  const parts: string[] = [];
  for (let i = 0; i < limits.maxChunks; i++) {
    const part = cookies.get(`${name}.${i}`);
    if (part === undefined || part === '') break;
    parts.push(part);
  }
  if (cookies.has(`${name}.${limits.maxChunks}`)) {
    throw joseError('ERR_JWS_INVALID', `cookie ${name} comes in more than ${limits.maxChunks} chunks`, {
      hint: 'clear the site cookies and sign in again; the server accepts at most cookies.maxChunks chunks',
      reason: 'too_many_chunks', limit: String(limits.maxChunks),
    });
  }
  for (const key of cookies.keys()) {
    const m = key.startsWith(`${name}.`) ? /^\d+$/.exec(key.slice(name.length + 1)) : null;
    if (m !== null && Number(m[0]) >= parts.length && cookies.get(key) !== '') {
      throw joseError('ERR_JWS_INVALID', `cookie ${name} has a gap: chunk ${key} is present but chunk ${name}.${parts.length} is missing`, {
        hint: 'the browser dropped a chunk (cookie limit per domain?); sign in again and keep the token small',
        reason: 'chunk_gap',
      });
    }
  }
  return parts.join('');
}

/**
 * The Cookie header a request would carry had the browser already stored `setCookies` (Set-Cookie
 * lines, such as a transparent refresh's): each cookie they name replaced, or removed when the line
 * deletes it (`Max-Age=0` or an empty value); every other cookie kept as it came, in its place.
 * For frameworks that hand a rewritten request to the rest of the same request (Next.js
 * middleware), so the route sees the new tokens. Undefined when no cookie is left.
 *
 * @example
 * ```ts
 * const headers = new Headers([['set-cookie', 'tessera-at=new; Path=/; HttpOnly']]);
 * cookieHeaderAfter('theme=dark; tessera-at=old', headers); // 'theme=dark; tessera-at=new'
 * ```
 */
export function cookieHeaderAfter(cookieHeader: string | null, setCookies: Headers): string | undefined {
  const next = new Map<string, string | undefined>();
  for (const line of setCookies.getSetCookie()) {
    const [pair = '', ...attrs] = line.split(';');
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const value = pair.slice(eq + 1).trim();
    const deleted = value === '' || attrs.some((a) => /^\s*max-age\s*=\s*(0|-\d+)\s*$/i.test(a));
    next.set(pair.slice(0, eq).trim(), deleted ? undefined : value);
  }
  const kept = (cookieHeader ?? '').split(';').map((p) => p.trim()).filter((p) => {
    const eq = p.indexOf('=');
    return p !== '' && !next.has((eq === -1 ? p : p.slice(0, eq)).trim());
  });
  for (const [name, value] of next) if (value !== undefined) kept.push(`${name}=${value}`);
  return kept.length === 0 ? undefined : kept.join('; ');
}
