/**
 * Where every example app keeps its sessions (refresh tokens, logouts, logout-all): in this
 * process's memory by default (one instance), or in the Redis at REDIS_URL, shared by every
 * instance pointed at it (apps/README.md). The app passes the store to its own `createAuth`.
 */
import { createMemoryStore } from '@tessera/jwt-core/server';
import { createRedisStore } from '@tessera/redis';

/** How long start-up waits for Redis before it gives up (the store's connectTimeout). */
const CONNECT_TIMEOUT_MS = 2000;

/** `host:port` of a Redis URL: what may be shown (the URL itself may hold a password). */
function serverOf(redisUrl) {
  const { hostname, port, protocol } = new URL(redisUrl);
  return `${hostname}:${port || (protocol === 'rediss:' ? 6380 : 6379)}`;
}

/**
 * Opens the sessions' store: with `redisUrl`, a Redis store under `redisPrefix`, connected before
 * it resolves (at most 2 s; otherwise it rejects with a message naming Redis and REDIS_URL);
 * without, a memory store. `now` is the clock (the demo moves it). Resolves to `{ store, label,
 * close }`: `store` for createAuth, `label` for the start banner, `close()` on shutdown.
 *
 * @example
 * ```js
 * const sessions = await openStore({ redisUrl: process.env.REDIS_URL, redisPrefix: 'tessera-example:' });
 * const auth = createAuth({ ...options, store: sessions.store });
 * // on shutdown: await sessions.close();
 * ```
 */
export async function openStore({ redisUrl, redisPrefix = 'tessera-example:', now } = {}) {
  if (redisUrl === undefined) {
    return { store: createMemoryStore(now ? { now } : {}), label: "this process's memory (one instance; set REDIS_URL to share sessions)", close: async () => undefined };
  }
  const server = serverOf(redisUrl);
  const store = createRedisStore({ url: redisUrl, keyPrefix: redisPrefix, connectTimeout: CONNECT_TIMEOUT_MS, ...(now ? { now } : {}) });
  try {
    await store.ready();
  } catch (error) {
    await store.close();
    throw Object.assign(new Error(`Redis at ${server} (REDIS_URL) did not accept a connection within ${CONNECT_TIMEOUT_MS} ms`, { cause: error }), {
      hint: `start Redis there (e.g. redis-server, or docker run -p 6379:6379 redis:7), or set REDIS_URL to a reachable server; unset REDIS_URL to keep sessions in memory (one instance)`,
    });
  }
  return { store, label: `Redis at ${server}, key prefix ${redisPrefix} (shared by every instance using it)`, close: () => store.close() };
}
