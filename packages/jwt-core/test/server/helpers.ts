/**
 * Test helpers for the auth layer: a fake clock, an in-memory user table, a warning collector,
 * and a small browser-like cookie jar that honours Path, Max-Age and deletion, so cookie-scoping
 * bugs show up in the tests the way they would in a browser.
 */
import { importSecret } from '../../src/jwk/import-secret.js';
import { createAuth, createMemoryStore } from '../../src/server/index.js';
import type { Auth, AuthConfig } from '../../src/server/index.js';

export interface User {
  id: string;
  name: string;
  password: string;
  roles: string[];
  locked?: boolean;
  bio?: string;
}

export const ORIGIN = 'https://app.example.com';

export class Clock {
  t = Date.parse('2026-11-22T10:00:00Z');
  now = (): Date => new Date(this.t);
  advance(seconds: number): void {
    this.t += seconds * 1000;
  }
}

export function makeUsers(): Map<string, User> {
  return new Map<string, User>([
    ['alice', { id: 'u-alice', name: 'alice', password: 'correct horse', roles: ['admin'] }],
    ['bob', { id: 'u-bob', name: 'bob', password: 'battery staple', roles: [] }],
  ]);
}

export interface Setup {
  auth: Auth;
  clock: Clock;
  users: Map<string, User>;
  warnings: string[];
}

export function setup(overrides: Partial<AuthConfig<User>> = {}): Setup {
  const clock = new Clock();
  const users = makeUsers();
  const warnings: string[] = [];
  const byId = (id: string) => [...users.values()].find((u) => u.id === id);
  const auth = createAuth<User>({
    keys: importSecret(crypto.getRandomValues(new Uint8Array(32)), { alg: 'HS256', kid: 'k1' }),
    issuer: ORIGIN,
    audience: 'app',
    origin: ORIGIN,
    accessTokenTtl: '10m',
    authenticate: ({ username, password }) => {
      const u = users.get(username);
      return u !== undefined && u.password === password ? u : null;
    },
    loadUser: (sub) => {
      const u = byId(sub);
      return u === undefined || u.locked ? null : u;
    },
    claims: (u) => ({ sub: u.id, name: u.name, roles: u.roles, ...(u.bio === undefined ? {} : { bio: u.bio }) }),
    now: clock.now,
    // Explicit: the edge project runs where createAuth refuses the implicit in-memory default.
    store: createMemoryStore({ now: overrides.now ?? clock.now }),
    logger: { warn: (m) => warnings.push(m) },
    ...overrides,
  });
  return { auth, clock, users, warnings };
}

interface JarCookie {
  value: string;
  path: string;
  attrs: string;
}

/** A browser-ish cookie jar for one origin. */
export class Jar {
  readonly cookies = new Map<string, JarCookie>();

  take(response: Response | Headers): void {
    const headers = response instanceof Headers ? response : response.headers;
    for (const line of headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';').map((s) => s.trim());
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      const path = attrs.find((a) => a.startsWith('Path='))?.slice(5) ?? '/';
      const maxAge = Number(attrs.find((a) => a.startsWith('Max-Age='))?.slice(8) ?? '1');
      if (maxAge <= 0) this.cookies.delete(name);
      else this.cookies.set(name, { value, path, attrs: attrs.join('; ') });
    }
  }

  /** The Cookie header a browser would send to `path` (RFC 6265 §5.1.4 path-match). */
  header(path: string): string | undefined {
    const pairs = [...this.cookies.entries()]
      .filter(([, c]) => c.path === '/' || path === c.path || path.startsWith(`${c.path}/`))
      .map(([n, c]) => `${n}=${c.value}`);
    return pairs.length === 0 ? undefined : pairs.join('; ');
  }
}

export interface RequestOptions {
  json?: unknown;
  form?: Record<string, string>;
  headers?: Record<string, string>;
  jar?: Jar;
  /** Send `Origin: <ORIGIN>` (default true for non-GET). */
  origin?: string | false;
  bearer?: string;
}

export function request(method: string, path: string, o: RequestOptions = {}): Request {
  const headers = new Headers(o.headers);
  let body: string | undefined;
  if (o.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(o.json);
  } else if (o.form !== undefined) {
    headers.set('content-type', 'application/x-www-form-urlencoded');
    body = new URLSearchParams(o.form).toString();
  }
  const origin = o.origin ?? (method === 'GET' || method === 'HEAD' ? false : ORIGIN);
  if (origin !== false) headers.set('origin', origin);
  const cookie = o.jar?.header(new URL(path, ORIGIN).pathname);
  if (cookie !== undefined) headers.set('cookie', cookie);
  if (o.bearer !== undefined) headers.set('authorization', `Bearer ${o.bearer}`);
  return new Request(new URL(path, ORIGIN), { method, headers, body });
}

/** Logs in (cookie transports) and returns the jar holding the session cookies. */
export async function login(auth: Auth, name = 'alice', password?: string): Promise<Jar> {
  const jar = new Jar();
  const pw = password ?? makeUsers().get(name)!.password;
  const res = await auth.handle(request('POST', '/auth/login', { json: { username: name, password: pw }, jar }));
  if (res === null || res.status !== 200) throw new Error(`login failed: ${res?.status} ${await res?.text()}`);
  jar.take(res);
  return jar;
}

export async function body(res: Response | null): Promise<Record<string, unknown>> {
  if (res === null) throw new Error('no response');
  return (await res.json()) as Record<string, unknown>;
}
