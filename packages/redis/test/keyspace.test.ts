/**
 * Nothing unbounded: 100,000 sign-ins, each rotated once, with access-token revocations, reuse
 * (family revocations) and logout-all among them, leave keys that all carry a TTL no longer than
 * the lifetime of what they describe; once every token has expired, the keyspace under the prefix
 * is empty again. Lifetimes are 5 s of real time: Redis expires keys by its own clock, which a
 * test cannot inject, so this is the one test that waits (it polls until the keys are gone).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RefreshRecord } from '@tessera/jwt-core/server';
import { createRedisStore, type RedisStore } from '../src/index.js';
import { createKeys } from '../src/keys.js';
import { connectShared, deleteKeys, keysOf, uniquePrefix, type TestClient } from './support/shared-redis.js';

const SIGN_INS = 100_000;
const BATCH = 5_000;
/** Lifetime of everything below (tokens, families, revocations, epochs), in seconds. */
const LIFETIME = 5;

const prefix = uniquePrefix();
const layout = createKeys(prefix);
let client: TestClient;
let store: RedisStore;

beforeAll(async () => {
  client = await connectShared();
  // Thousands of calls are queued at once and other test files share the machine: this test is
  // about the keyspace, so the deadline is generous (the fault tests hold the short one).
  store = createRedisStore({ client, keyPrefix: prefix, commandTimeout: 10_000 });
});

afterAll(async () => {
  if (client === undefined) return;
  await deleteKeys(client, prefix);
  await client.close();
});

const seconds = (): number => Math.floor(Date.now() / 1000);

function refresh(hash: string, family: string, sub: string, t: number): RefreshRecord {
  return { hash, family, sub, signedInAt: t, issuedAt: t, expiresAt: t + LIFETIME, familyExpiresAt: t + LIFETIME };
}

/**
 * One sign-in and what follows it: a rotation, and for some a logout (a revoked jti), a reuse (a
 * revoked family) or a logout-all (a user epoch). Returns the keys it must have written.
 */
async function session(i: number, t: number): Promise<string[]> {
  const family = `f${i}`;
  const sub = `u${i % 1000}`;
  const user = layout.user(sub);
  const keys = [layout.refresh(user, `p${i}`), layout.owner(`p${i}`), layout.refresh(user, `c${i}`), layout.owner(`c${i}`)];
  await store.insertRefresh(refresh(`p${i}`, family, sub, t));
  const rotate = (child: string) => store.rotateRefresh({ hash: `p${i}`, child: refresh(child, family, sub, t), now: t, graceSeconds: 0, maxGraceUses: 0 });
  expect((await rotate(`c${i}`)).status).toBe('rotated');
  if (i % 10 === 0) {
    await store.revokeAccessToken({ jti: `j${i}`, sub }, t + LIFETIME);
    keys.push(layout.access(user, `j${i}`));
  }
  if (i % 10 === 1) {
    expect((await rotate(`r${i}`)).status).toBe('reused');
    keys.push(layout.family(user, family));
  }
  if (i % 100 === 2) {
    await store.raiseUserEpoch(sub, t, LIFETIME);
    keys.push(layout.epoch(user));
  }
  return keys;
}

it(`every key of ${SIGN_INS.toLocaleString('en')} sign-ins has a TTL within the token's lifetime, and once they expired the keyspace under the prefix is empty`, async () => {
  let written = 0;
  for (let start = 0; start < SIGN_INS; start += BATCH) {
    const t = seconds();
    // Concurrent calls share node-redis's pipeline: one write per batch of commands, not per call.
    const keys = (await Promise.all(Array.from({ length: BATCH }, (_, k) => session(start + k, t)))).flat();
    // Right after the batch (well within LIFETIME), every key it wrote is there with a TTL (-1: none,
    // -2: missing) no longer than the lifetime of what it describes.
    const ttls = await Promise.all(keys.map((k) => client.ttl(k)));
    expect(keys.filter((_, i) => ttls[i]! < 1), 'keys without a TTL (-1) or missing (-2) right after the batch').toEqual([]);
    expect(Math.max(...ttls), 'the longest TTL (s)').toBeLessThanOrEqual(LIFETIME);
    written += keys.length;
  }
  expect(written).toBeGreaterThan(2 * SIGN_INS);

  const deadline = Date.now() + (LIFETIME + 5) * 1000;
  let left = await keysOf(client, prefix);
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    left = await keysOf(client, prefix);
  }
  expect(left.slice(0, 10), `keys left under ${prefix} ${LIFETIME + 5} s after the last sign-in`).toEqual([]);
}, 120_000);
