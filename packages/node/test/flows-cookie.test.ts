/**
 * The token life cycle in the cookie transport, through @tessera/node over real HTTP on 127.0.0.1,
 * with the auth layer's clock injected (tokens expire without waiting).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Browser, setCookies } from './helpers/client.js';
import { startAuthServer, type AuthServer } from './helpers/auth-server.js';

let server: AuthServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('cookie transport', () => {
  it('login -> access -> expiry -> transparent refresh -> logout -> rejected', async () => {
    server = await startAuthServer({ config: { cookies: { refreshPath: '/' } } });
    const browser = new Browser(server.url);

    const login = await browser.login('ada', 'pw-ada');
    expect(login.status).toBe(200);
    expect(login.headers['cache-control']).toBe('no-store');
    expect(login.json()).toMatchObject({ token_type: 'cookie', claims: { sub: 'u-ada' } });
    expect(login.body).not.toMatch(/eyJ/); // no token in the body: it lives in HttpOnly cookies
    expect([...browser.jar.keys()].sort()).toEqual(['tessera-at', 'tessera-rt']);

    const me = await browser.request('/api/me');
    expect(me.status).toBe(200);
    expect(me.json()).toMatchObject({ claims: { sub: 'u-ada', roles: ['user'], iss: 'https://issuer.test' } });
    expect(me.headers['set-cookie']).toBeUndefined();

    const firstAccess = browser.jar.get('tessera-at')!.value;
    const firstRefresh = browser.jar.get('tessera-rt')!.value;
    server.clock.advance(11 * 60); // past the 10-minute access token
    const later = await browser.request('/api/me');
    expect(later.status).toBe(200);
    const renewed = setCookies(later).map((c) => c.name).sort();
    expect(renewed).toEqual(['tessera-at', 'tessera-rt']);
    expect(browser.jar.get('tessera-at')!.value).not.toBe(firstAccess);
    expect(browser.jar.get('tessera-rt')!.value).not.toBe(firstRefresh);
    // The middleware's function form does the same through `authenticate`.
    expect((await browser.request('/api/fn')).json()).toEqual({ sub: 'u-ada' });

    const access = browser.jar.get('tessera-at')!.value;
    const logout = await browser.request('/auth/logout', { method: 'POST' });
    expect(logout.status).toBe(200);
    expect(logout.json()).toMatchObject({ ok: true, revoked: { session: true, accessToken: true } });
    expect(browser.jar.size).toBe(0); // the cookies were deleted

    const signedOut = await browser.request('/api/me');
    expect(signedOut.status).toBe(401);
    expect(signedOut.json()).toMatchObject({ error: 'ERR_TOKEN_MISSING' });

    // The server, not the browser, ended the session: the old access cookie is refused as revoked.
    const replay = await browser.request('/api/me', { headers: { cookie: `tessera-at=${access}` } });
    expect(replay.status).toBe(401);
    expect(replay.json()).toMatchObject({ error: 'ERR_JWT_REVOKED' });
    expect(replay.headers['www-authenticate']).toMatch(/^Bearer error="invalid_token", error_description="/);
  });

  it('without refreshPath "/", an expired access token on an app route is 401 and POST /auth/refresh renews it', async () => {
    server = await startAuthServer();
    const browser = new Browser(server.url);
    await browser.login('ada', 'pw-ada');
    expect(browser.jar.get('tessera-rt')!.path).toBe('/auth');
    server.clock.advance(11 * 60);
    const expired = await browser.request('/api/me');
    expect(expired.status).toBe(401);
    expect(expired.json()).toMatchObject({ error: 'ERR_JWT_EXPIRED' });
    const refreshed = await browser.request('/auth/refresh', { method: 'POST' });
    expect(refreshed.status).toBe(200);
    expect((await browser.request('/api/me')).status).toBe(200);
  });

  it('gates by role: 403 without it, 200 with it', async () => {
    server = await startAuthServer();
    const user = new Browser(server.url);
    await user.login('ada', 'pw-ada');
    const denied = await user.request('/api/admin');
    expect(denied.status).toBe(403);
    expect(denied.json()).toMatchObject({ error: 'ERR_AUTH_FORBIDDEN' });
    expect(String(denied.json().message)).toContain('admin');
    const admin = new Browser(server.url);
    await admin.login('root', 'pw-root');
    expect((await admin.request('/api/admin')).json()).toEqual({ admin: true });
  });

  it('refuses state-changing cookie requests from other origins or without Origin (CSRF)', async () => {
    server = await startAuthServer();
    const noOrigin = new Browser(server.url, null);
    const refused = await noOrigin.login('ada', 'pw-ada');
    expect(refused.status).toBe(403);
    expect(refused.json()).toMatchObject({ error: 'ERR_AUTH_FORBIDDEN' });
    expect(String(refused.json().message)).toContain('neither an Origin nor a Sec-Fetch-Site');

    const browser = new Browser(server.url);
    await browser.login('ada', 'pw-ada');
    const evil = await browser.request('/auth/logout', { method: 'POST', headers: { origin: 'https://evil.example' } });
    expect(evil.status).toBe(403);
    expect(String(evil.json().message)).toContain('https://evil.example');
    expect((await browser.request('/api/me')).status).toBe(200); // the forged logout did nothing

    // A browser that sends only Fetch Metadata for a same-origin request passes.
    const metadataOnly = new Browser(server.url, null);
    for (const [name, cookie] of browser.jar) metadataOnly.jar.set(name, cookie);
    const sameOrigin = await metadataOnly.request('/auth/refresh', { method: 'POST', headers: { 'sec-fetch-site': 'same-origin' } });
    expect(sameOrigin.status).toBe(200);
    const crossSite = await metadataOnly.request('/auth/refresh', { method: 'POST', headers: { 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
  });

  it('logout-all on one browser ends the session in another', async () => {
    server = await startAuthServer({ config: { cookies: { refreshPath: '/' } } });
    const laptop = new Browser(server.url);
    const phone = new Browser(server.url);
    await laptop.login('ada', 'pw-ada');
    await phone.login('ada', 'pw-ada');
    server.clock.advance(1);
    expect((await laptop.request('/auth/logout-all', { method: 'POST' })).status).toBe(200);
    const other = await phone.request('/api/me');
    expect(other.status).toBe(401);
    expect(other.json()).toMatchObject({ error: 'ERR_JWT_REVOKED' });
    expect(phone.jar.size).toBe(0); // the dead session's cookies are deleted
  });

  it('a locked user cannot refresh', async () => {
    server = await startAuthServer({ config: { cookies: { refreshPath: '/' } } });
    const browser = new Browser(server.url);
    await browser.login('ada', 'pw-ada');
    server.users.get('ada')!.locked = true;
    server.clock.advance(11 * 60);
    const transparent = await browser.request('/api/me');
    expect(transparent.status).toBe(401);
    expect(transparent.json()).toMatchObject({ error: 'ERR_JWT_REVOKED' });
    expect(String(transparent.json().message)).toContain('loadUser returned no user');
    const explicit = await browser.request('/auth/refresh', { method: 'POST' });
    expect(explicit.status).toBe(401);
  });

  it('round-trips a token with large claims through chunked cookies', async () => {
    server = await startAuthServer({ config: { cookies: { refreshPath: '/' } } });
    const profile = 'x'.repeat(6000);
    server.users.get('ada')!.extra = { profile };
    const browser = new Browser(server.url);
    const login = await browser.login('ada', 'pw-ada');
    const names = setCookies(login).map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['tessera-at.0', 'tessera-at.1']));
    for (const line of login.headers['set-cookie']!) expect(line.length).toBeLessThan(4096);
    expect(server.warnings.some((w) => w.includes('proxies'))).toBe(true);
    const me = await browser.request('/api/me');
    expect(me.status).toBe(200);
    expect(me.json<{ claims: { profile: string } }>().claims.profile).toBe(profile);
    // Transparent refresh rewrites every chunk.
    server.clock.advance(11 * 60);
    const later = await browser.request('/api/me');
    expect(later.json<{ claims: { profile: string } }>().claims.profile).toBe(profile);
    expect(setCookies(later).map((c) => c.name)).toEqual(expect.arrayContaining(['tessera-at.0', 'tessera-at.1']));
  });
});
