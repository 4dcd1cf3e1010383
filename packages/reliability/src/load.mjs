/**
 * The bounded load driver: `connections` keep-alive connections on loopback, each sending the next
 * request of the mix as soon as the previous answer is complete, until `seconds` have passed or
 * `requests` have been sent, whichever comes first. Every answer is checked against what the
 * request's token should get; the run reports wrong answers, 5xx, timeouts, socket errors and the
 * latency percentiles.
 *
 * Requests are pre-encoded and written on raw sockets, and only what the check needs is parsed
 * (http-response.mjs): Node's own http client costs about as much CPU per request as the servers
 * under test, so on two cores it, not the server, would set the pace.
 */
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import { toCheck } from './expect.mjs';
import { createHistogram } from './histogram.mjs';
import { errorCode, parseResponse } from './http-response.mjs';

/** Most wrong answers (and socket errors) kept as examples in the report. */
const SAMPLES = 20;
/** How often in-flight requests are checked against `timeoutMs`. */
const TIMEOUT_TICK_MS = 25;
/** Pause before reconnecting after a connection failed (a server that is down is not hammered). */
const RECONNECT_MS = 20;
const LIMITS = { seconds: 3600, requests: 1e8, connections: 1024 };

function bounded(name, value, max) {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > max) {
    throw new RangeError(`runLoad: ${name} must be a number above 0 and at most ${max}; got ${value}`);
  }
  return value;
}

function encode(target, spec) {
  const body = spec.body ?? '';
  const headers = { host: target.host, ...spec.headers };
  if (body !== '' || (spec.method ?? 'GET') !== 'GET') headers['content-length'] = Buffer.byteLength(body);
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  return Buffer.concat([Buffer.from(`${spec.method ?? 'GET'} ${spec.path} HTTP/1.1\r\n${lines}\r\n`, 'latin1'), Buffer.from(body)]);
}

/** The default schedule: each spec `weight` times (default 1) in every round, interleaved. */
function weightedSchedule(mix) {
  const schedule = [];
  const weights = mix.map((s) => s.weight ?? 1);
  for (let round = 0, left = true; left; round++) {
    left = false;
    weights.forEach((w, i) => {
      if (round < w) schedule.push(i);
      if (round + 1 < w) left = true;
    });
  }
  return schedule;
}

/**
 * Runs the load and resolves with the report once every connection is closed.
 *
 * - `targets`: a base URL or a list (`http://127.0.0.1:PORT`); connections are spread over them.
 * - `mix`: the requests, each `{ name, path, method?, headers?, body?, weight?, expect }`; `expect` as
 *   in expect.mjs (a status and code, a list, or a function of `{ status, code, body, latencyMs }`).
 * - `seconds`, `requests`: the bounds (both required). `connections` (default 8), `timeoutMs` (an
 *   answer slower than this counts as a timeout and its connection is replaced; default 5000).
 * - `pick(n, elapsedMs)`: the index in `mix` of the n-th request (default: by weight, in turn).
 * - `onAnswer(answer, spec)`: sees every answer (`{ status, code, body, latencyMs, at, wrong }`, `at`
 *   milliseconds since the start); `signal`: an AbortSignal that ends the run early.
 *
 * The report: `{ sent, answered, correct, wrong, status5xx, timeouts, socketErrors, byStatus,
 * bySpec, latency: { count, mean, p50, p90, p99, p999, max }, seconds, rps, samples }`.
 *
 * @example
 * ```js
 * const report = await runLoad({ targets: app.url, seconds: 10, requests: 100_000,
 *   mix: [{ name: 'valid', path: '/api/me', headers: { authorization: `Bearer ${token}` }, expect: { status: 200 } }] });
 * if (report.wrong + report.status5xx + report.timeouts > 0) throw new Error(JSON.stringify(report.samples));
 * ```
 */
export async function runLoad(options) {
  const seconds = bounded('seconds', options.seconds, LIMITS.seconds);
  const maxRequests = bounded('requests', options.requests, LIMITS.requests);
  const connections = bounded('connections', options.connections ?? 8, LIMITS.connections);
  const timeoutMs = bounded('timeoutMs', options.timeoutMs ?? 5000, 600_000);
  const mix = options.mix;
  if (!Array.isArray(mix) || mix.length === 0) throw new TypeError('runLoad: mix must be a non-empty list of requests');
  const targets = (Array.isArray(options.targets) ? options.targets : [options.targets]).map((t) => {
    const url = new URL(t);
    return { hostname: url.hostname, port: Number(url.port), host: url.host };
  });
  const encoded = targets.map((t) => mix.map((spec) => encode(t, spec)));
  const checks = mix.map((spec) => toCheck(spec.expect));
  const schedule = weightedSchedule(mix);
  const pick = options.pick ?? ((n) => schedule[n % schedule.length]);

  const histogram = createHistogram();
  const report = { sent: 0, answered: 0, correct: 0, wrong: 0, status5xx: 0, timeouts: 0, socketErrors: 0, byStatus: {}, bySpec: Object.fromEntries(mix.map((s) => [s.name, { count: 0, wrong: 0, byStatus: {} }])), samples: [] };
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  let stopped = false;
  // The run ends by `timeoutMs` after its deadline (or an abort) whatever the sockets do: a
  // connection the server never closes is destroyed then.
  let hardStop = deadline + timeoutMs;
  const stop = () => { stopped = true; hardStop = Math.min(hardStop, performance.now() + timeoutMs); };
  options.signal?.addEventListener('abort', stop, { once: true });
  const canSend = () => !stopped && report.sent < maxRequests && performance.now() < deadline;
  const sample = (entry) => { if (report.samples.length < SAMPLES) report.samples.push({ at: Math.round(performance.now() - t0), ...entry }); };

  const record = (conn, res) => {
    const { spec: index, start } = conn.inflight;
    conn.inflight = undefined;
    const now = performance.now();
    const got = { status: res.status, code: res.status >= 400 ? errorCode(res.body) : undefined, body: res.body, latencyMs: now - start, at: now - t0 };
    const reason = checks[index](got);
    const spec = mix[index];
    const per = report.bySpec[spec.name];
    histogram.record(got.latencyMs);
    report.answered++;
    per.count++;
    report.byStatus[got.status] = (report.byStatus[got.status] ?? 0) + 1;
    per.byStatus[got.status] = (per.byStatus[got.status] ?? 0) + 1;
    if (got.status >= 500) report.status5xx++;
    if (reason === undefined) report.correct++;
    else {
      report.wrong++;
      per.wrong++;
      sample({ request: spec.name, reason });
    }
    options.onAnswer?.({ ...got, wrong: reason !== undefined }, spec);
  };

  const open = (targetIndex) => new Promise((resolve) => {
    const target = targets[targetIndex];
    const conn = { socket: connect(target.port, target.hostname), inflight: undefined, buf: Buffer.alloc(0), connected: false, failed: false };
    const send = () => {
      if (!canSend()) return void conn.socket.end();
      const index = pick(report.sent, performance.now() - t0);
      report.sent++;
      conn.inflight = { spec: index, start: performance.now() };
      conn.socket.write(encoded[targetIndex][index]);
    };
    const drain = (ended) => {
      for (;;) {
        let res;
        try {
          res = parseResponse(conn.buf, ended);
        } catch (error) {
          report.socketErrors++;
          sample({ request: conn.inflight === undefined ? '(none)' : mix[conn.inflight.spec].name, reason: error.message });
          conn.inflight = undefined;
          return void conn.socket.destroy();
        }
        if (res === null) return;
        conn.buf = conn.buf.subarray(res.end);
        if (res.status < 200) continue; // an interim 1xx answer
        if (conn.inflight === undefined) {
          report.socketErrors++;
          sample({ request: '(none)', reason: `an answer ${res.status} arrived with no request in flight` });
          return void conn.socket.destroy();
        }
        record(conn, res);
        if (res.close) return void conn.socket.destroy();
        send();
      }
    };
    conn.socket.setNoDelay(true);
    conn.socket.on('connect', send);
    conn.socket.on('data', (chunk) => {
      conn.buf = conn.buf.length === 0 ? chunk : Buffer.concat([conn.buf, chunk]);
      drain(false);
    });
    conn.socket.on('end', () => drain(true));
    conn.socket.on('connect', () => { conn.connected = true; });
    conn.socket.on('error', (error) => {
      // A refused connection counts too: it is what a client sees of a server that went away.
      if (conn.inflight !== undefined || !conn.connected) {
        report.socketErrors++;
        sample({ request: conn.inflight === undefined ? '(connect)' : mix[conn.inflight.spec].name, reason: error.code ?? error.message });
      }
      conn.inflight = undefined;
      conn.failed = true;
    });
    conn.socket.on('close', () => {
      if (conn.inflight !== undefined) {
        report.socketErrors++;
        sample({ request: mix[conn.inflight.spec].name, reason: 'the server closed the connection before answering' });
        conn.failed = true;
      }
      live.delete(conn);
      resolve(!canSend() ? 'done' : conn.failed ? 'after-pause' : 'now');
    });
    live.add(conn);
  });

  const live = new Set();
  // Requests unanswered for longer than timeoutMs: counted, and their connection replaced.
  const ticker = setInterval(() => {
    const now = performance.now();
    for (const conn of live) {
      if (now > hardStop) conn.socket.destroy();
      if (conn.inflight !== undefined && (now - conn.inflight.start > timeoutMs || now > hardStop)) {
        report.timeouts++;
        sample({ request: mix[conn.inflight.spec].name, reason: `no answer within ${timeoutMs} ms` });
        conn.inflight = undefined;
        conn.socket.destroy();
      }
    }
  }, TIMEOUT_TICK_MS);

  const lane = async (i) => {
    // A lane keeps one connection open while requests may be sent, reopening it after a failure.
    for (let next = 'now'; next !== 'done'; next = await open(i % targets.length)) {
      if (next === 'after-pause') await new Promise((r) => setTimeout(r, RECONNECT_MS));
    }
  };
  try {
    await Promise.all(Array.from({ length: connections }, (_, i) => lane(i)));
  } finally {
    clearInterval(ticker);
    options.signal?.removeEventListener('abort', stop);
  }
  const elapsed = (performance.now() - t0) / 1000;
  return { ...report, latency: histogram.summary(), seconds: Math.round(elapsed * 1000) / 1000, rps: Math.round(report.answered / elapsed) };
}
