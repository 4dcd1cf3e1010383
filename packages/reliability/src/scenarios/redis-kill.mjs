/**
 * Redis killed mid-load (issue 16, §2). The app keeps its sessions in a private redis-server
 * (redis-server.mjs: append-only file, its own folder); tokens are revoked before the load, and one
 * more by a logout during the load just before Redis is killed with SIGKILL. While it is down,
 * requests that need the store (every valid or revoked token: the revocation check) must get 503
 * ERR_AUTH_UNAVAILABLE within the store's command timeout, never a 200 for a revoked token, never a
 * hang; requests refused before the store is asked (expired, tampered, missing) keep their 401.
 * Redis is then started again on the same port and folder: the app must serve again within 2 s
 * without a restart, and every revocation made before the kill must still hold (read from the AOF).
 */
import { performance } from 'node:perf_hooks';
import { startApp } from '../apps.mjs';
import { es256Pem } from '../keys.mjs';
import { runLoad } from '../load.mjs';
import { tokenMix } from '../mix.mjs';
import { startRedis } from '../redis-server.mjs';
import { ADA, logout, signIn } from '../tokens.mjs';

/** The Redis store's commandTimeout in the apps: @tessera/redis's default (apps/common/src/store.mjs sets none). */
export const COMMAND_TIMEOUT_MS = 500;
/** How much later than the command timeout a 503 may come on this shared 2-core machine under full load. */
export const LATENCY_MARGIN_MS = 1000;
/** An answer slower than this is a hang (the driver counts it as a timeout and replaces the connection). */
export const HANG_BOUND_MS = 5000;
/** The service must answer 200 again within this long after Redis answers PING again. */
export const RECOVERY_BOUND_MS = 2000;

const UNAVAILABLE = { status: 503, code: 'ERR_AUTH_UNAVAILABLE' };
const NEEDS_STORE = new Set(['valid', 'valid admin', 'valid, lacks role', 'revoked (logout)']);
const same = (got, e) => got.status === e.status && (e.code === undefined || got.code === e.code);
const describe = (got) => `${got.status}${got.code ? ` ${got.code}` : ''}`;

/** The mix's expectations widened for an outage: a request that needs the store may also get the 503. */
function outageMix(mix) {
  return mix.map((spec) => {
    if (!NEEDS_STORE.has(spec.name)) return spec;
    const normal = spec.expect;
    return { ...spec, expect: (got) => (same(got, normal) || same(got, UNAVAILABLE) ? undefined : `got ${describe(got)}, expected ${describe(normal)} or 503 ERR_AUTH_UNAVAILABLE`) };
  });
}

/**
 * Runs the scenario on `app` for `seconds` (at least 6: Redis is killed at 30 % of the run and
 * started again at 55 %). Resolves to `{ app, load, outage, failures }`.
 *
 * @example
 * ```js
 * const { failures, outage } = await redisKill({ app: 'node', seconds: 12, requests: 1e6 });
 * ```
 */
export async function redisKill({ app, seconds, requests, connections = 8, log = () => undefined }) {
  if (seconds < 6) throw new RangeError(`redis-kill needs at least 6 seconds (Redis stays down for a quarter of the run); got ${seconds}`);
  const pem = es256Pem();
  const redis = await startRedis();
  let server;
  try {
    server = await startApp(app, { env: { TRANSPORT: 'bearer', TESSERA_SIGNING_KEY: pem, TESSERA_ACCESS_TTL: '1h', REDIS_URL: redis.url, TESSERA_REDIS_PREFIX: 'tessera-reliability:' } });
    const { mix, tokens } = await tokenMix(server.url, pem);
    const late = await signIn(server.url, ADA);
    const t = { start: performance.now() };
    // The late session: 200 until its logout is sent, 401 ERR_JWT_REVOKED (or the outage's 503) once answered.
    const lateSpec = {
      name: 'revoked during the load', path: '/api/me', weight: 1,
      headers: { authorization: `Bearer ${late.access_token}`, accept: 'application/json' },
      expect: (got) => {
        const now = performance.now();
        const before = t.logoutSent === undefined || now < t.logoutSent;
        const after = t.logoutDone !== undefined && now - got.latencyMs > t.logoutDone;
        if (got.status === 200) return after ? 'got 200 for a token revoked before the request was sent' : undefined;
        if (same(got, UNAVAILABLE) || same(got, { status: 401, code: 'ERR_JWT_REVOKED' })) return before && got.status === 401 ? 'got 401 before the logout was sent' : undefined;
        return `got ${describe(got)}, expected 200, 401 ERR_JWT_REVOKED or 503 ERR_AUTH_UNAVAILABLE`;
      },
    };
    const events = [];
    const byPhase = { before: {}, down: {}, after: {} };
    const onAnswer = (got, spec) => {
      const now = performance.now();
      const phase = t.killed === undefined || now - got.latencyMs < t.killed ? 'before' : t.restarted === undefined ? 'down' : 'after';
      const key = `${spec.name}: ${describe(got)}`;
      byPhase[phase][key] = (byPhase[phase][key] ?? 0) + 1;
      if (got.status === 503 && t.first503 === undefined && t.killed !== undefined) t.first503 = now;
      if (got.status === 503) t.last503 = now;
      if (got.status === 503) t.max503Latency = Math.max(t.max503Latency ?? 0, got.latencyMs);
      if (spec.name === 'valid' && got.status === 200 && t.restarted !== undefined && t.recovered === undefined) t.recovered = now;
    };
    const total = seconds * 1000;
    const schedule = [
      setTimeout(() => {
        t.logoutSent = performance.now();
        logout(server.url, late.access_token).then(() => { t.logoutDone = performance.now(); }, (error) => events.push(`the logout during the load failed: ${error.message}`));
      }, total * 0.3 - 500),
      setTimeout(() => {
        t.killed = performance.now();
        redis.kill().then(() => log(`  Redis killed (SIGKILL) at ${((t.killed - t.start) / 1000).toFixed(1)} s`));
      }, total * 0.3),
      setTimeout(() => {
        redis.restart().then(() => {
          t.restarted = performance.now();
          log(`  Redis answers PING again at ${((t.restarted - t.start) / 1000).toFixed(1)} s`);
        }, (error) => events.push(`Redis did not start again: ${error.message}`));
      }, total * 0.55),
    ];
    const bound = COMMAND_TIMEOUT_MS + LATENCY_MARGIN_MS;
    let load;
    try {
      load = await runLoad({ targets: server.url, mix: [...outageMix(mix), lateSpec], connections, seconds, requests, timeoutMs: HANG_BOUND_MS, onAnswer });
    } finally {
      schedule.forEach(clearTimeout);
    }
    const ms = (from, to) => (from === undefined || to === undefined ? undefined : Math.round(to - from));
    const outage = {
      killedAtMs: ms(t.start, t.killed),
      restartedAtMs: ms(t.start, t.restarted),
      first503AfterKillMs: ms(t.killed, t.first503),
      recoveryMs: ms(t.restarted, t.recovered),
      max503LatencyMs: t.max503Latency === undefined ? undefined : Math.round(t.max503Latency),
      latencyBoundMs: bound,
      byPhase,
      events,
    };
    const failures = [...events];
    if (load.wrong > 0) failures.push(`${load.wrong} wrong answers, e.g. ${JSON.stringify(load.samples.slice(0, 3))}`);
    if (load.timeouts > 0) failures.push(`${load.timeouts} requests got no answer within ${HANG_BOUND_MS} ms`);
    if (outage.max503LatencyMs > bound) failures.push(`a 503 took ${outage.max503LatencyMs} ms (command timeout ${COMMAND_TIMEOUT_MS} ms + ${LATENCY_MARGIN_MS} ms)`);
    if (load.socketErrors > 0) failures.push(`${load.socketErrors} socket errors, e.g. ${JSON.stringify(load.samples.slice(0, 3))}`);
    const other5xx = load.status5xx - (load.byStatus[503] ?? 0);
    if (other5xx > 0) failures.push(`${other5xx} answers 5xx other than 503`);
    if (t.first503 === undefined) failures.push('no request got 503 while Redis was down');
    if (outage.recoveryMs === undefined) failures.push('no valid token was answered 200 after Redis came back');
    else if (outage.recoveryMs > RECOVERY_BOUND_MS) failures.push(`the service answered 200 again ${outage.recoveryMs} ms after Redis came back (bound ${RECOVERY_BOUND_MS} ms)`);
    if (t.recovered !== undefined && t.last503 > t.recovered) failures.push(`a 503 came ${Math.round(t.last503 - t.recovered)} ms after the service had recovered`);
    for (const name of ['revoked (logout)', 'revoked during the load']) {
      const after = Object.entries(byPhase.after).filter(([k]) => k.startsWith(`${name}:`));
      if (!after.some(([k]) => k.endsWith('401 ERR_JWT_REVOKED'))) failures.push(`"${name}" was not refused with ERR_JWT_REVOKED after Redis came back`);
    }
    const revokedAgain = await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${tokens.revoked}` } });
    const body = await revokedAgain.json();
    if (revokedAgain.status !== 401 || body.error !== 'ERR_JWT_REVOKED') failures.push(`after the load, the token revoked before the kill answered ${revokedAgain.status} ${body.error}`);
    return { app: server.name, load, outage, failures };
  } finally {
    await server?.stop();
    await redis.stop();
  }
}
