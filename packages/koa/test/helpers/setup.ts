/** A real auth layer for the Koa tests: HS256, memory store, a clock the test moves, two users. */
import { importSecret } from '@tessera/jwt-core';
import { createAuth, createMemoryStore, type Auth, type AuthConfig } from '@tessera/jwt-core/server';

export interface TestUser {
  id: string;
  username: string;
  password: string;
  roles: string[];
}

export const USERS: readonly TestUser[] = [
  { id: 'u-ada', username: 'ada', password: 'pw-ada', roles: ['user'] },
  { id: 'u-root', username: 'root', password: 'pw-root', roles: ['user', 'admin'] },
];

export interface Setup {
  auth: Auth;
  /** Moves the clock forward by `seconds`. */
  advance(seconds: number): void;
}

export function setup(config: Partial<AuthConfig<TestUser>> = {}): Setup {
  let ms = Date.UTC(2026, 11, 5, 12);
  const auth = createAuth<TestUser>({
    keys: importSecret(crypto.getRandomValues(new Uint8Array(32)), { alg: 'HS256', kid: 'k1' }),
    issuer: 'http://127.0.0.1',
    audience: 'koa-tests',
    transport: 'bearer',
    store: createMemoryStore({ now: () => new Date(ms) }),
    now: () => new Date(ms),
    authenticate: ({ username, password }) => USERS.find((u) => u.username === username && u.password === password) ?? null,
    loadUser: (sub) => USERS.find((u) => u.id === sub) ?? null,
    claims: (user) => ({ sub: user.id, roles: user.roles }),
    logger: { warn: () => undefined },
    ...config,
  });
  return { auth, advance: (seconds) => void (ms += seconds * 1000) };
}

/** Signs in over HTTP (bearer transport) and returns the access token. */
export async function bearerFor(url: string, username: string): Promise<string> {
  const user = USERS.find((u) => u.username === username)!;
  const res = await fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: user.password }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${username} answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** The `name=value` pairs of a response's Set-Cookie lines, as a Cookie header. */
export function cookieHeader(res: Response, previous = ''): string {
  const jar = new Map(previous.split('; ').filter(Boolean).map((p) => p.split('=', 2) as [string, string]));
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const [name, value] = pair!.split('=', 2) as [string, string];
    if (value === '' || /max-age=0/i.test(line)) jar.delete(name);
    else jar.set(name, value);
  }
  return [...jar].map(([n, v]) => `${n}=${v}`).join('; ');
}
