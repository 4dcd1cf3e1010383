/**
 * What Koa users rely on beyond the shared conformance suite, over real HTTP: koa-jwt's habits
 * (ctx.state.user, a custom key, passthrough with ctx.state.authError, koa-unless), one
 * verification per request, body parsers before the endpoints, each Set-Cookie on its own line,
 * and the application's own errors reaching Koa untouched.
 */
import Koa from 'koa';
import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import unless from 'koa-unless';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Auth } from '@tessera/jwt-core/server';
import { authenticate, authRoutes, requireAuth } from '../src/index.js';
import { listen, type Running } from './helpers/http.js';
import { bearerFor, cookieHeader, setup } from './helpers/setup.js';

let server: Running | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function koa(build: (app: Koa) => void, proxy = false): Promise<Running> {
  const app = new Koa({ proxy });
  app.silent = true;
  build(app);
  return listen(app);
}

describe('ctx.state', () => {
  it('holds the verified claims at ctx.state.user and the whole result at ctx.state.auth', async () => {
    const { auth } = setup();
    server = await koa((app) => {
      app.use(authRoutes(auth));
      app.use(authenticate(auth));
      app.use((ctx) => {
        ctx.body = { user: ctx.state.user, auth: { ok: ctx.state.auth.ok, sub: ctx.state.auth.claims.sub }, error: ctx.state.authError ?? null };
      });
    });
    const token = await bearerFor(server.url, 'ada');
    const res = await fetch(`${server.url}/me`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { user: { sub: string; roles: string[] }; auth: unknown; error: unknown };
    expect(body.user).toMatchObject({ sub: 'u-ada', roles: ['user'] });
    expect(body.auth).toEqual({ ok: true, sub: 'u-ada' });
    expect(body.error).toBeNull();
  });

  it('puts the claims under the `key` option, as koa-jwt does', async () => {
    const { auth } = setup();
    server = await koa((app) => {
      app.use(authRoutes(auth));
      app.use(authenticate(auth, { key: 'jwtdata' }));
      app.use((ctx) => void (ctx.body = { jwtdata: ctx.state.jwtdata?.sub ?? null, user: ctx.state.user ?? null }));
    });
    const token = await bearerFor(server.url, 'ada');
    expect(await (await fetch(`${server.url}/x`, { headers: { authorization: `Bearer ${token}` } })).json()).toEqual({ jwtdata: 'u-ada', user: null });
  });
});

describe('passthrough', () => {
  it('goes on without claims and keeps the refusal at ctx.state.authError', async () => {
    const { auth } = setup();
    server = await koa((app) => {
      app.use(authenticate(auth, { passthrough: true }));
      app.use((ctx) => {
        const error = ctx.state.authError;
        ctx.body = { user: ctx.state.user ?? null, code: error?.code ?? null, hint: error?.hint ?? null };
      });
    });
    const anonymous = await fetch(`${server.url}/page`);
    expect(anonymous.status).toBe(200);
    expect(await anonymous.json()).toMatchObject({ user: null, code: 'ERR_TOKEN_MISSING' });
    const forged = await fetch(`${server.url}/page`, { headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.AAAA' } });
    const body = (await forged.json()) as { code: string; hint: string };
    expect(body.code).toMatch(/^ERR_JW[ST]_/);
    expect(body.hint).toEqual(expect.any(String));
  });

  it('never passes an outage through: a store that fails is 503, not an anonymous request', async () => {
    const onError = vi.fn();
    const { auth } = setup();
    const token = await (async () => {
      server = await koa((app) => void app.use(authRoutes(auth)));
      const t = await bearerFor(server.url, 'ada');
      await server.close();
      return t;
    })();
    const broken: Auth = { ...auth, authenticate: () => Promise.reject(new Error('redis: connection refused')) };
    const reached = vi.fn();
    server = await koa((app) => {
      app.use(authenticate(broken, { passthrough: true, onError }));
      app.use((ctx) => void (reached(), (ctx.body = 'ANONYMOUS')));
    });
    const res = await fetch(`${server.url}/page`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(await res.json()).toMatchObject({ error: 'ERR_AUTH_UNAVAILABLE' });
    expect(reached).not.toHaveBeenCalled();
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'redis: connection refused' }), expect.anything());
  });

  it("reports internal failures on Koa's own error channel by default (app.on('error'))", async () => {
    const { auth } = setup();
    const broken: Auth = { ...auth, authenticate: () => Promise.reject(new Error('store down')) };
    const seen: unknown[] = [];
    server = await koa((app) => {
      app.on('error', (error) => seen.push(error));
      app.use(authenticate(broken));
      app.use((ctx) => void (ctx.body = 'NO'));
    });
    expect((await fetch(`${server.url}/page`, { headers: { authorization: 'Bearer x.y.z' } })).status).toBe(503);
    expect(seen).toEqual([expect.objectContaining({ message: 'store down' })]);
  });
});

describe('route requirements', () => {
  it('verify once per request: an app-wide authenticate and requireAuth on the route share one verification', async () => {
    const { auth } = setup();
    const counted = { ...auth, authenticate: vi.fn(auth.authenticate), require: vi.fn(auth.require) };
    const router = new Router();
    router.get('/admin', requireAuth(counted, { roles: ['admin'] }), (ctx) => void (ctx.body = { admin: ctx.state.user.sub }));
    server = await koa((app) => {
      app.use(authRoutes(auth));
      app.use(authenticate(counted, { passthrough: true }));
      app.use(router.routes());
    });
    const root = await bearerFor(server.url, 'root');
    const ada = await bearerFor(server.url, 'ada');
    expect(await (await fetch(`${server.url}/admin`, { headers: { authorization: `Bearer ${root}` } })).json()).toEqual({ admin: 'u-root' });
    const refused = await fetch(`${server.url}/admin`, { headers: { authorization: `Bearer ${ada}` } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('www-authenticate')).toMatch(/insufficient_scope/);
    const anonymous = await fetch(`${server.url}/admin`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: 'ERR_TOKEN_MISSING' });
    expect(counted.authenticate).toHaveBeenCalledTimes(3);
    expect(counted.require).not.toHaveBeenCalled();
  });

  it('a cookie session past its access token is refreshed once, not by every middleware that checks it', async () => {
    const { auth, advance } = setup({ transport: 'cookie', cookies: { refreshPath: '/' } });
    const router = new Router();
    router.get('/admin', requireAuth(auth, { roles: ['admin'] }), (ctx) => void (ctx.body = { admin: ctx.state.user.sub }));
    server = await koa((app) => {
      app.use(authRoutes(auth));
      app.use(authenticate(auth));
      app.use(router.routes());
    });
    const login = await fetch(`${server.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ username: 'root', password: 'pw-root' }),
    });
    const jar = cookieHeader(login);
    advance(11 * 60); // the access token (10 min) has expired; the refresh token has not
    const res = await fetch(`${server.url}/admin`, { headers: { cookie: jar } });
    expect(res.status).toBe(200);
    const lines = res.headers.getSetCookie();
    expect(lines.filter((l) => l.startsWith('tessera-rt=')).length).toBe(1); // one rotation, one new refresh cookie
    expect(lines.filter((l) => l.startsWith('tessera-at=')).length).toBe(1);
    // The rotated cookies work; the old refresh token is now only within the reuse grace.
    expect((await fetch(`${server.url}/admin`, { headers: { cookie: cookieHeader(res, jar) } })).status).toBe(200);
  });

  it('works with koa-unless, as koa-jwt users write it', async () => {
    const { auth } = setup();
    const guard = Object.assign(authenticate(auth), { unless });
    server = await koa((app) => {
      app.use(authRoutes(auth));
      app.use(guard.unless({ path: [/^\/public/] }));
      app.use((ctx) => void (ctx.body = { user: ctx.state.user?.sub ?? null }));
    });
    expect(await (await fetch(`${server.url}/public/page`)).json()).toEqual({ user: null });
    expect((await fetch(`${server.url}/private`)).status).toBe(401);
  });
});

describe('requests and responses', () => {
  it('serves the endpoints after @koa/bodyparser has read the body (JSON and form)', async () => {
    const { auth } = setup();
    server = await koa((app) => {
      app.use(bodyParser({ enableTypes: ['json', 'form'] }));
      app.use(authRoutes(auth));
    });
    const json = await fetch(`${server.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'ada', password: 'pw-ada' }) });
    expect(json.status).toBe(200);
    const form = await fetch(`${server.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'username=ada&password=pw-ada' });
    expect(form.status).toBe(200);
    expect(await form.json()).toMatchObject({ token_type: 'Bearer' });
  });

  it('refuses with 500 naming the body parser when one consumed the body and kept nothing', async () => {
    const { auth } = setup();
    const onError = vi.fn();
    server = await koa((app) => {
      app.use(async (ctx, next) => {
        for await (const _chunk of ctx.req); // a parser that keeps no raw body
        await next();
      });
      app.use(authRoutes(auth, { onError }));
    });
    const res = await fetch(`${server.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":"ada","password":"pw-ada"}' });
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: string; message: string };
    expect(body.error).toBe('ERR_AUTH_INTERNAL');
    expect(body.message).toMatch(/body parser/);
  });

  it('sends each Set-Cookie as its own header line', async () => {
    const { auth } = setup({ transport: 'cookie' });
    server = await koa((app) => void app.use(authRoutes(auth)));
    const res = await fetch(`${server.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ username: 'ada', password: 'pw-ada' }),
    });
    expect(res.status).toBe(200);
    const lines = res.headers.getSetCookie();
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect(line.match(/HttpOnly/gi)?.length).toBe(1); // never two cookies joined in one line
  });

  it('passes requests that are not for an endpoint on with their body unread', async () => {
    const { auth } = setup();
    server = await koa((app) => {
      app.use(authRoutes(auth));
      app.use(async (ctx) => {
        let text = '';
        for await (const chunk of ctx.req) text += String(chunk);
        ctx.body = `app read ${text}`;
      });
    });
    expect(await (await fetch(`${server.url}/upload`, { method: 'POST', body: 'hello' })).text()).toBe('app read hello');
  });
});

describe("the application's own errors", () => {
  it('reach Koa untouched: the same error object, its own status, no auth refusal', async () => {
    const { auth } = setup();
    const thrown = Object.assign(new Error('teapot'), { status: 418, expose: true });
    const seen: unknown[] = [];
    server = await koa((app) => {
      app.on('error', (error) => seen.push(error));
      app.use(authRoutes(auth));
      app.use(authenticate(auth));
      app.use(() => {
        throw thrown;
      });
    });
    const token = await bearerFor(server.url, 'ada');
    const res = await fetch(`${server.url}/x`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(418);
    expect(await res.text()).toBe('teapot');
    expect(res.headers.get('www-authenticate')).toBeNull();
    expect(seen.length === 0 || seen[0] === thrown).toBe(true); // exposed 4xx errors are not logged by Koa
  });

  it("reach the app's own error handler upstream, which sees the original error", async () => {
    const { auth } = setup();
    server = await koa((app) => {
      app.use(async (ctx, next) => {
        try {
          await next();
        } catch (error) {
          ctx.status = 500;
          ctx.body = { handledBy: 'app', message: (error as Error).message };
        }
      });
      app.use(authRoutes(auth));
      app.use(authenticate(auth));
      app.use(() => {
        throw new Error('database down');
      });
    });
    const token = await bearerFor(server.url, 'ada');
    expect(await (await fetch(`${server.url}/x`, { headers: { authorization: `Bearer ${token}` } })).json()).toEqual({ handledBy: 'app', message: 'database down' });
  });

  it("keep a transparent refresh's cookies when Koa's default handler answers the error", async () => {
    const { auth, advance } = setup({ transport: 'cookie', cookies: { refreshPath: '/' } });
    server = await koa((app) => {
      app.use(authRoutes(auth));
      app.use(authenticate(auth));
      app.use((ctx) => {
        if (ctx.path === '/boom') throw new Error('handler bug');
        ctx.body = { sub: ctx.state.user.sub };
      });
    });
    const login = await fetch(`${server.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ username: 'ada', password: 'pw-ada' }),
    });
    const jar = cookieHeader(login);
    advance(11 * 60);
    const failed = await fetch(`${server.url}/boom`, { headers: { cookie: jar } });
    expect(failed.status).toBe(500);
    expect(failed.headers.getSetCookie().some((l) => l.startsWith('tessera-rt='))).toBe(true);
    // Well past the reuse grace: only the rotated refresh token still works, and the client has it.
    advance(60);
    const next = await fetch(`${server.url}/me`, { headers: { cookie: cookieHeader(failed, jar) } });
    expect(next.status).toBe(200);
  });
});

describe('trust proxy is Koa\'s app.proxy', () => {
  it.each([
    [false, 'http', false],
    [true, 'https', true],
  ])('app.proxy %s: X-Forwarded-Proto https gives ctx.protocol %s and Secure cookies: %s', async (proxy, protocol, secure) => {
    const { auth } = setup({ transport: 'cookie', trustProxy: proxy });
    let seen = '';
    server = await koa((app) => {
      app.use(async (ctx, next) => {
        seen = ctx.protocol;
        await next();
      });
      app.use(authRoutes(auth));
    }, proxy);
    const res = await fetch(`${server.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'app.example.com', origin: proxy ? 'https://app.example.com' : server.url },
      body: JSON.stringify({ username: 'ada', password: 'pw-ada' }),
    });
    expect(res.status).toBe(200);
    expect(seen).toBe(protocol);
    expect(res.headers.getSetCookie().every((l) => /;\s*Secure/i.test(l))).toBe(secure);
  });
});
