/**
 * The bearer and split transports, refresh-token reuse, logout-all across devices, cookie flags
 * behind a proxy, and fail-closed behaviour of the real auth layer, through @tessera/node over HTTP.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStore, type AuthStore } from '@tessera/jwt-core/server';
import { Browser, setCookies } from './helpers/client.js';
import { startAuthServer, type AuthServer } from './helpers/auth-server.js';
import { send } from './helpers/http.js';

let server: AuthServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface Tokens {
  access_token: string;
  refresh_token: string;
  token_type: string;
  expires_in: number;
}

async function bearerLogin(url: string, username: string, password: string): Promise<Tokens> {
  const reply = await send(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(reply.status).toBe(200);
  return reply.json<Tokens>();
}

const bearer = (url: string, token: string, path = '/api/me', method = 'GET') =>
  send(`${url}${path}`, { method, headers: { authorization: `Bearer ${token}` } });

const refresh = (url: string, refreshToken: string) =>
  send(`${url}/auth/refresh`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refresh_token: refreshToken }),
  });

describe('bearer transport', () => {
  it('login -> access -> expiry -> refresh -> logout -> rejected', async () => {
    server = await startAuthServer({ config: { transport: 'bearer' } });
    const tokens = await bearerLogin(server.url, 'ada', 'pw-ada');
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 600 });
    expect((await bearer(server.url, tokens.access_token)).json()).toMatchObject({ claims: { sub: 'u-ada' } });

    server.clock.advance(11 * 60);
    const expired = await bearer(server.url, tokens.access_token);
    expect(expired.status).toBe(401);
    expect(expired.json()).toMatchObject({ error: 'ERR_JWT_EXPIRED' });
    expect(expired.headers['www-authenticate']).toContain('error="invalid_token"');
    expect(expired.headers['set-cookie']).toBeUndefined(); // bearer never refreshes transparently

    const renewed = await refresh(server.url, tokens.refresh_token);
    expect(renewed.status).toBe(200);
    expect(renewed.headers['cache-control']).toBe('no-store');
    const next = renewed.json<Tokens>();
    expect(next.refresh_token).not.toBe(tokens.refresh_token);
    expect((await bearer(server.url, next.access_token)).status).toBe(200);

    const logout = await send(`${server.url}/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${next.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ refresh_token: next.refresh_token }),
    });
    expect(logout.json()).toMatchObject({ ok: true, revoked: { session: true, accessToken: true } });
    const rejected = await bearer(server.url, next.access_token);
    expect(rejected.status).toBe(401);
    expect(rejected.json()).toMatchObject({ error: 'ERR_JWT_REVOKED' });
    expect((await refresh(server.url, next.refresh_token)).status).toBe(401);
  });

  it('a reused refresh token revokes its whole family', async () => {
    server = await startAuthServer({ config: { transport: 'bearer' } });
    const first = await bearerLogin(server.url, 'ada', 'pw-ada');
    const second = (await refresh(server.url, first.refresh_token)).json<Tokens>();
    // Within the 10 s grace window a second use is a second tab, not theft: it gets tokens too.
    const tab = await refresh(server.url, first.refresh_token);
    expect(tab.status).toBe(200);
    server.clock.advance(60);
    const reuse = await refresh(server.url, first.refresh_token);
    expect(reuse.status).toBe(401);
    expect(reuse.json()).toMatchObject({ error: 'ERR_JWT_REVOKED' });
    expect(String(reuse.json().message)).toContain('already used 1m ago');
    // The thief's use also killed the legitimate descendant and its access token.
    expect((await refresh(server.url, second.refresh_token)).status).toBe(401);
    const access = await bearer(server.url, second.access_token);
    expect(access.status).toBe(401);
    expect(access.json()).toMatchObject({ error: 'ERR_JWT_REVOKED' });
  });

  it('logout-all ends the sessions on every device', async () => {
    server = await startAuthServer({ config: { transport: 'bearer' } });
    const laptop = await bearerLogin(server.url, 'ada', 'pw-ada');
    const phone = await bearerLogin(server.url, 'ada', 'pw-ada');
    const other = await bearerLogin(server.url, 'root', 'pw-root');
    server.clock.advance(1);
    const all = await bearer(server.url, laptop.access_token, '/auth/logout-all', 'POST');
    expect(all.status).toBe(200);
    expect(all.json()).toMatchObject({ ok: true, sub: 'u-ada' });
    for (const device of [laptop, phone]) {
      const access = await bearer(server.url, device.access_token);
      expect(access.status).toBe(401);
      expect(access.json()).toMatchObject({ error: 'ERR_JWT_REVOKED' });
      expect((await refresh(server.url, device.refresh_token)).status).toBe(401);
    }
    expect((await bearer(server.url, other.access_token)).status).toBe(200); // other users unaffected
    server.clock.advance(1);
    const again = await bearerLogin(server.url, 'ada', 'pw-ada'); // a new sign-in works
    expect((await bearer(server.url, again.access_token)).status).toBe(200);
  });

  it('a locked user cannot refresh', async () => {
    server = await startAuthServer({ config: { transport: 'bearer' } });
    const tokens = await bearerLogin(server.url, 'ada', 'pw-ada');
    server.users.get('ada')!.locked = true;
    const refused = await refresh(server.url, tokens.refresh_token);
    expect(refused.status).toBe(401);
    expect(refused.json()).toMatchObject({ error: 'ERR_JWT_REVOKED' });
    server.users.get('ada')!.locked = false;
    expect((await refresh(server.url, tokens.refresh_token)).status).toBe(401); // the session stays revoked
  });

  it('does not apply the CSRF check to bearer requests', async () => {
    server = await startAuthServer({ config: { transport: 'bearer' } });
    const tokens = await bearerLogin(server.url, 'ada', 'pw-ada'); // no Origin header at all
    expect((await bearer(server.url, tokens.access_token, '/auth/logout', 'POST')).status).toBe(200);
  });
});

describe('split transport', () => {
  it('keeps header.payload readable by scripts and the signature HttpOnly; both are needed', async () => {
    server = await startAuthServer({ config: { transport: 'split', cookies: { refreshPath: '/' } } });
    const browser = new Browser(server.url);
    const login = await browser.login('ada', 'pw-ada');
    expect(login.status).toBe(200);
    const cookies = new Map(setCookies(login).map((c) => [c.name, c]));
    const readable = cookies.get('tessera-at')!;
    expect(readable.attributes.httponly).toBeUndefined();
    expect(readable.value.split('.')).toHaveLength(2);
    const claims = JSON.parse(Buffer.from(readable.value.split('.')[1]!, 'base64url').toString()) as { sub: string };
    expect(claims.sub).toBe('u-ada'); // what a page script can read
    expect(cookies.get('tessera-as')!.attributes.httponly).toBe(true);
    expect(cookies.get('tessera-rt')!.attributes.httponly).toBe(true);
    expect((await browser.request('/api/me')).json()).toMatchObject({ claims: { sub: 'u-ada' } });

    // What a script could steal (the readable cookie) is not a usable token.
    const stolen = await send(`${server.url}/api/me`, { headers: { cookie: `tessera-at=${readable.value}` } });
    expect(stolen.status).toBe(401);
    const asBearer = await send(`${server.url}/api/me`, { headers: { authorization: `Bearer ${readable.value}.` } });
    expect(asBearer.status).toBe(401);

    server.clock.advance(11 * 60);
    const later = await browser.request('/api/me');
    expect(later.status).toBe(200);
    expect(setCookies(later).map((c) => c.name).sort()).toEqual(['tessera-as', 'tessera-at', 'tessera-rt']);
  });
});

describe('cookie flags', () => {
  it('are HttpOnly, SameSite=Lax, scoped by Path, and not Secure on loopback http', async () => {
    server = await startAuthServer();
    const login = await new Browser(server.url).login('ada', 'pw-ada');
    const [access, refreshCookie] = ['tessera-at', 'tessera-rt'].map((n) => setCookies(login).find((c) => c.name === n)!);
    expect(access!.attributes).toMatchObject({ httponly: true, samesite: 'Lax', path: '/', 'max-age': '600' });
    expect(refreshCookie!.attributes).toMatchObject({ httponly: true, samesite: 'Lax', path: '/auth' });
    expect(access!.attributes.secure).toBeUndefined();
  });

  it('are Secure with the __Host- prefix behind a trusted TLS-terminating proxy', async () => {
    server = await startAuthServer({ config: { trustProxy: true }, adapter: { trustProxy: true } });
    const behindProxy = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'app.example.com', origin: 'https://app.example.com' };
    const login = await send(`${server.url}/auth/login`, {
      method: 'POST',
      headers: { ...behindProxy, 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ada', password: 'pw-ada' }),
    });
    expect(login.status).toBe(200);
    const cookies = setCookies(login);
    const access = cookies.find((c) => c.name === '__Host-tessera-at')!;
    expect(access.attributes).toMatchObject({ secure: true, httponly: true, samesite: 'Lax', path: '/' });
    const refreshCookie = cookies.find((c) => c.name === '__Secure-tessera-rt')!;
    expect(refreshCookie.attributes).toMatchObject({ secure: true, httponly: true, path: '/auth' });

    // The same request from an untrusted peer: the forwarded headers are ignored, so no Secure cookie,
    // and the claimed https origin does not match the real one (CSRF refusal).
    await server.close();
    server = await startAuthServer({ config: { trustProxy: true } });
    const spoofed = await send(`${server.url}/auth/login`, {
      method: 'POST',
      headers: { ...behindProxy, 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ada', password: 'pw-ada' }),
    });
    expect(spoofed.status).toBe(403);
    expect(spoofed.headers['set-cookie']).toBeUndefined();
  });
});

describe('fail-closed with the real auth layer', () => {
  /** A memory store that can be switched to throwing on every call, like an unreachable Redis. */
  function flakyStore(): { store: AuthStore; fail(on: boolean): void } {
    const inner = createMemoryStore();
    let failing = false;
    const store = new Proxy(inner, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (failing) return Promise.reject(new Error('connect ECONNREFUSED 10.0.0.9:6379 password=hunter2'));
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    return { store, fail: (on) => void (failing = on) };
  }

  it('answers 503, never access, when the store throws', async () => {
    const flaky = flakyStore();
    server = await startAuthServer({ config: { transport: 'bearer' }, store: flaky.store });
    const tokens = await bearerLogin(server.url, 'ada', 'pw-ada');
    expect((await bearer(server.url, tokens.access_token)).status).toBe(200);
    flaky.fail(true);
    for (const path of ['/api/me', '/api/admin', '/api/fn']) {
      const reply = await bearer(server.url, tokens.access_token, path);
      expect(reply.status).toBe(503);
      expect(reply.json()).toMatchObject({ error: 'ERR_AUTH_UNAVAILABLE' });
      expect(reply.body).not.toContain('hunter2');
    }
    const login = await send(`${server.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ada', password: 'pw-ada' }),
    });
    expect(login.status).toBe(503);
    expect((await refresh(server.url, tokens.refresh_token)).status).toBe(503);
    flaky.fail(false);
    expect((await bearer(server.url, tokens.access_token)).status).toBe(200);
  });

  it('answers 503 when a user callback throws during refresh', async () => {
    server = await startAuthServer({
      config: { transport: 'bearer', loadUser: () => Promise.reject(new Error('users db down')) },
    });
    const tokens = await bearerLogin(server.url, 'ada', 'pw-ada');
    const reply = await refresh(server.url, tokens.refresh_token);
    expect(reply.status).toBe(503);
    expect(reply.json()).toMatchObject({ error: 'ERR_AUTH_UNAVAILABLE' });
  });
});
