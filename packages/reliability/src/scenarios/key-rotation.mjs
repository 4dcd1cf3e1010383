/**
 * The signing key rotates mid-load across two instances (issue 16, §2). Two processes of the app
 * share a private redis-server and sit behind a round-robin balancer (key-rotation-balancer.mjs).
 * The three steps of key-ring.ts's doc (key-rotation-keys.mjs) are each rolled out as a rolling
 * restart: drain one instance (no new requests, wait for those in flight), restart it with the
 * step's TESSERA_SIGNING_KEY_FILE / TESSERA_VERIFY_KEYS_FILE / TESSERA_RETIRED_KIDS, add it back,
 * then the other. Meanwhile clients send `GET /api/me` through the balancer with tokens signed by
 * the old key (from the start until step 3, when the operator retires it: by then the longest
 * token lifetime is deemed over) and by the new key (from the first instance promoted in step 2,
 * while the other still runs step 1, to the end). Every one of those requests must be a 200 (or,
 * rarely, the store's fail-closed 503, counted apart with its logged cause).
 *
 * After step 3 a token signed by the old key is refused by both instances with
 * ERR_JWKS_NO_MATCHING_KEY, "the key with kid ... was retired" (reported): what a client still
 * holding one gets, and why retirement waits for the longest token lifetime. Its refresh token
 * (opaque, in the store) still renews the session with a token of the new key.
 */
import { performance } from 'node:perf_hooks';
import { startApp } from '../apps.mjs';
import { startBalancer } from '../key-rotation-balancer.mjs';
import { KIDS, rotationKeys } from '../key-rotation-keys.mjs';
import { runLoad } from '../load.mjs';
import { startRedis } from '../redis-server.mjs';
import { ADA, GRACE, signIn } from '../tokens.mjs';

/**
 * A valid token's answer: 200. A 503 ERR_AUTH_UNAVAILABLE is the store failing closed (a Redis
 * command past its 500 ms timeout while a restarting instance starves the 2 cores), not the key:
 * it is counted apart and bounded (STORE_503_SHARE); anything else is a failed request.
 */
const ALWAYS_OK = (got) => (got.status === 200 || (got.status === 503 && got.code === 'ERR_AUTH_UNAVAILABLE') ? undefined : `got ${got.status} ${got.code ?? ''}, expected 200`);
/** Most 503s of the store tolerated, as a share of a stream's requests. */
export const STORE_503_SHARE = 0.005;
const kidOf = (token) => JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8')).kid;

/** How long an instance may take to answer `GET /` after its start: Next.js loads its bundles on the first requests, slowly on a busy machine. */
const READY_MS = 90_000;

/** `promise`, or a rejection naming `what` after `ms`: a stuck restart fails the run instead of hanging it. */
function within(ms, what, promise) {
  let timer;
  const late = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} did not complete within ${ms / 1000} s`)), ms); });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

async function getJson(url) {
  const res = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(10_000) });
  return { status: res.status, body: await res.json().catch(() => ({})) };
}

/** One stream of load through the balancer with `tokens`, until `stop()`: `{ stop(), done }` (done: the report). */
function stream(url, name, tokens, { connections, requests }) {
  const controller = new AbortController();
  const mix = tokens.map((token, i) => ({ name: `${name} #${i + 1}`, path: '/api/me', headers: { authorization: `Bearer ${token}`, accept: 'application/json' }, expect: ALWAYS_OK }));
  const done = runLoad({ targets: url, mix, connections, seconds: 600, requests, timeoutMs: 10_000, signal: controller.signal });
  return { stop: () => controller.abort(), done };
}

/**
 * Runs the rotation on `app` with `holdMs` of steady load between steps (the scenario's length is
 * 6 restarts plus 4 holds). `seconds` bounds the holds (holdMs = seconds * 1000 / 8, at least 500).
 * Resolves to `{ app, steps, streams, retiredProbe, restarts, failures }`.
 *
 * @example
 * ```js
 * const { failures } = await keyRotation({ app: 'node', seconds: 8, requests: 1e6 });
 * ```
 */
export async function keyRotation({ app, seconds = 8, requests = 1e6, connections = 8, log = () => undefined }) {
  const holdMs = Math.max(500, Math.round((seconds * 1000) / 8));
  const keys = rotationKeys();
  const redis = await startRedis();
  const common = { TRANSPORT: 'bearer', TESSERA_ACCESS_TTL: '1h', TESSERA_ORIGIN: 'https://api.tessera.test', REDIS_URL: redis.url, TESSERA_REDIS_PREFIX: 'tessera-rotation:' };
  const instances = [];
  let balancer;
  const streams = [];
  const failures = [];
  const steps = [];
  const storeWarnings = [];
  // The cause of any 503, as the instance logged it (the core logs every internal failure once).
  const keepWarnings = (instance) => {
    for (const line of instance.output().split('\n')) if (line.includes('[tessera]') && line.includes('failed') && storeWarnings.length < 3) storeWarnings.push(line.trim().slice(0, 300));
  };
  const t0 = performance.now();
  const at = () => Math.round(performance.now() - t0);
  try {
    for (let i = 0; i < 2; i++) instances.push(await startApp(app, { env: { ...common, ...keys.envFor(0) }, readyMs: READY_MS }));
    balancer = await startBalancer(instances.map((s) => s.url));
    const oldSession = await signIn(instances[0].url, ADA);
    const oldTokens = [oldSession.access_token, (await signIn(instances[1].url, GRACE)).access_token];
    const share = { connections: Math.max(2, Math.floor(connections / 2)), requests: Math.floor(requests / 2) };
    const old = stream(balancer.url, 'old key', oldTokens, share);
    streams.push({ name: 'old key', ...old });
    let newer;
    await new Promise((r) => setTimeout(r, holdMs));

    for (const step of [1, 2, 3]) {
      const started = at();
      if (step === 3) old.stop(); // retirement: the old key's tokens are past their lifetime
      for (let i = 0; i < 2; i++) {
        await balancer.drain(i);
        keepWarnings(instances[i]);
        await within(15_000, `stopping instance ${i + 1} (step ${step})`, instances[i].stop());
        instances[i] = await within(READY_MS + 10_000, `starting instance ${i + 1} (step ${step})`, startApp(app, { env: { ...common, ...keys.envFor(step) }, readyMs: READY_MS }));
        balancer.enable(i, instances[i].url);
        log(`    instance ${i + 1} runs step ${step} (${at()} ms)`);
        if (step === 2 && i === 0) {
          // Promoted first: its new-key tokens reach the other instance, which still runs step 1.
          const minted = await within(30_000, 'signing in on the promoted instance', Promise.all([signIn(instances[0].url, ADA), signIn(instances[0].url, GRACE)]).then((s) => s.map((x) => x.access_token)));
          if (minted.some((t) => kidOf(t) !== KIDS.new)) failures.push(`a token signed in after promotion carries kid ${minted.map(kidOf).join(', ')}, not ${KIDS.new}`);
          newer = stream(balancer.url, 'new key', minted, share);
          streams.push({ name: 'new key', ...newer });
        }
      }
      const published = await Promise.all(instances.map(async (s) => (await getJson(`${s.url}/.well-known/jwks.json`)).body.keys?.map((k) => k.kid).sort() ?? []));
      steps.push({ step, startedAtMs: started, durationMs: at() - started, published });
      log(`  step ${step} rolled out on both instances in ${at() - started} ms; JWKS kids: ${published.map((k) => k.join(',')).join(' | ')}`);
      await new Promise((r) => setTimeout(r, holdMs));
    }
    newer?.stop();
    const reports = await Promise.all(streams.map((s) => s.done));
    const retiredProbe = await Promise.all(instances.map(async (s) => {
      const res = await fetch(`${s.url}/api/me`, { headers: { authorization: `Bearer ${oldTokens[0]}`, accept: 'application/json' } });
      const body = await res.json();
      return { status: res.status, code: body.error, message: body.message };
    }));

    instances.forEach(keepWarnings);
    // A client still holding an old-key access token after retirement: its refresh token (opaque,
    // kept in the store, not signed) still works and brings a token of the new key.
    const refreshed = await fetch(`${balancer.url}/auth/refresh`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ refresh_token: oldSession.refresh_token }) });
    const refreshBody = await refreshed.json();
    const refreshAfterRetirement = { status: refreshed.status, kid: typeof refreshBody.access_token === 'string' ? kidOf(refreshBody.access_token) : refreshBody.error };
    if (refreshed.status !== 200 || refreshAfterRetirement.kid !== KIDS.new) failures.push(`refreshing an old-key session after retirement answered ${JSON.stringify(refreshAfterRetirement)}, expected 200 with a token of kid ${KIDS.new}`);
    const expectKids = [[KIDS.old], [KIDS.new, KIDS.old].sort(), [KIDS.new, KIDS.old].sort(), [KIDS.new]];
    for (const s of steps) {
      if (s.published.some((kids) => kids.join() !== expectKids[s.step].join())) failures.push(`after step ${s.step} the instances publish kids ${JSON.stringify(s.published)}, expected ${expectKids[s.step].join(', ')}`);
    }
    const summary = streams.map((s, i) => ({ name: s.name, answered: reports[i].answered, failed: reports[i].answered - reports[i].correct, store503: reports[i].byStatus[503] ?? 0, timeouts: reports[i].timeouts, socketErrors: reports[i].socketErrors, p99: reports[i].latency.p99, max: reports[i].latency.max, byStatus: reports[i].byStatus, samples: reports[i].samples.slice(0, 3) }));
    for (const s of summary) {
      if (s.failed + s.timeouts + s.socketErrors > 0) failures.push(`${s.name}: ${s.failed} failed requests, ${s.timeouts} timeouts, ${s.socketErrors} socket errors, e.g. ${JSON.stringify(s.samples)}`);
      if (s.answered === 0) failures.push(`${s.name}: no request was answered`);
      if (s.store503 > s.answered * STORE_503_SHARE) failures.push(`${s.name}: ${s.store503} answers 503 ERR_AUTH_UNAVAILABLE (the store failing closed), more than ${STORE_503_SHARE * 100} % of ${s.answered}`);
    }
    if (balancer.upstreamErrors() > 0) failures.push(`the balancer saw ${balancer.upstreamErrors()} failed forwards`);
    if (retiredProbe.some((p) => p.status !== 401 || p.code !== 'ERR_JWKS_NO_MATCHING_KEY' || !/was retired/.test(p.message))) failures.push(`after retirement an old-key token got ${JSON.stringify(retiredProbe)}, expected 401 ERR_JWKS_NO_MATCHING_KEY naming the retired kid`);
    return { app: instances[0].name, holdMs, steps, streams: summary, forwarded: [...balancer.forwarded], retiredProbe, refreshAfterRetirement, storeWarnings, failures };
  } finally {
    for (const s of streams) s.stop();
    await Promise.allSettled(streams.map((s) => s.done));
    await balancer?.stop();
    await Promise.all(instances.map((s) => s.stop()));
    await redis.stop();
    keys.remove();
  }
}

/** The Markdown rows of a result (docs/reliability.md). */
export function formatKeyRotation(r) {
  const n = (v) => v.toLocaleString('en-US');
  return [
    `${r.app}: steps rolled out in ${r.steps.map((s) => `${s.step}: ${n(s.durationMs)} ms`).join(', ')} (hold ${r.holdMs} ms); requests per instance ${r.forwarded.map(n).join(' / ')}; old-key token after retirement: ${r.retiredProbe.map((p) => `${p.status} ${p.code}`).join(' / ')}, its session refreshed: ${r.refreshAfterRetirement.status} (kid ${r.refreshAfterRetirement.kid})`,
    '| tokens | requests | failed (not 200) | of which 503 of the store | timeouts | p99 ms | max ms |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...r.streams.map((s) => `| ${s.name} | ${n(s.answered)} | ${s.failed + s.store503} | ${s.store503} | ${s.timeouts + s.socketErrors} | ${s.p99} | ${s.max} |`),
  ].join('\n');
}
