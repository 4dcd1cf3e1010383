/**
 * The measuring loop. Each implementation is calibrated (a batch lasts about `batchMs`), warmed up,
 * then measured in batches; implementations of one case take turns over several rounds, so a
 * burst of machine noise spreads over all of them instead of hitting one. Every loop is bounded in
 * count and in time. A batch gives one sample (µs per operation); the report uses the median of the
 * samples and their 10th-90th percentile spread.
 *
 * Each batch is timed twice: CPU time of the whole process (`process.cpuUsage`, all threads, so
 * the thread-pool work behind WebCrypto counts) and wall time. CPU time is the primary figure: on
 * a shared machine other processes inflate wall time at random, not CPU time. It leaves out only
 * the idle wait of asynchronous calls, which flatters the asynchronous (WebCrypto) implementations,
 * never Tessera's synchronous node:crypto path. Wall-time medians are reported alongside.
 */
import { performance } from 'node:perf_hooks';

export const FULL = { batchMs: 3, warmupMs: 100, budgetMs: 1200, rounds: 8, maxBatches: 500, minBatches: 16 };
/** Edge mode compares two asynchronous (WebCrypto) implementations, whose spread is wider: more rounds. */
export const EDGE = { ...FULL, budgetMs: 2000, rounds: 10 };

let sink;

const cpuMs = (c) => (c.user + c.system) / 1000;

/** A batch: [wall ms, CPU ms]. */
function runSync(fn, arg, n) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) sink = fn(arg);
  const wall = performance.now() - t0;
  return [wall, cpuMs(process.cpuUsage(c0))];
}

async function runAsync(fn, arg, n) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) sink = await fn(arg);
  const wall = performance.now() - t0;
  return [wall, cpuMs(process.cpuUsage(c0))];
}

const run = (impl, n) => (impl.async ? runAsync(impl.fn, impl.arg, n) : runSync(impl.fn, impl.arg, n));

/** Operations per batch so that one batch lasts about `batchMs` (bounded: at most 2^20 ops, 20 doublings). */
async function calibrate(impl, batchMs) {
  let n = 1;
  for (let i = 0; i < 20; i++) {
    const [ms] = await run(impl, n);
    if (ms >= batchMs / 4 || n >= 1 << 20) return Math.max(1, Math.min(1 << 20, Math.round((n * batchMs) / Math.max(ms, 1e-3))));
    n *= 2;
  }
  return n;
}

function quantile(sorted, q) {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Median, p10, p90 (µs/op) and ops/s of the CPU-time samples, and the wall-time median and spread. */
export function summarize(cpu, wall = cpu) {
  const sorted = [...cpu].sort((a, b) => a - b);
  const w = [...wall].sort((a, b) => a - b);
  const median = quantile(sorted, 0.5);
  return {
    median, p10: quantile(sorted, 0.1), p90: quantile(sorted, 0.9), opsPerSec: 1e6 / median, samples: sorted.length, cpuSamples: sorted,
    wallMedian: quantile(w, 0.5), wallP10: quantile(w, 0.1), wallP90: quantile(w, 0.9),
  };
}

/**
 * Measure every implementation of one case. `impls`: `{ name, fn, arg, async }`, already checked.
 * Returns a Map name -> summary.
 */
export async function measureCase(impls, cfg = FULL) {
  const state = [];
  for (const impl of impls) {
    const n = await calibrate(impl, cfg.batchMs);
    const warmEnd = performance.now() + cfg.warmupMs;
    for (let i = 0; i < 1000 && performance.now() < warmEnd; i++) await run(impl, n);
    state.push({ impl, n, cpu: [], wall: [] });
  }
  const perRound = cfg.budgetMs / cfg.rounds;
  const maxPerRound = Math.ceil(cfg.maxBatches / cfg.rounds);
  const minPerRound = Math.ceil(cfg.minBatches / cfg.rounds);
  for (let r = 0; r < cfg.rounds; r++) {
    // Rotate the order each round: no implementation always runs right after the same neighbour.
    for (let j = 0; j < state.length; j++) {
      const s = state[(j + r) % state.length];
      const end = performance.now() + perRound;
      for (let b = 0; b < maxPerRound && (b < minPerRound || performance.now() < end); b++) {
        const [wall, cpu] = await run(s.impl, s.n);
        s.wall.push((wall * 1000) / s.n);
        s.cpu.push((cpu * 1000) / s.n);
      }
    }
  }
  return new Map(state.map((s) => [s.impl.name, summarize(s.cpu, s.wall)]));
}

/** A deterministic PRNG (mulberry32): the confidence intervals are reproducible from the samples. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function resampledMedian(samples, random) {
  const r = new Array(samples.length);
  for (let i = 0; i < samples.length; i++) r[i] = samples[Math.floor(random() * samples.length)];
  r.sort((p, q) => p - q);
  return quantile(r, 0.5);
}

/**
 * 90% bootstrap confidence interval of median(a) / median(b) (300 resamples of the batch samples):
 * the range in which the ratio of this run is known, given the batch-to-batch noise.
 */
export function ratioInterval(a, b, resamples = 300) {
  if (!a?.length || !b?.length) return undefined;
  const random = rng(a.length * 7919 + b.length);
  const ratios = [];
  for (let i = 0; i < resamples; i++) ratios.push(resampledMedian(a, random) / resampledMedian(b, random));
  ratios.sort((p, q) => p - q);
  return [quantile(ratios, 0.05), quantile(ratios, 0.95)];
}

/** Keeps the optimizer from discarding results. */
export function lastResult() {
  return sink;
}
