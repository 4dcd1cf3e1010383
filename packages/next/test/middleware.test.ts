/**
 * The fixture app served by `next start`, over real HTTP, with the middleware on each runtime:
 * `middleware.ts` on the Edge (optimistic check, refresh through the Node side's /auth/refresh at
 * the configured origin) and `proxy.ts` on Node (full check, refresh through the store). The same
 * behaviour is expected of both.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appDir, freePort, start, type StartedApp } from './helpers/apps.js';
import { cookieHeader, expired, jtiOf, signIn, take } from './helpers/session.js';

const SECRET = `next-fixture-secret-${crypto.randomUUID()}`;

for (const variant of ['edge', 'node'] as const) {
  describe(`${variant === 'edge' ? 'middleware.ts (Edge runtime)' : 'proxy.ts (Node runtime)'} under next start`, () => {
    let app: StartedApp;
    beforeAll(async () => {
      app = await start(variant, { TESSERA_SECRET: SECRET });
    });
    afterAll(() => app?.stop());

    const get = (path: string, headers: Record<string, string> = {}) => fetch(`${app.url}${path}`, { headers, redirect: 'manual' });

    it('a page without a session redirects to the sign-in page, keeping the path and query', async () => {
      const res = await get('/dashboard?tab=tokens');
      expect(res.status).toBe(307);
      const to = new URL(res.headers.get('location')!, app.url);
      expect(`${to.pathname}?${to.searchParams}`).toBe(`/sign-in?next=${encodeURIComponent('/dashboard?tab=tokens')}`);
      const post = await fetch(`${app.url}/dashboard`, { method: 'POST', headers: { origin: app.url }, redirect: 'manual' });
      expect(post.status).toBe(303); // after a form POST, the browser GETs the sign-in page
      expect(post.headers.get('location')).toMatch(/^\/sign-in\?next=%2Fdashboard$/);
    });

    it('an API route without a session gets 401 JSON with a Bearer challenge; public pages and the sign-in page pass', async () => {
      const res = await get('/api/me');
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect(await res.json()).toMatchObject({ error: 'ERR_TOKEN_MISSING' });
      expect((await get('/')).status).toBe(200);
      expect((await get('/sign-in')).status).toBe(200);
    });

    it('signed in, the page and the routes see the user; responses setting auth cookies are private, no-store', async () => {
      const login = await fetch(`${app.url}/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json', origin: app.url }, body: JSON.stringify({ username: 'ada', password: 'pw-ada' }),
      });
      expect(login.status).toBe(200);
      expect(login.headers.get('cache-control')).toBe('private, no-store');
      const jar = take(new Map(), login);
      expect([...jar.keys()].sort()).toEqual(['tessera-at', 'tessera-rt']);
      const page = await get('/dashboard', { cookie: cookieHeader(jar) });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(jtiOf(jar.get('tessera-at')!));
      expect(await (await get('/api/seen', { cookie: cookieHeader(jar) })).json()).toEqual({ jti: jtiOf(jar.get('tessera-at')!), sub: 'u-ada' });
    });

    it('an expired access token is refreshed in the middleware, and the server component sees the new token in the same request', async () => {
      const jar = await signIn(app.url);
      jar.set('tessera-at', await expired(jar.get('tessera-at')!, SECRET));
      const res = await get('/dashboard', { cookie: cookieHeader(jar) });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('private, no-store');
      const renewed = take(new Map(jar), res);
      expect(res.headers.getSetCookie().map((l) => l.split('=')[0]).sort()).toEqual(['tessera-at', 'tessera-rt']);
      expect(renewed.get('tessera-rt')).not.toBe(jar.get('tessera-rt'));
      // The page rendered with the token the middleware just obtained, not the expired one.
      expect(await res.text()).toContain(jtiOf(renewed.get('tessera-at')!));
    });

    it('the route handlers of the same request see the refreshed cookies (getAuth and withAuth), and none refreshes again', async () => {
      for (const path of ['/api/seen', '/api/me']) {
        const jar = await signIn(app.url);
        jar.set('tessera-at', await expired(jar.get('tessera-at')!, SECRET));
        const res = await get(path, { cookie: cookieHeader(jar) });
        expect(res.status, path).toBe(200);
        const renewed = take(new Map(jar), res);
        // Exactly the middleware's two cookies: the route found a valid token and did not rotate again.
        expect(res.headers.getSetCookie(), path).toHaveLength(2);
        expect(res.headers.get('cache-control'), path).toBe('private, no-store');
        const body = (await res.json()) as { jti?: string; claims?: { jti: string } };
        expect(body.jti ?? body.claims?.jti, path).toBe(jtiOf(renewed.get('tessera-at')!));
        // And the rotated refresh token works: the old one was used exactly once.
        expect((await get(path, { cookie: cookieHeader(renewed) })).status, path).toBe(200);
      }
    });

    it('identity headers a client could forge are stripped before the app sees the request', async () => {
      const jar = await signIn(app.url);
      const res = await get('/api/me', { cookie: cookieHeader(jar), 'x-user-id': 'u-root' });
      expect(await res.json()).toMatchObject({ claims: { sub: 'u-ada' }, identityHeader: null });
    });

    it('a token the middleware lets through but the store revoked is refused by the page and the route (the full check)', async () => {
      const jar = await signIn(app.url);
      const copy = cookieHeader(jar);
      const logout = await fetch(`${app.url}/auth/logout`, { method: 'POST', headers: { cookie: copy, origin: app.url } });
      expect(logout.status).toBe(200);
      expect(logout.headers.get('cache-control')).toBe('private, no-store');
      const route = await get('/api/me', { cookie: copy });
      expect(route.status).toBe(401);
      expect(await route.json()).toMatchObject({ error: 'ERR_JWT_REVOKED' });
      const page = await get('/dashboard', { cookie: copy });
      expect(page.status).not.toBe(200);
      expect(await page.text()).not.toContain(jtiOf(jar.get('tessera-at')!));
    });

    it('x-middleware-subrequest (CVE-2025-29927) gets nothing: the route and the page still refuse without a session', async () => {
      const skip = { 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware' };
      for (const path of ['/api/me', '/api/admin']) expect((await get(path, skip)).status, path).toBe(401);
      const page = await get('/dashboard', skip);
      expect(page.status).toBe(307);
      expect(page.headers.get('location')).toMatch(/^\/sign-in/);
      const adaAdmin = await get('/api/admin', { ...skip, 'x-middleware-prefetch': '1', cookie: cookieHeader(await signIn(app.url)) });
      expect(adaAdmin.status).toBe(403); // the route ran: Next.js's empty 200 for a "prefetch" did not happen
    });

    it('a cross-site POST with the session cookies is refused', async () => {
      const jar = await signIn(app.url);
      const res = await fetch(`${app.url}/api/me`, { method: 'POST', headers: { cookie: cookieHeader(jar), origin: 'https://evil.example' } });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: 'ERR_AUTH_FORBIDDEN' });
    });

    if (variant === 'edge') {
      it('the Edge refresh goes to the configured origin, never to the Host the request names', async () => {
        let reached = 0;
        const evil: Server = createServer((_req, res) => void (reached++, res.end('{}')));
        await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
        try {
          const jar = await signIn(app.url);
          jar.set('tessera-at', await expired(jar.get('tessera-at')!, SECRET));
          const host = `127.0.0.1:${(evil.address() as { port: number }).port}`;
          const res = await get('/api/seen', { cookie: cookieHeader(jar), host, 'x-forwarded-host': host });
          expect(res.status).toBe(200);
          expect(reached).toBe(0);
        } finally {
          await new Promise((resolve) => evil.close(resolve));
        }
      });

      it('fails closed: with the refresh endpoint unreachable, an expired token gets 503 with Retry-After, never the page', async () => {
        const down = await start('edge', { TESSERA_SECRET: SECRET, TESSERA_REFRESH_URL: `http://127.0.0.1:${await freePort()}/auth/refresh` });
        try {
          const jar = await signIn(down.url);
          jar.set('tessera-at', await expired(jar.get('tessera-at')!, SECRET));
          for (const path of ['/dashboard', '/api/me']) {
            const res = await fetch(`${down.url}${path}`, { headers: { cookie: cookieHeader(jar) }, redirect: 'manual' });
            expect(res.status, path).toBe(503);
            expect(res.headers.get('retry-after'), path).toBe('5');
            expect(await res.json(), path).toMatchObject({ error: 'ERR_AUTH_UNAVAILABLE' });
          }
          expect(down.output()).toMatch(/\[tessera\].*Edge check/);
        } finally {
          await down.stop();
        }
      });

      it('the core and the middleware are in the Edge bundle, which requires no Node built-in of ours', () => {
        const dir = `${appDir('edge')}/.next/server`;
        const manifest = JSON.parse(readFileSync(`${dir}/middleware-manifest.json`, 'utf8')) as { middleware: Record<string, { files: string[] }> };
        const files = manifest.middleware['/']!.files;
        expect(files.length).toBeGreaterThan(0);
        const bundle = files.map((f) => readFileSync(`${appDir('edge')}/.next/${f}`, 'utf8')).join('\n');
        expect(bundle).toContain('the refresh endpoint refused the refresh token'); // the core's Edge check is in it
        // Modules the bundle loads from the runtime: only the two Next.js's own Edge wrapper provides.
        const external = new Set([...bundle.matchAll(/require\("node:([a-z_]+)"\)/g)].map((m) => m[1]));
        expect([...external].filter((m) => m !== 'async_hooks' && m !== 'buffer')).toEqual([]);
        expect(readdirSync(`${dir}/edge/chunks`).length).toBeGreaterThan(0);
      });
    }
  });
}
