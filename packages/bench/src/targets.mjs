/**
 * The targets of issue 6, evaluated on one run's results. Each target: what it asks, the measured
 * figure, met or not. "Within noise" marks a figure within 3% of its threshold.
 */
import { caseRatios, httpRatios } from './ratios.mjs';

const x = (v) => (v === undefined ? 'n/a' : `${v.toFixed(2)}×`);

function verdict(value, limit, lowerIsBetter = true) {
  if (value === undefined) return { met: undefined, note: 'not measured' };
  const met = lowerIsBetter ? value <= limit : value >= limit;
  const close = Math.abs(value - limit) / limit <= 0.03;
  return { met, note: close ? 'within noise of the threshold' : '' };
}

export function evaluateTargets({ jws, jwe, cache, edge, http, memory }) {
  const rows = [];
  const add = (target, measured, v) => rows.push({ target, measured, ...v });
  const find = (list, id) => list?.find((c) => c.id === id);

  for (const c of jws ?? []) {
    const r = caseRatios(c);
    if (!r) continue;
    add(`Node ${c.id}: ours / best peer ≤ 1.0`, `${x(r.vsBestPeer)} (${r.ours} ${r.oursMedian.toFixed(1)} µs vs ${r.bestPeer} ${r.bestPeerMedian.toFixed(1)} µs)`, verdict(r.vsBestPeer, 1.0));
  }
  for (const c of (jws ?? []).filter((c) => c.op === 'verify')) {
    const r = caseRatios(c);
    if (!r) continue;
    const limit = c.alg === 'HS256' ? 1.15 : 1.05;
    add(`Node ${c.id}: ours / node:crypto floor ≤ ${limit}`, `${x(r.vsFloor)} (${r.oursMedian.toFixed(1)} µs vs ${r.floorMedian.toFixed(1)} µs)`, verdict(r.vsFloor, limit));
  }
  const dec = caseRatios(find(jwe, 'JWE RSA-OAEP + A128CBC-HS256 decrypt') ?? {});
  const enc = caseRatios(find(jwe, 'JWE RSA-OAEP + A128CBC-HS256 encrypt') ?? {});
  if (dec) {
    add('JWE decrypt: ours / floor ≤ 1.15', `${x(dec.vsFloor)} (${dec.oursMedian.toFixed(1)} µs vs ${dec.floorMedian.toFixed(1)} µs)`, verdict(dec.vsFloor, 1.15));
    add('JWE decrypt: jose / ours ≥ 4', `${x(1 / dec.vsBestPeer)}`, verdict(1 / dec.vsBestPeer, 4, false));
  }
  if (enc) add('JWE encrypt: jose / ours ≥ 10', `${x(1 / enc.vsBestPeer)} (${enc.oursMedian.toFixed(1)} µs vs ${enc.bestPeerMedian.toFixed(1)} µs)`, verdict(1 / enc.vsBestPeer, 10, false));

  for (const c of (edge ?? []).filter((c) => c.op === 'verify')) {
    const r = caseRatios(c);
    if (!r) continue;
    if (c.alg === 'HS256') add('Edge HS256 verify: jose / ours ≥ 5', `${x(1 / r.vsBestPeer)} (${r.oursMedian.toFixed(1)} µs vs ${r.bestPeerMedian.toFixed(1)} µs)`, verdict(1 / r.vsBestPeer, 5, false));
    else add(`Edge ${c.alg} verify: ours / jose ≤ 1.0`, `${x(r.vsBestPeer)} (${r.oursMedian.toFixed(1)} µs vs ${r.bestPeerMedian.toFixed(1)} µs)`, verdict(r.vsBestPeer, 1.0));
  }
  const hit = caseRatios(cache?.[0] ?? {});
  if (hit) {
    const fast = cache[0].summaries.get('fast-jwt, cache hit').median;
    add('Cache hit: ours / fast-jwt hit ≤ 1.0', `${x(hit.oursMedian / fast)} (${hit.oursMedian.toFixed(2)} µs vs ${fast.toFixed(2)} µs)`, verdict(hit.oursMedian / fast, 1.0));
  }
  if (http) {
    const h = httpRatios(http);
    add('HTTP: @tessera/node req/s ≥ 95% of the raw floor', `${(h.shareOfFloor * 100).toFixed(1)}% (${Math.round(h.ours.rps)} vs ${Math.round(h.floor.rps)} req/s)`, verdict(h.shareOfFloor, 0.95, false));
  }
  if (memory) {
    const mib = (b) => `${(b / 1048576).toFixed(1)} MiB`;
    add(`Memory: ${memory.done.toLocaleString('en-US')} distinct tokens, heap within the cache bound (max ${memory.cacheMax.toLocaleString('en-US')})`,
      `full cache ${mib(memory.cacheBytes)}; growth after it ${mib(memory.growthAfterFull)} (allowed ${mib(memory.allowed)})`,
      { met: memory.ok, note: memory.done < memory.total ? `stopped at the time bound before ${memory.total.toLocaleString('en-US')}` : '' });
  }
  return rows;
}
