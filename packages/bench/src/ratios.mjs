import { ratioInterval } from './stats.mjs';

/**
 * Ratios of one measured case: ours / best peer, ours / floor (times: lower is better for us),
 * each with its 90% bootstrap confidence interval.
 */
export function caseRatios(c) {
  if (!c.summaries) return undefined;
  const median = (impl) => c.summaries.get(impl.name)?.median;
  const ours = c.impls.find((i) => i.group === 'ours' && i.primary);
  const floor = c.impls.find((i) => i.group === 'floor' && i.primary);
  const peers = c.impls.filter((i) => i.group === 'peer').map((i) => ({ name: i.name, median: median(i) })).sort((a, b) => a.median - b.median);
  const best = peers[0];
  const o = median(ours);
  const samples = (name) => c.summaries.get(name)?.cpuSamples;
  return {
    vsBestPeerCI: best ? ratioInterval(samples(ours.name), samples(best.name)) : undefined,
    vsFloorCI: floor ? ratioInterval(samples(ours.name), samples(floor.name)) : undefined,
    ours: ours.name,
    oursMedian: o,
    bestPeer: best?.name,
    bestPeerMedian: best?.median,
    vsBestPeer: best ? o / best.median : undefined,
    floor: floor?.name,
    floorMedian: floor ? median(floor) : undefined,
    vsFloor: floor ? o / median(floor) : undefined,
  };
}

/** The HTTP case: time per request relative to the floor is rps(floor) / rps(ours). */
export function httpRatios(h) {
  const by = (name) => h.rows.find((r) => r.name === name);
  const ours = h.rows.find((r) => r.group === 'ours' && r.primary);
  const floor = h.rows.find((r) => r.group === 'floor');
  const peers = h.rows.filter((r) => r.group === 'peer').sort((a, b) => b.rps - a.rps);
  return { ours, floor, bestPeer: peers[0], shareOfFloor: ours.rps / floor.rps, vsFloor: floor.rps / ours.rps, vsBestPeer: peers[0].rps / ours.rps, by };
}

/**
 * The Koa table: Tessera and every other row against koa-jwt (req/s ratio, CPU per request ratio)
 * and the auth cost of each row: its CPU per request minus the Koa ceiling's (no auth).
 */
export function koaRatios(h) {
  const ceiling = h.rows.find((r) => r.group === 'baseline');
  const ours = h.rows.find((r) => r.group === 'ours' && r.primary);
  const peer = h.rows.find((r) => r.group === 'peer');
  const authCost = (row) => row.cpuPerRequest - ceiling.cpuPerRequest;
  return {
    ceiling, ours, peer, authCost,
    rpsVsPeer: ours.rps / peer.rps,
    cpuVsPeer: ours.cpuPerRequest / peer.cpuPerRequest,
    authCostVsPeer: authCost(ours) / authCost(peer),
  };
}

/** The Redis table: the Redis store's row against the memory store's (same server otherwise). */
export function redisRatios(h) {
  const [memory, redis] = h.rows;
  if (redis === undefined) return undefined;
  return { memory, redis, rps: redis.rps / memory.rps, cpu: redis.cpuPerRequest / memory.cpuPerRequest };
}
