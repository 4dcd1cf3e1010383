/**
 * The clock of one instance jumps ±1 h (issue 16, §2). Two processes of the app share one signing
 * key and one TESSERA_ORIGIN (so one accepts the other's tokens); B runs with its wall clock
 * shifted by clock-jump-preload.mjs, moved by IPC while both serve. Under load, phase by phase:
 *
 * - in sync: every token is accepted by both;
 * - B +1 h: B's new tokens are refused by A, "issued in the future" (ERR_JWT_CLAIM_VALIDATION_FAILED,
 *   claim iat); A's tokens are refused by B as expired (ERR_JWT_EXPIRED: B's now is past their exp);
 * - B −1 h: B's new tokens are refused by A as expired; A's tokens are refused by B as issued in
 *   the future;
 * - B back in sync: A's tokens and B's first ones are accepted again by both; the tokens B issued
 *   while off stay refused (issued in the future, or expired) everywhere.
 *
 * A steady stream runs across every jump (A's token on A, `GET /` on B): nothing may crash, no
 * 5xx, no hang; both processes must be alive and serving at the end.
 */
import { startApp } from '../apps.mjs';
import { es256Pem } from '../keys.mjs';
import { runLoad } from '../load.mjs';
import { ADA, GRACE, signIn } from '../tokens.mjs';

const PRELOAD = new URL('../clock-jump-preload.mjs', import.meta.url).pathname;
const HOUR_MS = 3_600_000;
/** How long an instance may take to answer `GET /` after its start (Next.js loads its bundles on the first requests). */
const READY_MS = 90_000;
const OK = { status: 200 };
const EXPIRED = { status: 401, code: 'ERR_JWT_EXPIRED' };
/** iat in the future: the claim check's code, with the cause in the message. */
const FUTURE = (got) => (got.status === 401 && got.code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && /issued in the future/.test(String(got.body))
  ? undefined : `got ${got.status} ${got.code ?? ''}, expected 401 ERR_JWT_CLAIM_VALIDATION_FAILED "issued in the future"`);
const LABELS = new Map([[OK, '200'], [EXPIRED, '401 ERR_JWT_EXPIRED'], [FUTURE, '401 ERR_JWT_CLAIM_VALIDATION_FAILED (iat in the future)']]);

/** Moves the clock of `instance` (started with the preload) to `offsetMs` and resolves once it has. */
function setClock(instance, offsetMs) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { instance.child.off('message', onMessage); reject(new Error(`${instance.name} did not confirm its clock within 5 s`)); }, 5000);
    const onMessage = (m) => {
      if (m?.type !== 'tessera-reliability:clock-set' || m.offsetMs !== offsetMs) return;
      clearTimeout(timer);
      instance.child.off('message', onMessage);
      resolve();
    };
    instance.child.on('message', onMessage);
    instance.child.send({ type: 'tessera-reliability:clock', offsetMs });
  });
}

const specs = (tokens, expectations) => Object.entries(expectations).map(([name, expect]) => ({
  name, path: '/api/me', headers: { authorization: `Bearer ${tokens[name]}`, accept: 'application/json' }, expect,
}));

/**
 * Runs the scenario on `app`: four phases of `seconds / 4` each (at least 1 s). Resolves to
 * `{ app, phases, steady, alive, failures }`.
 *
 * @example
 * ```js
 * const { failures, phases } = await clockJump({ app: 'koa', seconds: 6, requests: 1e6 });
 * ```
 */
export async function clockJump({ app, seconds = 6, requests = 1e6, connections = 8, log = () => undefined }) {
  const phaseSeconds = Math.max(1, seconds / 4);
  const env = { TRANSPORT: 'bearer', TESSERA_SIGNING_KEY: es256Pem(), TESSERA_ORIGIN: 'https://api.tessera.test', TESSERA_ACCESS_TTL: '10m' };
  const started = [];
  try {
    const a = await startApp(app, { env, readyMs: READY_MS });
    started.push(a);
    const b = await startApp(app, { env: { ...env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${PRELOAD}`.trim() }, readyMs: READY_MS });
    started.push(b);
    const tokens = { 'A token': (await signIn(a.url, ADA)).access_token, 'B token, in sync': (await signIn(b.url, GRACE)).access_token };
    const steadyStop = new AbortController();
    const each = Math.max(1, Math.floor(connections / 4));
    const steady = Promise.all([
      runLoad({ targets: a.url, mix: specs(tokens, { 'A token': OK }), connections: each, seconds: 600, requests, signal: steadyStop.signal }),
      runLoad({ targets: b.url, mix: [{ name: 'GET /', path: '/', headers: { accept: 'application/json' }, expect: OK }], connections: each, seconds: 600, requests, signal: steadyStop.signal }),
    ]);
    const phase = async (name, onA, onB) => {
      const [ra, rb] = await Promise.all([
        runLoad({ targets: a.url, mix: specs(tokens, onA), connections: each, seconds: phaseSeconds, requests }),
        runLoad({ targets: b.url, mix: specs(tokens, onB), connections: each, seconds: phaseSeconds, requests }),
      ]);
      log(`  ${name}: ${ra.answered} requests on A, ${rb.answered} on B, ${ra.wrong + rb.wrong} wrong`);
      const labels = (expectations) => Object.fromEntries(Object.entries(expectations).map(([token, e]) => [token, LABELS.get(e)]));
      return { name, onA: ra, onB: rb, expectA: labels(onA), expectB: labels(onB) };
    };
    const phases = [];
    phases.push(await phase('in sync', { 'A token': OK, 'B token, in sync': OK }, { 'A token': OK, 'B token, in sync': OK }));
    await setClock(b, HOUR_MS);
    tokens['B token, +1 h'] = (await signIn(b.url, GRACE)).access_token;
    phases.push(await phase('B +1 h', { 'A token': OK, 'B token, in sync': OK, 'B token, +1 h': FUTURE }, { 'A token': EXPIRED, 'B token, in sync': EXPIRED, 'B token, +1 h': OK }));
    await setClock(b, -HOUR_MS);
    tokens['B token, -1 h'] = (await signIn(b.url, GRACE)).access_token;
    phases.push(await phase('B -1 h', { 'A token': OK, 'B token, in sync': OK, 'B token, +1 h': FUTURE, 'B token, -1 h': EXPIRED }, { 'A token': FUTURE, 'B token, in sync': FUTURE, 'B token, +1 h': FUTURE, 'B token, -1 h': OK }));
    await setClock(b, 0);
    const back = { 'A token': OK, 'B token, in sync': OK, 'B token, +1 h': FUTURE, 'B token, -1 h': EXPIRED };
    phases.push(await phase('B back in sync', back, back));
    steadyStop.abort();
    const steadyReports = await steady;

    const alive = await Promise.all(started.map(async (s) => {
      const res = await fetch(`${s.url}/`, { signal: AbortSignal.timeout(5000) }).catch(() => undefined);
      return s.child.exitCode === null && res?.status === 200;
    }));
    const failures = [];
    for (const p of phases) {
      for (const [where, r] of [['A', p.onA], ['B', p.onB]]) {
        if (r.wrong + r.timeouts + r.socketErrors + r.status5xx > 0) failures.push(`${p.name}, on ${where}: ${r.wrong} wrong, ${r.status5xx} 5xx, ${r.timeouts} timeouts, ${r.socketErrors} socket errors, e.g. ${JSON.stringify(r.samples.slice(0, 3))}`);
        if (r.answered === 0) failures.push(`${p.name}, on ${where}: no answer`);
      }
    }
    steadyReports.forEach((r, i) => {
      if (r.wrong + r.timeouts + r.socketErrors + r.status5xx > 0) failures.push(`the steady stream on ${i === 0 ? 'A' : 'B'} across the jumps: ${r.wrong} wrong, ${r.status5xx} 5xx, ${r.timeouts} timeouts, ${r.socketErrors} socket errors, e.g. ${JSON.stringify(r.samples.slice(0, 3))}`);
    });
    if (alive.some((ok) => !ok)) failures.push(`after the jumps the instances are alive and serving: A ${alive[0]}, B ${alive[1]}`);
    const summary = phases.map((p) => ({ name: p.name, onA: p.onA.bySpec, onB: p.onB.bySpec, expectA: p.expectA, expectB: p.expectB, answered: p.onA.answered + p.onB.answered, p99: Math.max(p.onA.latency.p99, p.onB.latency.p99) }));
    return { app: a.name, phases: summary, steady: steadyReports.map((r) => ({ answered: r.answered, wrong: r.wrong, status5xx: r.status5xx, max: r.latency.max })), alive, failures };
  } finally {
    await Promise.all(started.map((s) => s.stop()));
  }
}

/** The Markdown rows of a result (docs/reliability.md): per phase and token, the answer on A and on B (and how many). */
export function formatClockJump(r) {
  const cell = (bySpec, expected, name) => {
    const s = bySpec[name];
    if (s === undefined) return '–';
    return s.wrong > 0 ? `${s.wrong} WRONG of ${s.count}: ${JSON.stringify(s.byStatus)}` : `${expected[name]} ×${s.count.toLocaleString('en-US')}`;
  };
  const names = ['A token', 'B token, in sync', 'B token, +1 h', 'B token, -1 h'];
  return [
    `${r.app}: steady stream across the jumps ${r.steady.map((s) => `${s.answered.toLocaleString('en-US')} requests, ${s.wrong} wrong, ${s.status5xx} 5xx, max ${s.max} ms`).join(' / ')}; both alive after: ${r.alive.every(Boolean) ? 'yes' : 'NO'}`,
    '| phase | token | on A | on B |',
    '| --- | --- | --- | --- |',
    ...r.phases.flatMap((p) => names.filter((n) => p.onA[n] !== undefined || p.onB[n] !== undefined).map((n) => `| ${p.name} | ${n} | ${cell(p.onA, p.expectA, n)} | ${cell(p.onB, p.expectB, n)} |`)),
  ].join('\n');
}
