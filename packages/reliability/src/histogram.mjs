/**
 * Latency histogram with bounded memory: log-spaced buckets 2 % wide from 1 µs to about 10 minutes
 * (about 1,400 counters), whatever the number of samples, so a run of a million requests costs the
 * driver nothing more than a run of a thousand. Percentiles are read as the upper edge of the bucket
 * that holds them (at most 2 % above the true value); the maximum and mean are exact.
 */
const GROWTH = 1.02;
const LOG_GROWTH = Math.log(GROWTH);
const MAX_US = 600e6;
const BUCKETS = Math.ceil(Math.log(MAX_US) / LOG_GROWTH) + 1;

/** A new, empty histogram of milliseconds. */
export function createHistogram() {
  const counts = new Float64Array(BUCKETS);
  let count = 0;
  let sum = 0;
  let max = 0;
  return {
    /** Records one latency in milliseconds (clamped to [1 µs, 10 min]). */
    record(ms) {
      const us = Math.min(Math.max(ms * 1000, 1), MAX_US);
      counts[Math.floor(Math.log(us) / LOG_GROWTH)]++;
      count++;
      sum += ms;
      if (ms > max) max = ms;
    },
    get count() {
      return count;
    },
    /** The latency below which a fraction `p` (0 < p <= 1) of the samples lie, in ms; 0 when empty. */
    percentile(p) {
      if (count === 0) return 0;
      const rank = Math.ceil(p * count);
      let seen = 0;
      for (let i = 0; i < BUCKETS; i++) {
        seen += counts[i];
        if (seen >= rank) return Math.min(GROWTH ** (i + 1) / 1000, max);
      }
      return max;
    },
    /** `{ count, mean, p50, p90, p99, p999, max }` in ms, rounded to µs. */
    summary() {
      const r = (v) => Math.round(v * 1000) / 1000;
      return {
        count,
        mean: r(count === 0 ? 0 : sum / count),
        p50: r(this.percentile(0.5)),
        p90: r(this.percentile(0.9)),
        p99: r(this.percentile(0.99)),
        p999: r(this.percentile(0.999)),
        max: r(max),
      };
    },
  };
}
