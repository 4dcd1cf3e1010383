/**
 * Scripts run by EVALSHA and survive an empty script cache: after `SCRIPT FLUSH` (what a restart
 * or a failover to a replica that never saw the script looks like), the next call gets NOSCRIPT,
 * runs the script with EVAL (which caches it again), and the call after that is EVALSHA only.
 * On a private redis-server, so the flush touches no one else.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRedisStore, type RedisStore } from '../src/index.js';
import { Monitor } from './support/monitor.js';
import { RedisServer } from './support/redis-server.js';
import { newClient, type TestClient } from './support/shared-redis.js';

let server: RedisServer;
let client: TestClient;
let store: RedisStore;
let monitor: Monitor;
const T = 1_800_000_000;

beforeAll(async () => {
  server = await RedisServer.start();
  client = newClient(server.url);
  await client.connect();
  monitor = await Monitor.start(server.url);
  store = createRedisStore({ client, keyPrefix: 'sc:', now: () => new Date(T * 1000) });
});

afterAll(async () => {
  await monitor?.stop();
  await client?.close();
  await server?.stop();
});

it('after SCRIPT FLUSH a call falls back to EVAL once, then EVALSHA works again', async () => {
  await store.revokeFamily({ family: 'f1', sub: 'u1' }, T + 60);
  expect(await store.isFamilyRevoked({ family: 'f1', sub: 'u1' })).toBe(true);

  await client.sendCommand(['SCRIPT', 'FLUSH']);
  expect(await monitor.during(client, () => store.revokeFamily({ family: 'f2', sub: 'u1' }, T + 60))).toEqual(['EVALSHA', 'EVAL']);
  expect(await store.isFamilyRevoked({ family: 'f2', sub: 'u1' })).toBe(true);

  expect(await monitor.during(client, () => store.revokeFamily({ family: 'f3', sub: 'u1' }, T + 60))).toEqual(['EVALSHA']);
  expect(await store.isFamilyRevoked({ family: 'f3', sub: 'u1' })).toBe(true);
});

it('a rotation succeeds on a server that has never seen its script', async () => {
  await client.sendCommand(['SCRIPT', 'FLUSH']);
  const r = { hash: 'h', family: 'f', sub: 'u', signedInAt: T, issuedAt: T, expiresAt: T + 60, familyExpiresAt: T + 600 };
  await store.insertRefresh(r);
  const out = await store.rotateRefresh({ hash: 'h', child: { ...r, hash: 'h2' }, now: T, graceSeconds: 0, maxGraceUses: 0 });
  expect(out).toEqual({ status: 'rotated', grace: false, record: { ...r, usedAt: T } });
});
