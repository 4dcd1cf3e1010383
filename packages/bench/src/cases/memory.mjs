/**
 * Memory: verifying many distinct tokens through a caching verifier must not grow the heap past
 * what the full cache holds. Runs memory-child.mjs with --expose-gc. The check: the heap after
 * all tokens exceeds the heap with a full cache by at most 10% of the cache's own size plus 4 MiB
 * (GC and JIT noise).
 */
import { fileURLToPath } from 'node:url';
import { runChild } from '../child.mjs';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));

export async function runMemoryCase({ urls, tokens, cacheMax, maxSeconds, log }) {
  const r = await runChild(['--expose-gc', here('../memory-child.mjs'), urls.core, String(tokens), String(cacheMax), String(maxSeconds)], {
    log, timeoutMs: (maxSeconds + 60) * 1000,
  });
  const start = r.samples[0].heapUsed;
  const full = r.samples.find((s) => s.tokens === cacheMax)?.heapUsed ?? start;
  const end = r.samples[r.samples.length - 1].heapUsed;
  const cacheBytes = Math.max(0, full - start);
  const allowed = cacheBytes * 0.1 + 4 * 1024 * 1024;
  const ok = r.done >= cacheMax && end - full <= allowed;
  return { ...r, start, full, end, cacheBytes, growthAfterFull: end - full, allowed, ok };
}
