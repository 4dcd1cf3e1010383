/**
 * The example API on Koa 3 and @koa/router through @tessera/koa: a public route, a protected one,
 * a role-gated one, and Tessera's auth endpoints. Same contract as every example app
 * (apps/README.md). `startServer` is what `npm start` and the demo run.
 */
import Koa from 'koa';
import Router from '@koa/router';
import { loadKeyRing } from '@tessera/jwt-core';
import { adapterRefusal, createAuth, errorResponse } from '@tessera/jwt-core/server';
import { authRoutes, requireAuth } from '@tessera/koa';
import { allowedOriginsFor, ROUTES } from '@tessera/example-common/routes';
import { trustedIssuersFor } from '@tessera/example-common/config';
import { serve } from '@tessera/example-common/serve';
import { openStore } from '@tessera/example-common/store';
import { createUserStore } from '@tessera/example-common/users';

/** A JSON answer like every other answer of the example apps: pretty-printed, not cached. */
function json(ctx, body) {
  ctx.set('cache-control', 'no-store');
  ctx.type = 'application/json; charset=utf-8';
  ctx.body = `${JSON.stringify(body, null, 2)}\n`;
}

/**
 * Builds the app for the public `origin` (also the tokens' issuer). `now` is the clock (the demo
 * and tests move it forward to expire tokens); `users` an optional pre-built user store;
 * `accessTokenTtl` the access tokens' lifetime (TESSERA_ACCESS_TTL); `refreshReuseGrace` the grace
 * window of a spent refresh token (TESSERA_REFRESH_GRACE); `redisUrl` and `redisPrefix` the shared
 * store (REDIS_URL, TESSERA_REDIS_PREFIX), memory without them; `trustedIssuer` the external
 * identity provider (TESSERA_TRUSTED_*).
 */
export async function createApp({ origin, now, users, logger, transport = 'cookie', keys, accessTokenTtl = '10m', refreshReuseGrace = '10s', redisUrl, redisPrefix, trustedIssuer } = {}) {
  const directory = users ?? (await createUserStore());
  // TESSERA_SIGNING_KEY(_FILE) when set; otherwise, outside production and without REDIS_URL, an
  // in-memory development key and a loud warning (its tokens die with the process).
  const keyRing = keys ?? (await loadKeyRing({ ...(process.env.TESSERA_ALG ? {} : { alg: 'ES256' }), warn: (m) => (logger ?? console).warn(m) }));
  // REDIS_URL set: sessions (refresh tokens, logouts, logout-all) live in Redis, shared by every
  // instance using it (connected before the app serves). Unset: in this process's memory, so they
  // end with it and are not shared with a second instance.
  const sessions = await openStore({ redisUrl, redisPrefix, now });
  const auth = createAuth({
    keys: keyRing,
    issuer: origin,
    audience: 'tessera-example-api',
    origin,
    allowedOrigins: allowedOriginsFor(origin),
    transport,
    accessTokenTtl,
    refreshTokenTtl: '14d',
    // A spent refresh token still rotates for parallel requests within this window (at most 8 more
    // times); used again after it, it revokes the whole session (theft is assumed).
    refreshReuseGrace,
    // The refresh cookie reaches /api/* too, so an expired access token is refreshed transparently.
    cookies: { refreshPath: '/' },
    authenticate: ({ username, password }) => directory.verify(username, password),
    loadUser: (sub) => directory.find(sub),
    claims: (user) => ({ sub: user.id, name: user.username, roles: user.roles, permissions: user.permissions }),
    store: sessions.store,
    // TESSERA_TRUSTED_*: an external identity provider's access tokens are accepted too, checked
    // against its JWKS (cached; stale keys serve up to TESSERA_TRUSTED_JWKS_MAX_STALE while it fails).
    ...(trustedIssuer ? { trustedIssuers: trustedIssuersFor(trustedIssuer) } : {}),
    ...(now ? { now } : {}),
    ...(logger ? { logger } : {}),
  });

  const router = new Router();
  router.get('/', (ctx) => json(ctx, { name: 'Tessera example API (Koa)', transport: auth.transport, origin, routes: ROUTES }));
  router.get('/api/me', requireAuth(auth), (ctx) => json(ctx, { message: `hello, ${ctx.state.user.name}`, claims: ctx.state.user }));
  router.get('/api/admin', requireAuth(auth, { roles: ['admin'] }), (ctx) => json(ctx, { message: `welcome to the admin area, ${ctx.state.user.name}` }));

  const app = new Koa();
  app.use(authRoutes(auth)); // POST /auth/login, /refresh, /logout, /logout-all, GET /auth/session, the JWKS
  app.use(router.routes());
  app.use(async (ctx) => {
    // The core's refusal, in the one JSON format every Tessera answer has.
    const refusal = errorResponse(adapterRefusal('not_found', { message: `no route for ${ctx.method} ${ctx.path}; GET / lists the routes` }));
    ctx.status = refusal.status;
    ctx.set(Object.fromEntries(refusal.headers));
    ctx.body = await refusal.text();
  });
  return { auth, users: directory, sessions, app, handler: app.callback() };
}

/**
 * Starts the example on `host:port` (port 0 picks a free one) and resolves once it serves, with
 * `url`, `origin`, `auth`, `users`, `sessions` and `close()` (which closes the store too). `origin`
 * defaults to `http://host:port`.
 */
export function startServer(options = {}) {
  return serve(createApp, options);
}
