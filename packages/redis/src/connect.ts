/**
 * The client the store creates from a URL, set up to fail fast rather than wait:
 * - no offline queue: while disconnected a command is refused at once instead of being held
 *   until the connection returns (node-redis `disableOfflineQueue`);
 * - a bounded connection attempt (`connectTimeout`) and a reconnect strategy that keeps trying
 *   every second at most, so service resumes by itself when Redis is back;
 * - `connect()` is started, not awaited: creating the store never hangs start-up on a Redis that
 *   is down; calls fail with `ERR_AUTH_UNAVAILABLE` until it is up. `ready()` waits for the
 *   connection, bounded by `connectTimeout`, for an app that wants to start serving only then.
 */
import { createClient } from 'redis';
import type { RedisClientLike } from './client.js';

/** The store's own client and how to close it. */
export interface OwnClient {
  client: RedisClientLike;
  /** Resolves true once connected, false if `ms` pass first (it never waits longer). */
  ready(ms: number): Promise<boolean>;
  close(): Promise<void>;
}

/** Reconnect after 50 ms, doubling up to 1 s, forever (a store outlives a Redis restart). */
export function reconnectDelay(retries: number): number {
  return Math.min(50 * 2 ** Math.min(retries, 5), 1000);
}

/** Creates and starts connecting a client for `url`. */
export function connectUrl(url: string, connectTimeout: number): OwnClient {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout, reconnectStrategy: reconnectDelay },
  });
  // node-redis emits 'error' on every failed (re)connection; without a listener Node would throw
  // it. Each call that fails reports the cause itself, naming the server.
  client.on('error', () => undefined);
  client.connect().catch(() => undefined);
  let closed = false;
  return {
    client: client as unknown as RedisClientLike,
    ready: (ms) => {
      if (client.isReady) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const done = (ok: boolean): void => {
          clearTimeout(timer);
          client.off('ready', onReady);
          resolve(ok);
        };
        const onReady = (): void => done(true);
        const timer = setTimeout(() => done(false), ms);
        client.on('ready', onReady);
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      if (client.isReady) await client.close();
      else client.destroy();
    },
  };
}
