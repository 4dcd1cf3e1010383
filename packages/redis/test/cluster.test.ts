/**
 * The store conformance suite, unchanged, on a Redis Cluster of three masters started for this
 * file (stopped at the end), through a node-redis `createCluster` client: every script and the
 * MGET of checkAccess run on a cluster, which refuses a command whose keys span slots (CROSSSLOT).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from 'redis';
import { JoseError } from '@tessera/jwt-core';
import { storeCases, type StoreHarness } from '@tessera/test-vectors/stores';
import { createRedisStore } from '../src/index.js';
import { RedisCluster } from './support/redis-cluster.js';

/** The application's cluster client, as node-redis creates it. */
function clusterClient(rootNodes: { url: string }[]) {
  const client = createCluster({ rootNodes });
  client.on('error', () => undefined);
  return client;
}

let cluster: RedisCluster;
let client: ReturnType<typeof clusterClient>;

beforeAll(async () => {
  cluster = await RedisCluster.start();
  client = clusterClient(cluster.rootNodes);
  await client.connect();
}, 60_000);

afterAll(async () => {
  client?.destroy();
  await cluster?.stop();
});

// The suite sends 1,000 concurrent rotations while other test files load the machine: it checks
// behaviour, not latency (test/faults.test.ts holds the short deadline), so calls may wait 5 s.
const SUITE_TIMEOUT = 5000;
const harness: StoreHarness = { createStore: (clock) => createRedisStore({ client, keyPrefix: 'cluster:', now: () => clock.now(), commandTimeout: SUITE_TIMEOUT }) };

describe('createRedisStore conforms to the store suite on a three-master Redis Cluster', () => {
  it('the cluster spreads slots over three masters', () => {
    expect(client.masters.length).toBe(3);
  });
  for (const c of storeCases()) it(`${c.id}: ${c.title}`, () => c.run(harness));
});

it('when the master of its slot is down, a call fails within commandTimeout naming the cluster', async () => {
  const store = createRedisStore({ client, keyPrefix: 'cluster:', commandTimeout: 300 });
  const slot = Number(await client.sendCommand('{cluster:}', true, ['CLUSTER', 'KEYSLOT', '{cluster:}x']));
  const owner = cluster.nodes.find((n) => n.port === client.slots[slot]!.master.port)!;
  await owner.kill('SIGKILL');
  const started = performance.now();
  const error = await store.checkAccess({ jti: 'j', family: 'f', sub: 'u' }).then(() => undefined, (err: unknown) => err);
  expect(performance.now() - started).toBeLessThan(300 + 250);
  expect(error).toBeInstanceOf(JoseError);
  expect((error as JoseError).code).toBe('ERR_AUTH_UNAVAILABLE');
  const addresses = cluster.nodes.map((n) => `127.0.0.1:${n.port}`).join(', ');
  expect((error as JoseError).message).toContain(`Redis Cluster (${addresses})`);
});
