/**
 * The Redis table of the HTTP case: the `tessera` node:http server with
 * `createRedisStore({ url, keyPrefix })` instead of the memory store, on a private redis-server
 * (../redis-server.mjs) so that Redis's own `INFO commandstats` counts only this server's
 * commands; and the peers doing the same Redis work (the floor and fast-jwt, each with the Redis
 * store's MGET through node-redis), on a second private redis-server.
 */
import { buildRedisStore } from '../bundle.mjs';
import { startPrivateRedis } from '../redis-server.mjs';
import { commandsBetween, openRedis, readStats } from '../resp.mjs';

export const REDIS_VARIANT = { name: 'Tessera (@tessera/node) + Redis store', variant: 'tessera-redis', group: 'ours', primary: true };
export const REDIS_PEERS = [
  { name: 'node:crypto floor + Redis MGET', variant: 'floor-redis', group: 'floor', primary: true },
  { name: 'fast-jwt + Redis MGET', variant: 'fast-jwt-redis', group: 'peer' },
];

/** Requests the smoke run sends to the Redis server while Redis counts its commands. */
export const SMOKE_REDIS_REQUESTS = 200;

/**
 * Start the Redis table's servers (with `startServer(variant, env)` of the HTTP case) on two
 * private redis-servers, and a connection reading the stats of the one Tessera uses. Resolves to
 * `{ ours, peers }` (`ours.stats`: the stats connection), or undefined (after logging why) when
 * Redis cannot be had, unless `smoke`: then it throws.
 */
export async function startRedisVariants({ env, smoke, log, startServer }) {
  const started = [];
  // In reverse order, one after the other: the servers delete their keys before Redis goes.
  const stopAll = async () => {
    for (const s of started.splice(0).reverse()) await s.stop();
  };
  try {
    const storeUrl = await buildRedisStore();
    const counted = await startPrivateRedis();
    started.push(counted);
    const peerRedis = await startPrivateRedis();
    started.push(peerRedis);
    const s = await startServer(REDIS_VARIANT.variant, { ...env, BENCH_REDIS_STORE_URL: storeUrl, REDIS_URL: counted.url });
    started.push(s);
    const stats = await openRedis(counted.url);
    started.push({ stop: () => stats.close() });
    const peers = [];
    for (const p of REDIS_PEERS) {
      const ps = await startServer(p.variant, { ...env, PEER_REDIS_URL: peerRedis.url });
      started.push(ps);
      peers.push({ ...p, ...ps, stop: async () => {} });
    }
    // One stop for everything: the servers first (they delete their keys and close their clients).
    const ours = { ...REDIS_VARIANT, ...s, stats, stop: stopAll };
    return { ours, peers };
  } catch (err) {
    await stopAll();
    const reason = `no redis-server for it (${err.message.split('\n')[0]})`;
    if (smoke) throw new Error(`HTTP ${REDIS_VARIANT.name}: ${reason}`);
    log(`http: SKIPPED the Redis table: ${reason}`);
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
