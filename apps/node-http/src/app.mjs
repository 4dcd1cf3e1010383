/**
 * The example API: a public route, a protected one, a role-gated one, and Tessera's auth endpoints,
 * on plain node:http through @tessera/node. `startServer` is what `npm start` and the demo run.
 */
import { loadKeyRing } from '@tessera/jwt-core';
import { adapterRefusal, createAuth, errorResponse } from '@tessera/jwt-core/server';
import { createMiddleware, createNodeHandler, sendWebResponse } from '@tessera/node';
import { allowedOriginsFor, ROUTES } from '@tessera/example-common/routes';
import { trustedIssuersFor } from '@tessera/example-common/config';
import { serve } from '@tessera/example-common/serve';
import { openStore } from '@tessera/example-common/store';
import { createUserStore } from '@tessera/example-common/users';

function sendJson(res, status, body) {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(`${JSON.stringify(body, null, 2)}\n`);
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
    // Let the refresh cookie reach /api/* too, so an expired access token is refreshed transparently
    // on any route (the trade-off: the refresh token travels with every request to this origin).
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

  const requireUser = createMiddleware(auth);
  const requireAdmin = createMiddleware(auth, { require: { roles: ['admin'] } });

  const routes = (req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://app.invalid');
    if (req.method === 'GET' && pathname === '/') {
      return sendJson(res, 200, {
        name: 'Tessera example API (node:http)',
        transport: auth.transport,
        origin,
        routes: ROUTES,
      });
    }
    if (req.method === 'GET' && pathname === '/api/me') {
      return requireUser(req, res, () => sendJson(res, 200, { message: `hello, ${req.auth.name}`, claims: req.auth }));
    }
    if (req.method === 'GET' && pathname === '/api/admin') {
      return requireAdmin(req, res, () => sendJson(res, 200, { message: `welcome to the admin area, ${req.auth.name}` }));
    }
    // The core's refusal, in the one JSON format every Tessera answer has.
    return sendWebResponse(res, errorResponse(adapterRefusal('not_found', { message: `no route for ${req.method} ${pathname}; GET / lists the routes` })));
  };

  return { auth, users: directory, sessions, handler: createNodeHandler(auth, { fallback: routes }) };
}

/**
 * Starts the example on `host:port` (port 0 picks a free one) and resolves once it serves, with
 * `url`, `origin`, `auth`, `users`, `sessions` and `close()` (which closes the store too). `origin`
 * defaults to `http://host:port`.
 */
export function startServer(options = {}) {
  return serve(createApp, options);
}
