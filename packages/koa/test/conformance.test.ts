/**
 * @tessera/koa runs the adapter conformance suite (`@tessera/test-vectors/adapters`) unchanged,
 * over real HTTP on 127.0.0.1, three ways: routes guarded per route with `requireAuth` on
 * `@koa/router`; an app-wide `authenticate` with `passthrough` and per-route `requireAuth` (the
 * one-verification path, `auth.authorize`); and plain Koa without a router. Trust-proxy is Koa's
 * own `app.proxy`; the app's own 404 and 500 are Koa's.
 */
import Koa from 'koa';
import Router from '@koa/router';
import { describe, it } from 'vitest';
import * as core from '@tessera/jwt-core';
import { createAuth, createMemoryStore, type Auth } from '@tessera/jwt-core/server';
import { APP_FAILURE_MESSAGE, adapterCases, adapterHarness, type AdapterSetup, type RunningAdapter, type StartAdapter } from '@tessera/test-vectors/adapters';
import { authenticate, authRoutes, requireAuth, type KoaAuthOptions } from '../src/index.js';
import { listen } from './helpers/http.js';

type Mount = (app: Koa, auth: Auth, options: KoaAuthOptions) => void;

const fail = (): never => {
  throw new Error(APP_FAILURE_MESSAGE);
};

const mounts: Record<string, Mount> = {
  'requireAuth per route on @koa/router': (app, auth, options) => {
    const router = new Router();
    router.get('/', (ctx) => void (ctx.body = { service: 'tessera-conformance', public: true }));
    router.all('/api/me', requireAuth(auth, undefined, options), (ctx) => void (ctx.body = { claims: ctx.state.user }));
    router.get('/api/admin', requireAuth(auth, { roles: ['admin'] }, options), (ctx) => void (ctx.body = { admin: true, sub: ctx.state.user.sub }));
    router.get('/api/fail', requireAuth(auth, undefined, options), fail);
    app.use(router.routes());
  },
  'app-wide authenticate with passthrough, then requireAuth on @koa/router': (app, auth, options) => {
    app.use(authenticate(auth, { ...options, passthrough: true }));
    const router = new Router();
    router.get('/', (ctx) => void (ctx.body = { service: 'tessera-conformance', public: true }));
    router.all('/api/me', requireAuth(auth, undefined, options), (ctx) => void (ctx.body = { claims: ctx.state.user }));
    router.get('/api/admin', requireAuth(auth, { roles: ['admin'] }, options), (ctx) => void (ctx.body = { admin: true, sub: ctx.state.user.sub }));
    router.get('/api/fail', requireAuth(auth, undefined, options), fail);
    app.use(router.routes());
  },
  'plain Koa, no router': (app, auth, options) => {
    const user = requireAuth(auth, undefined, options);
    const admin = requireAuth(auth, { roles: ['admin'] }, options);
    app.use(async (ctx, next) => {
      if (ctx.path === '/' && ctx.method === 'GET') return void (ctx.body = { service: 'tessera-conformance', public: true });
      if (ctx.path === '/api/me') return user(ctx, async () => void (ctx.body = { claims: ctx.state.user }));
      if (ctx.path === '/api/admin' && ctx.method === 'GET') return admin(ctx, async () => void (ctx.body = { admin: true, sub: ctx.state.user.sub }));
      if (ctx.path === '/api/fail') return user(ctx, async () => fail());
      return next();
    });
  },
};

function starter(mount: Mount): StartAdapter<Auth> {
  return async ({ auth, trustProxy, onError }: AdapterSetup<Auth>): Promise<RunningAdapter> => {
    const app = new Koa({ proxy: trustProxy });
    app.silent = true; // the app's own 500 (GET /api/fail) is expected here; nothing to print
    const options = { onError };
    app.use(authRoutes(auth, options));
    mount(app, auth, options);
    return listen(app);
  };
}

const api = { ...core, createAuth, createMemoryStore };

for (const [name, mount] of Object.entries(mounts)) {
  describe(`adapter conformance: ${name}`, () => {
    const harness = adapterHarness({ api, start: starter(mount) });
    for (const c of adapterCases()) it(c.title, () => c.run(harness));
  });
}
