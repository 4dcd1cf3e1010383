/**
 * Fail fast, fail closed, resume: with its own redis-server on a free port, stopped, frozen and
 * restarted under a live store. Every call fails within commandTimeout (plus a margin for the
 * event loop) with ERR_AUTH_UNAVAILABLE naming the address, the auth layer's answer is a 503 with
 * Retry-After, and once Redis is back the same store works again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'redis';
import { JoseError } from '@tessera/jwt-core';
import { errorResponse, type AuthStore } from '@tessera/jwt-core/server';
import { createRedisStore, type RedisStore } from '../src/index.js';
import { eventually } from './support/eventually.js';
import { freePort, RedisServer } from './support/redis-server.js';

const TIMEOUT = 300;
/** Allowed beyond commandTimeout: timers and the event loop on a loaded 2-core machine. */
const MARGIN = 250;
const T = 1_800_000_000;

let server: RedisServer;
let store: RedisStore;
/** An application's client with node-redis defaults: an offline queue, reconnecting by itself. */
function applicationClient(url: string) {
  const client = createClient({ url });
  client.on('error', () => undefined);
  return client;
}

let appClient: ReturnType<typeof applicationClient>;
let appStore: RedisStore;

beforeAll(async () => {
  server = await RedisServer.start();
  store = createRedisStore({ url: server.url, commandTimeout: TIMEOUT, keyPrefix: 'faults:', now: () => new Date(T * 1000) });
  // With node-redis defaults a call would wait in the offline queue: the store's deadline bounds it.
  appClient = applicationClient(server.url);
  await appClient.connect();
  appStore = createRedisStore({ client: appClient, commandTimeout: TIMEOUT, keyPrefix: 'faults-app:', now: () => new Date(T * 1000) });
  await store.ready();
  await store.checkAccess({ jti: 'j', family: 'f', sub: 'u' });
});

afterAll(async () => {
  await store?.close();
  appClient?.destroy();
  await server?.stop();
});

const record = { hash: 'h1', family: 'f1', sub: 'u1', signedInAt: T, issuedAt: T, expiresAt: T + 600, familyExpiresAt: T + 3600 };

/** Every method of the store, once. */
const CALLS: [string, (s: AuthStore) => Promise<unknown>][] = [
  ['insertRefresh', (s) => s.insertRefresh(record)],
  ['findRefresh', (s) => s.findRefresh('h1')],
  ['rotateRefresh', (s) => s.rotateRefresh({ hash: 'h1', child: { ...record, hash: 'h2' }, now: T, graceSeconds: 0, maxGraceUses: 0 })],
  ['revokeFamily', (s) => s.revokeFamily({ family: 'f1', sub: 'u1' }, T + 60)],
  ['isFamilyRevoked', (s) => s.isFamilyRevoked({ family: 'f1', sub: 'u1' })],
  ['revokeAccessToken', (s) => s.revokeAccessToken({ jti: 'j1', sub: 'u1' }, T + 60)],
  ['isAccessTokenRevoked', (s) => s.isAccessTokenRevoked({ jti: 'j1', sub: 'u1' })],
  // AuthStore.checkAccess may answer synchronously; the Redis store's is always a promise.
  ['checkAccess', (s) => Promise.resolve(s.checkAccess({ jti: 'j1', family: 'f1', sub: 'u1' }))],
  ['getUserEpoch', (s) => s.getUserEpoch('u1')],
  ['raiseUserEpoch', (s) => s.raiseUserEpoch('u1', T, 60)],
];

/** The call's failure and how long it took; fails the test if the call succeeded. */
async function failure(call: () => Promise<unknown>): Promise<{ error: JoseError; ms: number }> {
  const started = performance.now();
  const error = await call().then(() => undefined, (err: unknown) => err);
  const ms = performance.now() - started;
  expect(error, 'the call succeeded while Redis was down').toBeInstanceOf(JoseError);
  return { error: error as JoseError, ms };
}

async function expectUnavailable(s: AuthStore, address: string): Promise<void> {
  for (const [name, call] of CALLS) {
    const { error, ms } = await failure(() => call(s));
    expect(error.code, name).toBe('ERR_AUTH_UNAVAILABLE');
    expect(error.message, name).toContain(`Redis at ${address}`);
    expect(error.message, name).toContain(name);
    expect(error.hint, name).toContain(address);
    expect(ms, `${name} took ${Math.round(ms)} ms`).toBeLessThan(TIMEOUT + MARGIN);
  }
}

describe('Redis down, frozen, back', () => {
  it('stopped: every call fails fast with ERR_AUTH_UNAVAILABLE naming the address; the auth layer answers 503 with Retry-After', async () => {
    await server.kill('SIGKILL');
    const address = `127.0.0.1:${server.port}`;
    await expectUnavailable(store, address);
    await expectUnavailable(appStore, address);

    const { error } = await failure(() => store.checkAccess({ jti: 'j1', family: 'f1', sub: 'u1' }));
    const response = errorResponse(error);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBeTruthy();
    expect(((await response.json()) as { error: string }).error).toBe('ERR_AUTH_UNAVAILABLE');
  });

  it('restarted on the same port: the same stores work again without being recreated', async () => {
    await server.restart();
    for (const s of [store, appStore]) {
      await eventually(() => s.revokeFamily({ family: 'f1', sub: 'u1' }, T + 60));
      for (const [, call] of CALLS) await call(s);
      expect(await s.isFamilyRevoked({ family: 'f1', sub: 'u1' })).toBe(true);
    }
  });

  it('frozen (SIGSTOP: connected, never answering): a call fails when commandTimeout runs out, saying so', async () => {
    await store.checkAccess({ jti: 'j1', family: 'f1', sub: 'u1' });
    process.kill(server.pid, 'SIGSTOP');
    try {
      const { error, ms } = await failure(() => store.checkAccess({ jti: 'j1', family: 'f1', sub: 'u1' }));
      expect(error.code).toBe('ERR_AUTH_UNAVAILABLE');
      expect(error.message).toBe(`Redis at 127.0.0.1:${server.port} did not answer the auth store's checkAccess within ${TIMEOUT} ms (commandTimeout)`);
      expect(ms).toBeGreaterThanOrEqual(TIMEOUT - 5);
      expect(ms).toBeLessThan(TIMEOUT + MARGIN);
    } finally {
      process.kill(server.pid, 'SIGCONT');
    }
    await eventually(() => store.checkAccess({ jti: 'j1', family: 'f1', sub: 'u1' }));
  });
});

describe('a store created by URL while Redis is down', () => {
  it('is created at once, fails each call and ready() fast naming the address (never the password), and closes at once', async () => {
    const port = await freePort();
    const started = performance.now();
    const down = createRedisStore({ url: `redis://app:s3cret@127.0.0.1:${port}/0`, commandTimeout: TIMEOUT, connectTimeout: TIMEOUT });
    // Synchronous: it starts connecting and returns; nothing waits for the connection.
    expect(down).not.toBeInstanceOf(Promise);
    expect(performance.now() - started, 'createRedisStore took').toBeLessThan(TIMEOUT);
    try {
      for (const [name, call] of CALLS) {
        const { error, ms } = await failure(() => call(down));
        expect(error.code, name).toBe('ERR_AUTH_UNAVAILABLE');
        expect(error.message, name).toContain(`Redis at 127.0.0.1:${port}`);
        expect(`${error.message} ${error.hint}`, name).not.toContain('s3cret');
        expect(ms, `${name} took ${Math.round(ms)} ms`).toBeLessThan(TIMEOUT + MARGIN);
      }
      // ready() is bounded too: it gives up after connectTimeout, naming the server.
      const { error, ms } = await failure(() => down.ready());
      expect(error.message).toBe(`Redis at 127.0.0.1:${port} did not accept a connection within ${TIMEOUT} ms (connectTimeout)`);
      expect(ms).toBeLessThan(TIMEOUT + MARGIN);
    } finally {
      const closing = performance.now();
      await down.close();
      expect(performance.now() - closing, 'close() took').toBeLessThan(TIMEOUT);
    }
  });
});
