/** The cookie transport end to end, on Web Request/Response with an injected clock. */
import { describe, expect, it } from 'vitest';
import { createAuth, createMemoryStore } from '../../src/server/index.js';
import { importSecret } from '../../src/jwk/import-secret.js';
import { body, Jar, login, ORIGIN, request, setup } from './helpers.js';

describe('cookie transport', () => {
  it('login -> session -> access expires -> transparent refresh -> logout -> rejected', async () => {
    const { auth, clock } = setup();
    const jar = await login(auth);
    const first = await auth.handle(request('GET', '/auth/session', { jar }));
    expect(first!.status).toBe(200);
    const claims = (await body(first)).claims as Record<string, unknown>;
    expect(claims.sub).toBe('u-alice');
    expect(claims.roles).toEqual(['admin']);

    // The access token expires (10 min + 5 s tolerance); the refresh cookie reaches /auth/session.
    clock.advance(11 * 60);
    const refreshed = await auth.handle(request('GET', '/auth/session', { jar }));
    expect(refreshed!.status).toBe(200);
    const set = refreshed!.headers.getSetCookie();
    expect(set.some((l) => l.startsWith('__Host-tessera-at='))).toBe(true);
    expect(set.some((l) => l.startsWith('__Secure-tessera-rt='))).toBe(true);
    expect(refreshed!.headers.get('cache-control')).toBe('no-store');
    const newClaims = (await body(refreshed)).claims as Record<string, unknown>;
    expect(newClaims.jti).not.toBe(claims.jti);
    expect(newClaims.sid).toBe(claims.sid); // same session
    expect(newClaims.auth_time).toBe(claims.auth_time);
    jar.take(refreshed!);

    // Once the jar holds the new cookies, no refresh is needed.
    const again = await auth.handle(request('GET', '/auth/session', { jar }));
    expect(again!.status).toBe(200);
    expect(again!.headers.getSetCookie()).toEqual([]);

    const stolen = new Jar();
    for (const [n, c] of jar.cookies) stolen.cookies.set(n, { ...c });
    const out = await auth.handle(request('POST', '/auth/logout', { jar }));
    expect(out!.status).toBe(200);
    expect(await body(out)).toMatchObject({ ok: true, revoked: { session: true, accessToken: true } });
    jar.take(out!);
    expect(jar.cookies.size).toBe(0);

    // A copy of the cookies taken before logout is worthless: the jti and the session are revoked.
    const replay = await auth.authenticate(request('GET', '/api/me', { jar: stolen }));
    expect(replay.ok).toBe(false);
    if (!replay.ok) {
      expect(replay.error.code).toBe('ERR_JWT_REVOKED');
      expect(replay.response.status).toBe(401);
    }
    const replayRefresh = await auth.handle(request('POST', '/auth/refresh', { jar: stolen }));
    expect(replayRefresh!.status).toBe(401);
    expect((await body(replayRefresh)).error).toBe('ERR_JWT_REVOKED');
    const gone = await auth.handle(request('GET', '/auth/session', { jar }));
    expect(gone!.status).toBe(401);
    expect((await body(gone)).error).toBe('ERR_TOKEN_MISSING');
  });

  it('authenticate on an app route: the default refresh cookie is scoped to /auth and does not reach it', async () => {
    const { auth, clock } = setup();
    const jar = await login(auth);
    expect((await auth.authenticate(request('GET', '/api/data', { jar }))).ok).toBe(true);
    clock.advance(11 * 60);
    const r = await auth.authenticate(request('GET', '/api/data', { jar }));
    expect(r.ok).toBe(false);
    // This jar ignores Max-Age over time, so the expired token is still sent: expired, and no refresh cookie came.
    if (!r.ok) expect(r.error.code).toBe('ERR_JWT_EXPIRED');
  });

  it('refreshes transparently on app routes with cookies.refreshPath "/" and returns the Set-Cookie headers', async () => {
    const { auth, clock } = setup({ cookies: { refreshPath: '/' } });
    const jar = await login(auth);
    expect(jar.cookies.has('__Host-tessera-rt')).toBe(true); // Path=/ and no Domain: __Host- applies
    clock.advance(11 * 60);
    const r = await auth.authenticate(request('GET', '/api/data', { jar }));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.claims.sub).toBe('u-alice');
      expect(r.headers.getSetCookie().length).toBeGreaterThanOrEqual(2);
    }
  });

  it('an expired access cookie still sent by the client is refreshed too', async () => {
    const { auth, clock } = setup();
    const jar = await login(auth);
    clock.advance(11 * 60);
    // A client that ignores Max-Age keeps sending the expired token: it is refreshed, not accepted.
    const r = await auth.authenticate(request('GET', '/auth/session', { jar }));
    expect(r.ok).toBe(true);
  });

  it('sets Secure, HttpOnly, SameSite=Lax, Path and the __Host-/__Secure- prefixes', async () => {
    const { auth } = setup();
    const res = await auth.handle(request('POST', '/auth/login', { json: { username: 'alice', password: 'correct horse' } }));
    const lines = res!.headers.getSetCookie();
    const access = lines.find((l) => l.startsWith('__Host-tessera-at='))!;
    const refresh = lines.find((l) => l.startsWith('__Secure-tessera-rt='))!;
    expect(access).toMatch(/; Path=\/; Max-Age=600; Secure; HttpOnly; SameSite=Lax$/);
    expect(refresh).toMatch(/; Path=\/auth; Max-Age=1209600; Secure; HttpOnly; SameSite=Lax$/);
    expect(access).not.toMatch(/Domain=/);
    expect(res!.headers.get('cache-control')).toBe('no-store');
    const json = await body(res);
    expect(json.access_token).toBeUndefined(); // cookie mode never puts tokens in the body
    expect(json.refresh_token).toBeUndefined();
  });

  it('with a Domain, uses __Secure- (never __Host-) and SameSite=None forces Secure', async () => {
    const { auth } = setup({ cookies: { domain: 'example.com', sameSite: 'None' } });
    const res = await auth.handle(request('POST', '/auth/login', { json: { username: 'alice', password: 'correct horse' } }));
    const lines = res!.headers.getSetCookie();
    const access = lines.find((l) => l.startsWith('__Secure-tessera-at='))!;
    expect(access).toContain('; Domain=example.com; Secure; HttpOnly; SameSite=None');
  });

  it('drops Secure and the prefixes only for http://localhost development', async () => {
    const clockless = {
      keys: importSecret(crypto.getRandomValues(new Uint8Array(32)), { alg: 'HS256' }),
      issuer: 'dev', audience: 'dev', store: createMemoryStore(),
      authenticate: () => ({ id: 'u1' }), loadUser: () => ({ id: 'u1' }), claims: (u: { id: string }) => ({ sub: u.id }),
      logger: { warn: () => undefined },
    };
    const dev = createAuth(clockless);
    const req = new Request('http://localhost:3000/auth/login', {
      method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://localhost:3000' },
      body: JSON.stringify({ username: 'x', password: 'y' }),
    });
    const lines = (await dev.handle(req))!.headers.getSetCookie();
    expect(lines.find((l) => l.startsWith('tessera-at='))).toMatch(/; Path=\/; Max-Age=600; HttpOnly; SameSite=Lax$/);
    // Same configuration reached over https: Secure again.
    const prod = await dev.handle(new Request('https://api.example.com/auth/login', {
      method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://api.example.com' },
      body: JSON.stringify({ username: 'x', password: 'y' }),
    }));
    expect(prod!.headers.getSetCookie().find((l) => l.startsWith('__Host-tessera-at='))).toContain('; Secure;');
  });

  it('a revoked session gets its cookies deleted', async () => {
    const { auth, clock } = setup();
    const jar = await login(auth);
    const copy = new Jar();
    for (const [n, c] of jar.cookies) copy.cookies.set(n, { ...c });
    await auth.handle(request('POST', '/auth/logout', { jar }));
    clock.advance(11 * 60);
    const res = await auth.handle(request('GET', '/auth/session', { jar: copy }));
    expect(res!.status).toBe(401);
    copy.take(res!);
    expect(copy.cookies.size).toBe(0);
  });

  it('answers null for paths that are not ours, and for OPTIONS pre-flights', async () => {
    const { auth } = setup();
    expect(await auth.handle(request('GET', '/api/things'))).toBeNull();
    expect(await auth.handle(request('GET', '/auth/unknown'))).toBeNull();
    expect(await auth.handle(request('GET', '/authx/login'))).toBeNull();
    expect(await auth.handle(request('OPTIONS', '/auth/login', { origin: ORIGIN }))).toBeNull();
  });
});

describe('cookie transport: deployment mistakes', () => {
  it('warns once when Secure cookies are set on a plain-http public request (missing trust-proxy)', async () => {
    const { auth, warnings } = setup({ origin: undefined });
    const login = () => auth.handle(new Request('http://app.example.com/auth/login', {
      method: 'POST', headers: { 'content-type': 'application/json', origin: 'http://app.example.com' },
      body: JSON.stringify({ username: 'alice', password: 'correct horse' }),
    }));
    expect((await login())!.status).toBe(200);
    expect((await login())!.status).toBe(200);
    expect(warnings.filter((w) => w.includes('arrived over plain http (http://app.example.com)'))).toHaveLength(1);
  });

  it('transparent refresh headers carry Cache-Control: no-store for the app response', async () => {
    const { auth, clock } = setup({ cookies: { refreshPath: '/' } });
    const jar = await login(auth);
    clock.advance(11 * 60);
    const r = await auth.authenticate(request('GET', '/api/data', { jar }));
    expect(r.ok && r.headers.get('cache-control')).toBe('no-store');
  });
});
