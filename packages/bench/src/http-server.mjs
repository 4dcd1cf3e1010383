/**
 * One HTTP server on 127.0.0.1 protecting `GET /protected` with an HS256 bearer token, in the
 * variant named by argv[2]: none (no auth), floor (hand-written node:crypto), tessera
 * (@tessera/node middleware over createAuth, bearer transport, the memory store), tessera-redis (the
 * same with the Redis store of @tessera/redis at REDIS_URL, default redis://127.0.0.1:6379; its keys
 * are deleted at exit), tessera-core (the core's
 * createVerifier in a plain handler), jsonwebtoken, fast-jwt, jose; and on Koa 3 (./http-koa.mjs):
 * koa-none, koa-tessera (@tessera/koa over the same createAuth), koa-jwt.
 * Every variant answers 200 with `{"sub":...}` or 401. Prints `{"port":N}` once listening.
 */
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { createSecretKey } from 'node:crypto';
import { AUDIENCE, ISSUER } from './fixtures.mjs';
import { nodeFloor } from './floors.mjs';
import { koaListener } from './http-koa.mjs';
import { deleteKeys, openRedis } from './resp.mjs';

const require = createRequire(import.meta.url);
const variant = process.argv[2];
const secret = Buffer.from(process.env.BENCH_SECRET, 'base64url');
const kid = process.env.BENCH_KID;
const k = { kid, secret, privateKey: createSecretKey(secret) };

function bearer(req) {
  const h = req.headers.authorization;
  return typeof h === 'string' && h.startsWith('Bearer ') ? h.slice(7) : '';
}

const ok = (res, sub) => {
  const body = JSON.stringify({ sub });
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
};
const DENIED = '{"error":"unauthorized"}';
const deny = (res) => {
  res.writeHead(401, { 'content-type': 'application/json', 'content-length': DENIED.length });
  res.end(DENIED);
};
const notFound = (res) => {
  res.writeHead(404);
  res.end();
};

/** A handler for a synchronous or asynchronous `verify(token) -> claims`. */
function guarded(verify) {
  return (req, res) => {
    if (req.url !== '/protected') return notFound(res);
    let result;
    try {
      result = verify(bearer(req));
    } catch {
      return deny(res);
    }
    if (result instanceof Promise) result.then((c) => ok(res, c.sub), () => deny(res));
    else ok(res, result.sub);
  };
}

/** Run at SIGTERM, before the process exits. */
const atExit = [];

/** The auth layer the Tessera servers (node, Koa) use: bearer, HS256, the memory store unless given one. */
async function tesseraAuth(store = undefined) {
  const core = await import(process.env.BENCH_CORE_URL);
  const { createAuth, createMemoryStore } = await import(process.env.BENCH_SERVER_URL);
  return createAuth({
    keys: core.importSecret(new Uint8Array(secret), { alg: 'HS256', kid }),
    algorithm: 'HS256',
    issuer: ISSUER,
    audience: AUDIENCE,
    transport: 'bearer',
    store: store ?? createMemoryStore(), // one process (createAuth refuses an implicit store in production)
    // This server only protects a route: nobody signs in through it.
    authenticate: () => null,
    loadUser: () => null,
    claims: (user) => ({ sub: user.id }),
  });
}

async function handlerFor(name) {
  const options = { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE };
  switch (name) {
    case 'none':
      return (req, res) => (req.url === '/protected' ? ok(res, 'anonymous') : notFound(res));
    case 'floor': {
      const floor = nodeFloor('HS256', k);
      return guarded((t) => {
        const claims = floor.verify(t);
        if (!(claims.exp > Date.now() / 1000)) throw new Error('expired');
        return claims;
      });
    }
    case 'jsonwebtoken': {
      const jwt = require('jsonwebtoken');
      return guarded((t) => jwt.verify(t, k.privateKey, options));
    }
    case 'fast-jwt': {
      const verify = require('fast-jwt').createVerifier({ key: secret, algorithms: ['HS256'], allowedIss: ISSUER, allowedAud: AUDIENCE });
      return guarded(verify);
    }
    case 'jose': {
      const { jwtVerify } = await import('jose');
      const key = await crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
      return guarded(async (t) => (await jwtVerify(t, key, options)).payload);
    }
    case 'tessera-core': {
      // The core alone: createVerifier with the auth layer's checks, in a plain handler.
      const core = await import(process.env.BENCH_CORE_URL);
      const verify = core.createVerifier({
        keys: core.importSecret(new Uint8Array(secret), { alg: 'HS256', kid }),
        algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE, typ: 'JWT', requiredClaims: ['sub', 'iat', 'exp', 'jti', 'sid', 'auth_time'],
      });
      return guarded(async (t) => (await verify(t)).payload);
    }
    case 'tessera': {
      const { createMiddleware } = await import(process.env.BENCH_NODE_URL);
      const protect = createMiddleware(await tesseraAuth(), { onError: () => {} });
      return (req, res) => {
        if (req.url !== '/protected') return notFound(res);
        protect(req, res, () => ok(res, req.auth.sub));
      };
    }
    case 'tessera-redis': {
      // The `tessera` server with the Redis store: same route, token and createAuth.
      const { createMiddleware } = await import(process.env.BENCH_NODE_URL);
      const { createRedisStore } = await import(process.env.BENCH_REDIS_STORE_URL);
      const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
      const keyPrefix = `tessera-bench-${process.pid}:`;
      const store = createRedisStore({ url, keyPrefix });
      atExit.push(async () => {
        // Keys are `{<keyPrefix>}<kind>:<id>` (packages/redis README); this server writes none, but a
        // shared Redis is left as it was found whatever the store did.
        const redis = await openRedis(url);
        try {
          await deleteKeys(redis, `{${keyPrefix}}*`);
        } finally {
          await redis.close();
        }
      });
      atExit.push(() => store.close());
      await store.ready(); // throws ERR_AUTH_UNAVAILABLE naming the server if Redis does not answer
      const protect = createMiddleware(await tesseraAuth(store), { onError: () => {} });
      return (req, res) => {
        if (req.url !== '/protected') return notFound(res);
        protect(req, res, () => ok(res, req.auth.sub));
      };
    }
    case 'koa-none':
    case 'koa-tessera':
    case 'koa-jwt':
      return koaListener(name, { keyObject: k.privateKey, tesseraAuth });
    default:
      throw new Error(`unknown server variant ${name}`);
  }
}

async function cleanUp() {
  for (const step of atExit.splice(0)) {
    try {
      await step();
    } catch (err) {
      process.stderr.write(`clean-up at exit failed: ${err.message}\n`);
    }
  }
}

let handler;
try {
  handler = await handlerFor(variant);
} catch (err) {
  // First, one line for the bench to report (e.g. ERR_AUTH_UNAVAILABLE naming the Redis it tried).
  process.stderr.write(`${err.code ?? err.name}: ${err.message}\n`);
  await cleanUp();
  process.exit(1);
}
// The load generator reads the server's CPU time around each run: CPU µs per request is robust to
// other processes on the machine, req/s is not.
const server = createServer((req, res) => {
  if (req.url === '/__cpu') {
    const c = process.cpuUsage();
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end(JSON.stringify({ cpuUs: c.user + c.system }));
  }
  return handler(req, res);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.on('SIGTERM', () => server.close(() => cleanUp().then(() => process.exit(0))));
