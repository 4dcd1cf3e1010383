/**
 * The example API: a public route, a protected one, a role-gated one, and Tessera's auth endpoints,
 * on plain node:http through @tessera/node. `startServer` is what `npm start` and the demo run.
 */
import { createServer } from 'node:http';
import { loadKeyRing } from '@tessera/jwt-core';
import { adapterRefusal, createAuth, createMemoryStore, errorResponse } from '@tessera/jwt-core/server';
import { createMiddleware, createNodeHandler, sendWebResponse } from '@tessera/node';
import { createUserStore } from './users.mjs';

function sendJson(res, status, body) {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(`${JSON.stringify(body, null, 2)}\n`);
}

/** The origins allowed to send cookie-authenticated POSTs: the public origin, and its `localhost` twin on 127.0.0.1. */
function allowedOriginsFor(origin) {
  const url = new URL(origin);
  if (url.hostname !== '127.0.0.1') return [origin];
  url.hostname = 'localhost'; // the same app is often opened as http://localhost:PORT in a browser
  return [origin, url.origin];
}

/**
 * Builds the app for the public `origin` (also the tokens' issuer). `now` is the clock (the demo
 * and tests move it forward to expire tokens); `users` an optional pre-built user store;
 * `accessTokenTtl` the access tokens' lifetime (TESSERA_ACCESS_TTL).
 */
export async function createApp({ origin, now, users, logger, transport = 'cookie', keys, accessTokenTtl = '10m' } = {}) {
  const directory = users ?? (await createUserStore());
  const auth = createAuth({
    // TESSERA_SIGNING_KEY(_FILE) when set; otherwise, outside production, an in-memory development
    // key and a loud warning (its tokens die with the process).
    keys: keys ?? (await loadKeyRing({ ...(process.env.TESSERA_ALG ? {} : { alg: 'ES256' }), warn: (m) => (logger ?? console).warn(m) })),
    issuer: origin,
    audience: 'tessera-example-api',
    origin,
    allowedOrigins: allowedOriginsFor(origin),
    transport,
    accessTokenTtl,
    refreshTokenTtl: '14d',
    // Let the refresh cookie reach /api/* too, so an expired access token is refreshed transparently
    // on any route (the trade-off: the refresh token travels with every request to this origin).
    cookies: { refreshPath: '/' },
    authenticate: ({ username, password }) => directory.verify(username, password),
    loadUser: (sub) => directory.find(sub),
    claims: (user) => ({ sub: user.id, name: user.username, roles: user.roles, permissions: user.permissions }),
    // The single-instance choice, made explicit: sessions live in this process's memory, so they end
    // with it and are not shared with other instances (several instances need a shared store).
    store: createMemoryStore(now ? { now } : {}),
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
        routes: {
          'GET /': 'this page (public)',
          'GET /api/me': 'your claims (signed in)',
          'GET /api/admin': 'admins only (role "admin")',
          'POST /auth/login': 'sign in with {"username","password"} as JSON, a form or HTTP Basic',
          'POST /auth/refresh': 'rotate the refresh token, get a new access token',
          'POST /auth/logout': 'end this session',
          'POST /auth/logout-all': 'end every session of this user',
          'GET /auth/session': 'the current claims',
          'GET /.well-known/jwks.json': 'the public keys',
        },
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

  return { auth, users: directory, handler: createNodeHandler(auth, { fallback: routes }) };
}

/** Why listening failed, naming the variable to change. */
function listenError(error, host, port) {
  if (error?.code === 'EADDRINUSE') return new Error(`PORT ${port} is already in use on ${host}: set PORT to a free port (0 picks one)`, { cause: error });
  if (error?.code === 'EACCES') return new Error(`PORT ${port} needs privileges on ${host}: set PORT above 1023`, { cause: error });
  return new Error(`HOST ${host} cannot be listened on (${error?.code ?? error?.message}): set HOST to an address of this machine`, { cause: error });
}

/**
 * Starts the example on `host:port` (port 0 picks a free one) and resolves once it serves. `origin`
 * is the public origin and issuer (default `http://host:port`, known only after listening, so the
 * app is built then; requests arriving meanwhile wait for it).
 */
export async function startServer({ port = 3000, host = '127.0.0.1', origin, ...options } = {}) {
  let ready;
  const app = new Promise((resolve, reject) => (ready = { resolve, reject }));
  app.catch(() => undefined); // a start-up failure is reported by the await below
  const server = createServer((req, res) => void app.then((a) => a.handler(req, res)));
  await new Promise((resolve, reject) => {
    server.once('error', (error) => reject(listenError(error, host, port)));
    server.listen(port, host, resolve);
  });
  // The URL to reach it from this machine: a wildcard host (every interface) is reached on loopback.
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  const url = `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${server.address().port}`;
  try {
    ready.resolve(await createApp({ origin: origin ?? url, ...options }));
  } catch (error) {
    ready.reject(error);
    server.closeAllConnections();
    server.close();
    throw error;
  }
  const close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { ...(await app), server, url, origin: origin ?? url, close };
}
