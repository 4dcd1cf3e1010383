/**
 * The suite's HTTP client: Node's global `fetch` (undici) with `redirect: 'manual'`, responses read
 * completely, every `Set-Cookie` line kept apart (`Headers.getSetCookie()`), and a cookie jar that
 * honours Path and Max-Age as a browser would for the paths the cases use.
 */
import type { Client, Reply, RequestOptions, SetCookie } from './types.js';

/**
 * One `Set-Cookie` line: name, value and attributes (names lower-cased, flags `true`).
 *
 * @example
 * ```ts
 * parseSetCookie('tessera-at=abc; Path=/; HttpOnly').attributes; // { path: '/', httponly: true }
 * ```
 */
export function parseSetCookie(line: string): SetCookie {
  const [pair = '', ...attrs] = line.split(';');
  const eq = pair.indexOf('=');
  const attributes: Record<string, string | true> = {};
  for (const attr of attrs) {
    const i = attr.indexOf('=');
    const key = (i === -1 ? attr : attr.slice(0, i)).trim().toLowerCase();
    attributes[key] = i === -1 ? true : attr.slice(i + 1).trim();
  }
  return { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim(), attributes, line };
}

function snippet(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}...` : text;
}

/** Sends one request to `base + path` and reads the whole response. */
export async function send(base: string, path: string, options: RequestOptions = {}): Promise<Reply> {
  const method = options.method ?? (options.json === undefined && options.body === undefined ? 'GET' : 'POST');
  const what = `${method} ${path}`;
  const headers = new Headers(options.headers);
  let body = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  // `duplex` is required by undici for a streamed body (it is not in the DOM typings).
  const init = { method, headers, body, redirect: 'manual', ...(typeof body === 'object' ? { duplex: 'half' } : {}) };
  const res = await fetch(`${base}${path}`, init as RequestInit);
  const text = await res.text();
  return {
    what,
    status: res.status,
    headers: res.headers,
    cookies: res.headers.getSetCookie().map(parseSetCookie),
    body: text,
    json() {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        throw new Error(`${what}: expected a JSON body, got ${res.status} ${JSON.stringify(snippet(text))}`);
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${what}: expected a JSON object, got ${snippet(text)}`);
      return value as Record<string, unknown>;
    },
  };
}

/** Whether a cookie scoped to `scope` is sent to `path` (RFC 6265 §5.1.4 path-match). */
function pathMatches(path: string, scope: string): boolean {
  return path === scope || scope === '/' || path.startsWith(scope.endsWith('/') ? scope : `${scope}/`);
}

/** A browser-like client for `base`; `origin` is sent on unsafe methods unless the request sets one (null: never). */
export function createClient(base: string, origin: string | null): Client {
  const jar = new Map<string, { value: string; path: string }>();
  const client: Client = {
    jar,
    async request(path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      const pathname = path.split('?')[0]!;
      const pairs = [...jar].filter(([, c]) => pathMatches(pathname, c.path)).map(([name, c]) => `${name}=${c.value}`);
      if (pairs.length > 0 && headers.cookie === undefined) headers.cookie = pairs.join('; ');
      const method = (options.method ?? (options.json === undefined && options.body === undefined ? 'GET' : 'POST')).toUpperCase();
      if (origin !== null && method !== 'GET' && method !== 'HEAD' && headers.origin === undefined) headers.origin = origin;
      const reply = await send(base, path, { ...options, method, headers });
      for (const c of reply.cookies) {
        const maxAge = c.attributes['max-age'];
        if (c.value === '' || (maxAge !== undefined && Number(maxAge) <= 0)) jar.delete(c.name);
        else jar.set(c.name, { value: c.value, path: typeof c.attributes.path === 'string' ? c.attributes.path : '/' });
      }
      return reply;
    },
    login(username, password) {
      return client.request('/auth/login', { method: 'POST', json: { username, password } });
    },
  };
  return client;
}
