/**
 * Every key the store writes expires with what it describes: a record with its token, a revoked
 * family or access token at its `until`, an epoch `ttlSeconds` after the raise. The TTL is counted
 * from the store's clock (here the system clock), and a later, shorter write never shortens it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RefreshRecord } from '@tessera/jwt-core/server';
import { createRedisStore, type RedisStore } from '../src/index.js';
import { createKeys } from '../src/keys.js';
import { connectShared, deleteKeys, keysOf, uniquePrefix, type TestClient } from './support/shared-redis.js';

const prefix = uniquePrefix();
const keys = createKeys(prefix);
const USER = 'ttl-user';
const user = keys.user(USER);
let client: TestClient;
let store: RedisStore;
let t: number;

beforeAll(async () => {
  client = await connectShared();
  // A clock frozen at the start: every TTL below is exact, whatever the time the test takes.
  t = Math.floor(Date.now() / 1000);
  store = createRedisStore({ client, keyPrefix: prefix, now: () => new Date(t * 1000) });
});

afterAll(async () => {
  if (client === undefined) return;
  await deleteKeys(client, prefix);
  await client.close();
});

function record(hash: string, family: string, ttl: number): RefreshRecord {
  return { hash, family, sub: USER, signedInAt: t, issuedAt: t, expiresAt: t + ttl, familyExpiresAt: t + 86_400 };
}

/** TTL in seconds; Redis rounds the remaining time, so allow the second it may have started. */
async function expectTtl(k: string, seconds: number): Promise<void> {
  const ttl = await client.ttl(k);
  expect(ttl, `TTL of ${k}`).toBeGreaterThanOrEqual(seconds - 1);
  expect(ttl, `TTL of ${k}`).toBeLessThanOrEqual(seconds);
}

describe('every key carries the TTL of what it describes', () => {
  it('a refresh record expires with its token, the child with its own expiry', async () => {
    await store.insertRefresh(record('ttl-p', 'ttl-f', 3600));
    await expectTtl(keys.refresh(user, 'ttl-p'), 3600);
    await expectTtl(keys.owner('ttl-p'), 3600);
    await store.rotateRefresh({ hash: 'ttl-p', child: record('ttl-c', 'ttl-f', 1800), now: t, graceSeconds: 0, maxGraceUses: 0 });
    await expectTtl(keys.refresh(user, 'ttl-c'), 1800);
    await expectTtl(keys.owner('ttl-c'), 1800);
    await expectTtl(keys.refresh(user, 'ttl-p'), 3600);
  });

  it('a family revoked by reuse expires at the family\'s absolute expiry', async () => {
    await store.insertRefresh(record('ttl-p2', 'ttl-f2', 3600));
    await store.rotateRefresh({ hash: 'ttl-p2', child: record('ttl-c2', 'ttl-f2', 3600), now: t, graceSeconds: 0, maxGraceUses: 0 });
    const out = await store.rotateRefresh({ hash: 'ttl-p2', child: record('ttl-c3', 'ttl-f2', 3600), now: t, graceSeconds: 0, maxGraceUses: 0 });
    expect(out.status).toBe('reused');
    await expectTtl(keys.family(user, 'ttl-f2'), 86_400);
    expect(await client.exists([keys.refresh(user, 'ttl-c3'), keys.owner('ttl-c3')]), 'the child of a reused token, and its owner').toBe(0);
  });

  it('revocations expire at their until, and a shorter one later keeps the longer TTL', async () => {
    await store.revokeAccessToken({ jti: 'ttl-j', sub: USER }, t + 900);
    await store.revokeAccessToken({ jti: 'ttl-j', sub: USER }, t + 60);
    await expectTtl(keys.access(user, 'ttl-j'), 900);
    await store.revokeFamily({ family: 'ttl-f3', sub: USER }, t + 600);
    await store.revokeFamily({ family: 'ttl-f3', sub: USER }, t + 1200);
    await expectTtl(keys.family(user, 'ttl-f3'), 1200);
  });

  it('a user epoch expires ttlSeconds after the raise, never earlier after a shorter raise', async () => {
    await store.raiseUserEpoch(USER, t, 7200);
    await store.raiseUserEpoch(USER, t + 1, 60);
    await expectTtl(keys.epoch(user), 7200);
    expect(await store.getUserEpoch(USER)).toBe(t + 1);
  });

  it('nothing already expired is written: no key without a lifetime left', async () => {
    await store.insertRefresh(record('ttl-dead', 'ttl-f4', 0));
    await store.revokeAccessToken({ jti: 'ttl-dead', sub: USER }, t);
    await store.revokeFamily({ family: 'ttl-dead', sub: USER }, t - 5);
    await store.raiseUserEpoch('ttl-dead', t, 0);
    const dead = keys.user('ttl-dead');
    expect(await client.exists([keys.refresh(user, 'ttl-dead'), keys.owner('ttl-dead'), keys.access(user, 'ttl-dead'), keys.family(user, 'ttl-dead'), keys.epoch(dead)])).toBe(0);
  });

  it('no key under the prefix is without a TTL', async () => {
    const keys = await keysOf(client, prefix);
    expect(keys.length).toBeGreaterThan(5);
    const ttls = await Promise.all(keys.map((k) => client.ttl(k)));
    expect(keys.filter((_, i) => ttls[i] === -1)).toEqual([]);
  });
});
