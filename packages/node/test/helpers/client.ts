/**
 * A small HTTP client for the flow tests: a cookie jar that honours Path and Max-Age (as a browser
 * would, for the paths these tests use), an Origin header for state-changing cookie requests, and the
 * parsed Set-Cookie attributes for assertions on flags.
 */
import { send, type Reply, type Send } from './http.js';

export interface SetCookie {
  name: string;
  value: string;
  attributes: Record<string, string | true>;
}

export function parseSetCookie(line: string): SetCookie {
  const [pair = '', ...attrs] = line.split(';');
  const eq = pair.indexOf('=');
  const attributes: Record<string, string | true> = {};
  for (const attr of attrs) {
    const i = attr.indexOf('=');
    const key = (i === -1 ? attr : attr.slice(0, i)).trim().toLowerCase();
    attributes[key] = i === -1 ? true : attr.slice(i + 1).trim();
  }
  return { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim(), attributes };
}

export function setCookies(reply: Reply): SetCookie[] {
  return (reply.headers['set-cookie'] ?? []).map(parseSetCookie);
}

interface Stored {
  value: string;
  path: string;
}

export class Browser {
  readonly jar = new Map<string, Stored>();

  constructor(
    readonly base: string,
    /** The Origin sent with state-changing requests; `null` sends none (like a non-browser client). */
    readonly origin: string | null = base,
  ) {}

  cookieHeader(path: string): string | undefined {
    const pairs: string[] = [];
    for (const [name, { value, path: scope }] of this.jar) {
      const matches = path === scope || path.startsWith(scope.endsWith('/') ? scope : `${scope}/`) || scope === '/';
      if (matches) pairs.push(`${name}=${value}`);
    }
    return pairs.length > 0 ? pairs.join('; ') : undefined;
  }

  store(reply: Reply): void {
    for (const c of setCookies(reply)) {
      const maxAge = c.attributes['max-age'];
      const expired = maxAge !== undefined && Number(maxAge) <= 0;
      if (expired || c.value === '') this.jar.delete(c.name);
      else this.jar.set(c.name, { value: c.value, path: typeof c.attributes.path === 'string' ? c.attributes.path : '/' });
    }
  }

  async request(path: string, init: Send = {}): Promise<Reply> {
    const headers: Record<string, string | string[]> = { ...init.headers };
    const cookie = this.cookieHeader(path.split('?')[0]!);
    if (cookie !== undefined) headers.cookie = cookie;
    const method = init.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD' && this.origin !== null && headers.origin === undefined) headers.origin = this.origin;
    const reply = await send(`${this.base}${path}`, { ...init, headers });
    this.store(reply);
    return reply;
  }

  login(username: string, password: string): Promise<Reply> {
    return this.request('/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
  }
}
