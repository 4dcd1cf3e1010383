/**
 * The store conformance suite, unchanged, on a Redis Cluster of three masters started for this
 * file (stopped at the end), through a node-redis `createCluster` client: every script and the
 * MGET of checkAccess run on a cluster, which refuses a command whose keys span slots (CROSSSLOT);
 * and users spread over the three masters (each user's keys in one slot, different users' slots
 * on different nodes), so a cluster shares the load of one store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from 'redis';
import { JoseError } from '@tessera/jwt-core';
import { storeCases, type StoreHarness } from '@tessera/test-vectors/stores';
import { createRedisStore } from '../src/index.js';
import { createKeys } from '../src/keys.js';
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

it('users spread over the three masters: a store\'s sessions and revocations are sharded by user, each user in one slot', async () => {
  const prefix = 'spread:';
  const store = createRedisStore({ client, keyPrefix: prefix, commandTimeout: SUITE_TIMEOUT });
  const T = Math.floor(Date.now() / 1000);
  const users = Array.from({ length: 30 }, (_, i) => `user-${i}`);
  for (const sub of users) {
    await store.insertRefresh({ hash: `rt-${sub}`, family: `fam-${sub}`, sub, signedInAt: T, issuedAt: T, expiresAt: T + 600, familyExpiresAt: T + 3600 });
    await store.revokeAccessToken({ jti: `jti-${sub}`, sub }, T + 600);
    await store.raiseUserEpoch(sub, T - 1, 600);
  }
  // Every master holds some of the store's keys, and each user's keys are on one master only.
  const owners = new Map<string, Set<number>>();
  for (const master of client.masters) {
    const node = await client.nodeClient(master);
    let count = 0;
    for await (const batch of node.scanIterator({ MATCH: `${prefix}{*`, COUNT: 1000 })) {
      for (const key of batch) {
        count += 1;
        const sub = users.find((u) => key.includes(createKeys(prefix).user(u)));
        if (sub !== undefined) owners.set(sub, (owners.get(sub) ?? new Set()).add(master.port));
      }
    }
    expect(count, `keys of the store on the master at port ${master.port}`).toBeGreaterThan(0);
  }
  for (const sub of users) expect(owners.get(sub)?.size, `masters holding ${sub}'s keys`).toBe(1);
  for (const sub of users) {
    expect((await store.findRefresh(`rt-${sub}`))?.sub).toBe(sub);
    expect(await store.checkAccess({ jti: `jti-${sub}`, family: `fam-${sub}`, sub })).toEqual({ revoked: true, familyRevoked: false, userEpoch: T - 1 });
  }
});

it('when the master of its slot is down, a call fails within commandTimeout naming the cluster', async () => {
  const store = createRedisStore({ client, keyPrefix: 'cluster:', commandTimeout: 300 });
  const key = createKeys('cluster:').epoch(createKeys('cluster:').user('u'));
  const slot = Number(await client.sendCommand(key, true, ['CLUSTER', 'KEYSLOT', key]));
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
