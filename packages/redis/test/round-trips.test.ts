/**
 * The hot path costs one round trip: `checkAccess`, asked on every authenticated request, is one
 * command (an MGET), counted twice: by the client (commands the store sent) and by Redis itself
 * (MONITOR on a private redis-server, so nothing else is seen). Each revocation is one EVALSHA once
 * the script is cached; a refresh token costs two commands per step, because a token is found by its
 * hash alone and its record lives in its user's hash slot (see src/keys.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisStore, type RedisStore } from '../src/index.js';
import { Monitor } from './support/monitor.js';
import { RedisServer } from './support/redis-server.js';
import { newClient, type TestClient } from './support/shared-redis.js';

let server: RedisServer;
let client: TestClient;
let monitor: Monitor;
let store: RedisStore;
const sent: string[][] = [];
const T = 1_800_000_000;

beforeAll(async () => {
  server = await RedisServer.start();
  client = newClient(server.url);
  await client.connect();
  monitor = await Monitor.start(server.url);
  // The store's view of the client: every command it sends is recorded, then passed on.
  const counting = { options: client.options, sendCommand: (args: string[]) => (sent.push(args), client.sendCommand(args)) };
  store = createRedisStore({ client: counting, keyPrefix: 'rt:', now: () => new Date(T * 1000) });
});

afterAll(async () => {
  await monitor?.stop();
  await client?.close();
  await server?.stop();
});

/** What `work` costs: the commands the store sent, and the commands Redis received. */
async function cost(work: () => Promise<unknown>): Promise<{ sent: string[]; received: string[] }> {
  sent.length = 0;
  const received = await monitor.during(client, work);
  return { sent: sent.map((args) => args[0]!), received };
}

const record = (hash: string) => ({ hash, family: 'fam-3', sub: 'u1', signedInAt: T, issuedAt: T, expiresAt: T + 600, familyExpiresAt: T + 3600 });

describe('round trips per call', () => {
  it('checkAccess is one command (MGET), whatever is revoked', async () => {
    await store.revokeFamily({ family: 'fam-1', sub: 'u1' }, T + 60);
    await store.raiseUserEpoch('u1', T - 10, 600);
    for (const q of [{ jti: 'j1', family: 'fam-1', sub: 'u1' }, { jti: 'j2', family: 'fam-2', sub: 'u2' }]) {
      expect(await cost(() => store.checkAccess(q))).toEqual({ sent: ['MGET'], received: ['MGET'] });
    }
  });

  it('a sign-in writes the owner and the record (SET and EVALSHA, sent together)', async () => {
    await store.insertRefresh(record('h0'));
    const insert = await cost(() => store.insertRefresh(record('h1')));
    expect(insert.sent).toEqual(['SET', 'EVALSHA']);
    expect(insert.received.sort()).toEqual(['EVALSHA', 'SET']);
  });

  it('findRefresh reads the owner, then the record in its user\'s slot (GET, HGETALL)', async () => {
    expect(await cost(() => store.findRefresh('h1'))).toEqual({ sent: ['GET', 'HGETALL'], received: ['GET', 'HGETALL'] });
    expect(await cost(() => store.findRefresh('unknown'))).toEqual({ sent: ['GET'], received: ['GET'] });
  });

  it('a rotation is the child\'s owner (SET), then one EVALSHA once its script is cached', async () => {
    await store.insertRefresh(record('h2'));
    await store.rotateRefresh({ hash: 'h1', child: record('h1c'), now: T, graceSeconds: 0, maxGraceUses: 0 });
    const rotation = await cost(() => store.rotateRefresh({ hash: 'h2', child: record('h2c'), now: T, graceSeconds: 0, maxGraceUses: 0 }));
    expect(rotation).toEqual({ sent: ['SET', 'EVALSHA'], received: ['SET', 'EVALSHA'] });
  });

  it('a refused rotation removes the owner it wrote for the child (SET, EVALSHA, DEL)', async () => {
    const reuse = await cost(() => store.rotateRefresh({ hash: 'h2', child: record('h2d'), now: T, graceSeconds: 0, maxGraceUses: 0 }));
    expect(reuse).toEqual({ sent: ['SET', 'EVALSHA', 'DEL'], received: ['SET', 'EVALSHA', 'DEL'] });
    expect(await store.findRefresh('h2d')).toBeUndefined();
  });

  it('revocations and the epoch raise are one EVALSHA each', async () => {
    const one = { sent: ['EVALSHA'], received: ['EVALSHA'] };
    expect(await cost(() => store.revokeAccessToken({ jti: 'j9', sub: 'u1' }, T + 60))).toEqual(one);
    expect(await cost(() => store.revokeFamily({ family: 'fam-9', sub: 'u1' }, T + 60))).toEqual(one);
    expect(await cost(() => store.raiseUserEpoch('u9', T, 60))).toEqual(one);
  });
});
