/**
 * The store conformance suite (`@tessera/test-vectors/stores`), unchanged, on the shared Redis at
 * 127.0.0.1:6379, under a key prefix of this run, deleted afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeCases, type StoreHarness } from '@tessera/test-vectors/stores';
import { createRedisStore } from '../src/index.js';
import { connectShared, deleteKeys, keysOf, uniquePrefix, type TestClient } from './support/shared-redis.js';

const prefix = uniquePrefix();
let client: TestClient;

beforeAll(async () => {
  client = await connectShared();
});

afterAll(async () => {
  if (client === undefined) return;
  await deleteKeys(client, prefix);
  expect(await keysOf(client, prefix)).toEqual([]);
  await client.close();
});

// The suite sends 1,000 concurrent rotations while other test files load the machine: it checks
// behaviour, not latency (test/faults.test.ts holds the short deadline), so calls may wait 5 s.
const SUITE_TIMEOUT = 5000;
const harness: StoreHarness = { createStore: (clock) => createRedisStore({ client, keyPrefix: prefix, now: () => clock.now(), commandTimeout: SUITE_TIMEOUT }) };

describe('createRedisStore conforms to the store suite (Redis at 127.0.0.1:6379)', () => {
  for (const c of storeCases()) it(`${c.id}: ${c.title}`, () => c.run(harness));
});
