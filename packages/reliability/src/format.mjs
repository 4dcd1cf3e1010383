/**
 * A scenario's result as the Markdown the docs hold (docs/reliability.md): a header and one row per
 * app for the load scenarios, one row per case for malformed HTTP.
 */
const mib = (bytes) => (bytes / 1048576).toFixed(2);
const n = (value) => (value === undefined ? '–' : value.toLocaleString('en-US'));

const FORMATS = {
  saturation: (r) => [
    '| app | requests | seconds | req/s | p50 ms | p99 ms | max ms | wrong | 5xx | timeouts | heap after GC, start → end (MiB) | slope after warm-up (bytes/request) | heap flat |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |',
    `| ${r.app} | ${n(r.load.answered)} | ${r.load.seconds} | ${n(r.load.rps)} | ${r.load.latency.p50} | ${r.load.latency.p99} | ${r.load.latency.max} | ${r.load.wrong} | ${r.load.status5xx} | ${r.load.timeouts + r.load.socketErrors} | ${mib(r.heap.baseline)} → ${mib(r.heap.points.at(-1).heapUsed)} (judged on ${r.heap.samples} of ${r.heap.points.length} samples: ${mib(r.heap.min)}–${mib(r.heap.max)}) | ${r.heap.slopeBytesPerRequest} | ${r.heap.flat ? 'yes' : 'NO'} |`,
  ],
  'redis-kill': (r) => {
    const o = r.outage;
    const count = (phase, suffix) => Object.entries(o.byPhase[phase]).filter(([k]) => k.endsWith(suffix)).reduce((s, [, v]) => s + v, 0);
    const revokedAfter = Object.entries(o.byPhase.after).filter(([k]) => k.startsWith('revoked') && k.endsWith('401 ERR_JWT_REVOKED')).reduce((s, [, v]) => s + v, 0);
    // The token revoked before the load, answered 200 at any time (a wrong answer, counted also in `wrong`).
    const revokedOk = ['before', 'down', 'after'].reduce((s, phase) => s + (o.byPhase[phase]['revoked (logout): 200'] ?? 0), 0);
    return [
      '| app | requests | p99 ms | max ms | Redis down (s) | first 503 after kill (ms) | 503 while down | slowest 503 (ms) | bound (ms) | back to 200 after restart (ms) | revoked refused after restart | 200 for a revoked token | wrong | hangs |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      `| ${r.app} | ${n(r.load.answered)} | ${r.load.latency.p99} | ${r.load.latency.max} | ${((o.restartedAtMs - o.killedAtMs) / 1000).toFixed(1)} | ${n(o.first503AfterKillMs)} | ${n(count('down', '503 ERR_AUTH_UNAVAILABLE'))} | ${n(o.max503LatencyMs)} | ${o.latencyBoundMs} | ${n(o.recoveryMs)} | ${n(revokedAfter)} | ${n(revokedOk)} | ${r.load.wrong} | ${r.load.timeouts} |`,
    ];
  },
  'malformed-http': (r) => [
    `${r.app}: ${r.cases.length} cases, server still answering 200 afterwards: ${r.aliveAfter ? 'yes' : 'NO'}`,
    '| case | sent | answer | expected | ok |',
    '| --- | --- | --- | --- | --- |',
    ...r.cases.map((c) => `| ${c.name} | ${c.sent} | ${c.outcome} | ${c.expected} | ${c.ok ? 'yes' : 'NO'} |`),
  ],
};

/** The Markdown of `result` of `scenario`. */
export function formatReport(scenario, result) {
  return FORMATS[scenario](result).join('\n');
}
