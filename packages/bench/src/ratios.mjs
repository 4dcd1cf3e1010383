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

/**
 * One table of the HTTP case: Tessera's primary row against the fastest peer doing the same work
 * (req/s), and its auth cost (CPU per request minus the table's ceiling's) against the floor's
 * auth cost (the hand-written floor on the same framework, over the same ceiling).
 */
export function serverRatios(t) {
  if (t === undefined || t.skipped || t.rows.length === 0) return undefined;
  const ours = t.rows.find((r) => r.group === 'ours' && r.primary);
  const peers = t.rows.filter((r) => r.group === 'peer').sort((a, b) => b.rps - a.rps);
  const bestPeer = peers[0];
  return {
    ours, bestPeer, peers, floor: t.floor, ceiling: t.ceiling,
    rpsVsBestPeer: bestPeer === undefined ? undefined : ours.rps / bestPeer.rps,
    authCostVsFloor: ours.authCost / t.floor.authCost,
  };
}
