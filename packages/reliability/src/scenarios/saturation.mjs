/**
 * At saturation (issue 16, §2): one app loaded as fast as `connections` keep-alive connections can
 * drive it with the token mix of mix.mjs, every answer checked. It passes with zero wrong answers,
 * zero 5xx, zero timeouts and socket errors, and a flat heap: the app's heap after a full GC,
 * sampled across the run through the preloaded probe (apps.mjs), regressed against the requests
 * answered (heap-trend.mjs) after the first fifth of the run. p50/p99 latency are reported, not judged: they depend on the machine.
 */
import { startApp } from '../apps.mjs';
import { heapTrend } from '../heap-trend.mjs';
import { es256Pem } from '../keys.mjs';
import { runLoad } from '../load.mjs';
import { tokenMix } from '../mix.mjs';

/** The share of the run's requests after which the heap trend is judged. */
export const WARM_FRACTION = 0.2;

/** What every failed property of a load report is called. */
export function loadFailures(report) {
  const failures = [];
  if (report.wrong > 0) failures.push(`${report.wrong} wrong answers, e.g. ${JSON.stringify(report.samples.slice(0, 3))}`);
  if (report.status5xx > 0) failures.push(`${report.status5xx} answers 5xx`);
  if (report.timeouts > 0) failures.push(`${report.timeouts} requests timed out`);
  if (report.socketErrors > 0) failures.push(`${report.socketErrors} socket errors, e.g. ${JSON.stringify(report.samples.slice(0, 3))}`);
  return failures;
}

/**
 * Runs the scenario on `app` ('node', 'koa', 'next') for at most `seconds` and `requests`, with a
 * warm-up of `warmupSeconds` first (not in the report; the heap baseline is taken after it) and a
 * heap sample every `sampleEvery` seconds (default: 10 samples over the run); `judgeHeap: false`
 * reports the heap without counting a trend as a failure. Resolves to
 * `{ app, load, heap, failures }`; `failures` is empty when every property held.
 *
 * @example
 * ```js
 * const { failures, load } = await saturation({ app: 'koa', seconds: 10, requests: 200_000 });
 * ```
 */
export async function saturation({ app, seconds, requests, connections = 8, warmupSeconds = 1, sampleEvery, timeoutMs = 5000, judgeHeap = true, log = () => undefined }) {
  const pem = es256Pem();
  const server = await startApp(app, { env: { TRANSPORT: 'bearer', TESSERA_SIGNING_KEY: pem, TESSERA_ACCESS_TTL: '1h' } });
  try {
    const { mix } = await tokenMix(server.url, pem);
    const warm = await runLoad({ targets: server.url, mix, connections, seconds: warmupSeconds, requests, timeoutMs });
    const failures = loadFailures(warm).map((f) => `warm-up: ${f}`);
    const samples = [{ requests: 0, heapUsed: await server.heap() }];
    let answered = 0;
    let sampling = Promise.resolve();
    const every = (sampleEvery ?? Math.min(Math.max(seconds / 10, 0.5), 60)) * 1000;
    const timer = setInterval(() => {
      sampling = sampling.then(async () => {
        const at = answered;
        samples.push({ requests: at, heapUsed: await server.heap() });
        log(`  ${server.name}: ${at} answers, heap after GC ${(samples.at(-1).heapUsed / 1048576).toFixed(2)} MiB`);
      });
    }, every);
    let load;
    try {
      load = await runLoad({ targets: server.url, mix, connections, seconds, requests, timeoutMs, onAnswer: () => { answered++; } });
    } finally {
      clearInterval(timer);
      await sampling;
    }
    samples.push({ requests: answered, heapUsed: await server.heap() });
    // The first fifth of the run still warms the heap up (Next.js loads route modules and fills its
    // caches on first use): the trend is judged on the samples after it, all of them are reported.
    const settled = samples.filter((p) => p.requests >= answered * WARM_FRACTION);
    const heap = { ...heapTrend(settled.length >= 3 ? settled : samples), baseline: samples[0].heapUsed, points: samples };
    failures.push(...loadFailures(load));
    if (judgeHeap && !heap.flat) failures.push(`the heap grew by ${(heap.growthBytes / 1048576).toFixed(2)} MiB over ${answered} requests (${heap.slopeBytesPerRequest} bytes per request)`);
    return { app: server.name, load, heap, failures };
  } finally {
    const exit = await server.stop();
    if (exit.signal === 'SIGKILL') log(`  ${server.name} did not stop on SIGTERM within 5 s`);
  }
}
