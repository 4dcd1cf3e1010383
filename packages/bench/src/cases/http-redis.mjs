/**
 * The Redis store's row of the HTTP case: the `tessera` node:http server with
 * `createRedisStore({ url, keyPrefix })` instead of the memory store, on a private redis-server
 * (./redis-server.mjs) so that Redis's own `INFO commandstats` counts only this server's commands.
 */
import { buildRedisStore } from '../bundle.mjs';
import { startPrivateRedis } from '../redis-server.mjs';
import { commandsBetween, openRedis, readStats } from '../resp.mjs';

export const REDIS_VARIANT = { name: 'Tessera (@tessera/node) + Redis store', variant: 'tessera-redis', group: 'ours', table: 'redis' };

/** Requests the smoke run sends to the Redis server while Redis counts its commands. */
export const SMOKE_REDIS_REQUESTS = 200;

/**
 * Start the Redis store's server (with `startServer` of the HTTP case) on a private redis-server,
 * and a connection reading Redis's stats. Resolves to undefined (after logging why) when Redis
 * cannot be had, unless `smoke`: then it throws.
 */
export async function startRedisVariant({ env, smoke, log, startServer }) {
  let redisServer;
  try {
    redisServer = await startPrivateRedis();
    const storeUrl = await buildRedisStore();
    const s = await startServer(REDIS_VARIANT.variant, { ...env, BENCH_REDIS_STORE_URL: storeUrl, REDIS_URL: redisServer.url });
    let stats;
    try {
      stats = await openRedis(redisServer.url);
    } catch (err) {
      await s.stop();
      throw err;
    }
    return {
      ...REDIS_VARIANT, ...s, runs: [],
      stats,
      stop: async () => {
        await s.stop(); // the server deletes its keys and closes its client first
        await stats.close();
        await redisServer.stop();
      },
    };
  } catch (err) {
    await redisServer?.stop();
    const reason = `no redis-server for it (${err.message.split('\n')[0]})`;
    if (smoke) throw new Error(`HTTP ${REDIS_VARIANT.name}: ${reason}`);
    log(`http: SKIPPED the row ${REDIS_VARIANT.name}: ${reason}`);
    return undefined;
  }
}

/**
 * Run `work` (resolving to the number of requests it sent to `s`) while Redis counts: returns
 * { requests, commands (name -> calls, less the bench's own INFO), total, perRequest,
 * mgetPerRequest, redisCpuPerRequest (µs of the redis-server process, its INFO used_cpu_*) }.
 */
export async function counted(s, work) {
  const before = await readStats(s.stats);
  const requests = await work();
  const after = await readStats(s.stats);
  const commands = commandsBetween(before, after);
  const total = Object.values(commands).reduce((a, n) => a + n, 0);
  return {
    requests, commands, total,
    perRequest: total / requests,
    mgetPerRequest: (commands.mget ?? 0) / requests,
    redisCpuPerRequest: (after.cpuUs - before.cpuUs) / requests,
  };
}

/** Exactly one MGET per request and no other command. */
export const oneMgetEach = (c) => c.total === c.requests && c.commands.mget === c.requests;
/** `7 MGET, 1 GET`, or `none`. */
export const describeCommands = (c) => Object.entries(c.commands).map(([n, k]) => `${k} ${n.toUpperCase()}`).join(', ') || 'none';
