/**
 * Is the heap flat? Samples of the app's heap after a full GC, taken across a run, against the
 * number of requests answered when each was taken: the least-squares slope (bytes per request) and
 * the growth it predicts over the sampled span. The heap is called flat when that growth stays
 * under `toleranceBytes` (default 2 MiB): a leak of one small object per request, tens of bytes,
 * grows it by tens of megabytes over a million requests, while a cache filling up once does not
 * keep growing.
 */
export const FLAT_TOLERANCE_BYTES = 2 * 1024 * 1024;

/**
 * `samples`: `[{ requests, heapUsed }]` in order. Returns `{ samples, first, last, min, max,
 * slopeBytesPerRequest, growthBytes, flat }` (growthBytes: slope × the span of requests sampled).
 */
export function heapTrend(samples, toleranceBytes = FLAT_TOLERANCE_BYTES) {
  if (samples.length < 3) throw new RangeError(`heapTrend needs at least 3 samples; got ${samples.length}`);
  const n = samples.length;
  const mx = samples.reduce((s, p) => s + p.requests, 0) / n;
  const my = samples.reduce((s, p) => s + p.heapUsed, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const p of samples) {
    sxy += (p.requests - mx) * (p.heapUsed - my);
    sxx += (p.requests - mx) ** 2;
  }
  const slope = sxx === 0 ? 0 : sxy / sxx;
  const span = samples[n - 1].requests - samples[0].requests;
  const heaps = samples.map((p) => p.heapUsed);
  const growthBytes = Math.round(slope * span);
  return {
    samples: n,
    first: heaps[0],
    last: heaps[n - 1],
    min: Math.min(...heaps),
    max: Math.max(...heaps),
    slopeBytesPerRequest: Math.round(slope * 1000) / 1000,
    growthBytes,
    flat: growthBytes <= toleranceBytes,
  };
}
