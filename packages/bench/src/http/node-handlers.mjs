/**
 * The plain node:http servers of the HTTP case, all doing the same work per request: the bearer
 * token, its signature, the claims (issuer, audience, expiry) and the revocation lookup
 * (./revocation.mjs: a `Map`, or one Redis MGET).
 *
 * - `none`: no auth (the ceiling).
 * - `floor`: the hand-written floor: node:crypto (floors.mjs), the claim checks of
 *   material.mjs, the Map lookup. No library.
 * - `tessera`: `createMiddleware` of @tessera/node over `createAuth` (memory store).
 * - `tessera-core`: the core's `createVerifier` in the handler, then the Map lookup.
 * - `jsonwebtoken`, `fast-jwt`, `jose`: each library's verify with the same issuer, audience and
 *   algorithm allow-list, then the Map lookup.
 * - `tessera-redis`: `tessera` with the Redis store (REDIS_URL); `floor-redis`, `fast-jwt-redis`:
 *   the floor and fast-jwt with the Redis store's MGET through node-redis (PEER_REDIS_URL).
 */
import { createRequire } from 'node:module';
import { AUDIENCE, ISSUER } from '../fixtures.mjs';
import { nodeFloor } from '../floors.mjs';
import { deleteKeys, openRedis } from '../resp.mjs';
import { bearer, checkClaims, deny, notFound, ok, tesseraAuth } from './material.mjs';
import { revokedInMap, revokedInRedis } from './revocation.mjs';

const require = createRequire(import.meta.url);

/** A handler for a synchronous or asynchronous `verify(token) -> claims` (throws or rejects: 401). */
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

/** `verify` followed by the revocation check (synchronous, or a promise). */
function thenRevocation(verify, revoked) {
  return (token) => {
    const claims = verify(token);
    const check = (c) => {
      const r = revoked(c);
      if (r instanceof Promise) return r.then((yes) => { if (yes) throw new Error('revoked'); return c; });
      if (r) throw new Error('revoked');
      return c;
    };
    return claims instanceof Promise ? claims.then(check) : check(claims);
  };
}

/** A node-redis client for the peers' MGET, closed at exit (`atExit`). */
async function peerRedis(atExit) {
  const { createClient } = require('redis');
  const client = createClient({ url: process.env.PEER_REDIS_URL, disableOfflineQueue: true });
  await client.connect();
  atExit.push(() => client.quit());
  return client;
}

/** The request listener of node:http variant `name` for key `k`; `atExit` collects clean-up steps. */
export async function nodeHandler(name, k, atExit) {
  const options = { algorithms: [k.alg], issuer: ISSUER, audience: AUDIENCE };
  const floor = () => {
    const f = nodeFloor(k.alg, k);
    return (t) => checkClaims(f.verify(t));
  };
  const fastJwt = () => require('fast-jwt').createVerifier({
    key: k.secret ?? k.publicPem, algorithms: [k.alg], allowedIss: ISSUER, allowedAud: AUDIENCE, requiredClaims: ['sub', 'jti', 'sid', 'auth_time'],
  });
  switch (name) {
    case 'none':
      return (req, res) => (req.url === '/protected' ? ok(res, 'anonymous') : notFound(res));
    case 'floor':
      return guarded(thenRevocation(floor(), revokedInMap()));
    case 'jsonwebtoken': {
      const jwt = require('jsonwebtoken');
      return guarded(thenRevocation((t) => jwt.verify(t, k.publicKey, options), revokedInMap()));
    }
    case 'fast-jwt':
      return guarded(thenRevocation(fastJwt(), revokedInMap()));
    case 'jose': {
      const { importJWK, jwtVerify } = await import('jose');
      const key = k.secret !== undefined
        ? await crypto.subtle.importKey('raw', k.secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify'])
        : await importJWK(k.publicJwk, k.alg);
      return guarded(thenRevocation(async (t) => (await jwtVerify(t, key, { ...options, typ: 'JWT', requiredClaims: ['sub', 'jti', 'sid', 'auth_time'] })).payload, revokedInMap()));
    }
    case 'tessera-core': {
      // The core alone: createVerifier with the auth layer's checks, in a plain handler.
      const core = await import(process.env.BENCH_CORE_URL);
      const keys = k.secret !== undefined ? core.importSecret(new Uint8Array(k.secret), { alg: 'HS256', kid: k.kid }) : core.importJwk(k.publicJwk, { alg: k.alg });
      const verify = core.createVerifier({ keys, ...options, typ: 'JWT', requiredClaims: ['sub', 'iat', 'exp', 'jti', 'sid', 'auth_time'] });
      return guarded(thenRevocation(async (t) => (await verify(t)).payload, revokedInMap()));
    }
    case 'tessera':
    case 'tessera-redis': {
      const { createMiddleware } = await import(process.env.BENCH_NODE_URL);
      const store = name === 'tessera-redis' ? await redisStore(atExit) : undefined;
      const protect = createMiddleware(await tesseraAuth(k, store), { onError: () => {} });
      return (req, res) => {
        if (req.url !== '/protected') return notFound(res);
        protect(req, res, () => ok(res, req.auth.sub));
      };
    }
    case 'floor-redis':
      return guarded(thenRevocation(floor(), revokedInRedis(await peerRedis(atExit), `bench-${process.pid}:`)));
    case 'fast-jwt-redis':
      return guarded(thenRevocation(fastJwt(), revokedInRedis(await peerRedis(atExit), `bench-${process.pid}:`)));
    default:
      return undefined;
  }
}

/** The Redis store of @tessera/redis at REDIS_URL; its keys are deleted at exit. */
async function redisStore(atExit) {
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
  return store;
}
