/**
 * The bench's own Redis bookkeeping: a private redis-server (needs redis-server, as CI has), the
 * command counts read from its INFO commandstats, and deleting a run's keys.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrivateRedis } from '../src/redis-server.mjs';
import { commandsBetween, deleteKeys, openRedis, readStats } from '../src/resp.mjs';

describe('commandsBetween', () => {
  it('gives the calls Redis counted between two readings, less the first reading\'s own INFO', () => {
    const before = { calls: { info: 3, ping: 1 }, cpuUs: 0 };
    const after = { calls: { info: 4, ping: 1, mget: 5 }, cpuUs: 10 };
    expect(commandsBetween(before, after)).toEqual({ mget: 5 });
  });
});

describe('a private redis-server', () => {
  let server;
  let redis;
  beforeAll(async () => {
    server = await startPrivateRedis();
    redis = await openRedis(server.url);
  });
  afterAll(async () => {
    await redis?.close();
    await server?.stop();
  });

  it('counts exactly the commands sent between two readings', async () => {
    const before = await readStats(redis);
    await redis.send('MGET', 'a', 'b', 'c');
    await redis.send('MGET', 'a');
    const after = await readStats(redis);
    expect(commandsBetween(before, after)).toEqual({ mget: 2 });
    expect(after.cpuUs).toBeGreaterThan(0);
  });

  it('deletes the keys under a {prefix} and nothing else', async () => {
    await redis.send('SET', '{bench-1:}jti:x', '1');
    await redis.send('SET', '{bench-1:}fam:y', '1');
    await redis.send('SET', '{bench-2:}jti:x', '1');
    expect(await deleteKeys(redis, '{bench-1:}*')).toBe(2);
    expect(await redis.send('EXISTS', '{bench-1:}jti:x', '{bench-1:}fam:y', '{bench-2:}jti:x')).toBe(1);
  });

  it('is gone after stop()', async () => {
    const other = await startPrivateRedis();
    await other.stop();
    await expect(openRedis(other.url, { timeoutMs: 500 })).rejects.toThrow(/not reachable|did not accept/);
  });
});
