/**
 * The JWKS endpoint of a remote issuer goes down, or answers in 10 s, mid-load (issue 16, §2). The
 * app trusts a fake identity provider (jwks-down-idp.mjs) through TESSERA_TRUSTED_ISSUER and
 * TESSERA_TRUSTED_JWKS_URL (apps/README.md), with short cache settings so the whole story fits in
 * seconds: keys fresh for MAX_AGE, served stale for MAX_STALE after that, each fetch bounded by
 * TIMEOUT. Under load (the provider's tokens, the app's own, a forged provider token):
 *
 * - until MAX_STALE after the endpoint failed, the provider's tokens still get 200 (cached keys);
 * - from MAX_AGE + MAX_STALE + TIMEOUT after it failed, they get 503 ERR_AUTH_UNAVAILABLE (fail
 *   closed: never 200 without keys, never 401 for a token that may be good);
 * - no provider token waits longer than the fetch timeout (next-web: twice, its proxy and its
 *   route each hold a key cache, see docs/reliability.md) beyond the app's ordinary latency under
 *   the same load (the p99 of its own tokens, which never wait for the provider) plus a margin;
 * - the app's own tokens are not affected; a forged provider token is never 200;
 * - the endpoint back up: the time until the provider's tokens are served again is reported (it
 *   depends on the retry backoff in effect, up to the next retry).
 */
import { performance } from 'node:perf_hooks';
import { startApp } from '../apps.mjs';
import { createHistogram } from '../histogram.mjs';
import { startIdp } from '../jwks-down-idp.mjs';
import { runLoad } from '../load.mjs';
import { signIn } from '../tokens.mjs';

/** The app's settings for the scenario (seconds). */
export const TIMING = { maxAgeS: 2, maxStaleS: 3, timeoutS: 1 };
/** Scheduling slack on a 2-core machine shared by the load driver and the app. */
export const MARGIN_MS = 750;
export const MODES = ['refused', '500', 'slow'];
/** When the endpoint fails, from the start of the load; it comes back 1.5 s into the window where it must be refused. */
const DOWN_AT_MS = 1500;
const REFUSED_FOR_MS = 1500;

const UNAVAILABLE = { status: 503, code: 'ERR_AUTH_UNAVAILABLE' };
const describe = (got) => `${got.status}${got.code ? ` ${got.code}` : ''}`;

/** How many key caches a request of `app` may wait on in turn (next-web: its proxy's, then its route's). */
const cachesOnPath = (app) => (app === 'next' ? 2 : 1);

/**
 * Runs the scenario on `app` with the endpoint failing as `mode` ('refused', '500' or 'slow') for
 * `seconds` (at least 10, next-web 11: it fails at 1.5 s and comes back 1.5 s after its tokens must
 * be refused). Resolves to
 * `{ app, mode, load, windows, failures }`.
 *
 * @example
 * ```js
 * const { failures, windows } = await jwksDown({ app: 'node', mode: 'slow', seconds: 12, requests: 1e6 });
 * ```
 */
export async function jwksDown({ app, mode = 'refused', seconds, requests, connections = 8, log = () => undefined }) {
  if (!MODES.includes(mode)) throw new RangeError(`mode must be one of ${MODES.join(', ')}; got ${mode}`);
  // The provider's tokens must get 200 until MAX_STALE after the failure, and 503 from this long after it:
  const mustFailAfterMs = (TIMING.maxAgeS + TIMING.maxStaleS + TIMING.timeoutS * cachesOnPath(app)) * 1000 + MARGIN_MS;
  const upAtMs = DOWN_AT_MS + mustFailAfterMs + REFUSED_FOR_MS;
  if (!(seconds * 1000 >= upAtMs + 250)) throw new RangeError(`jwks-down on ${app} needs at least ${Math.ceil((upAtMs + 250) / 1000)} seconds (the endpoint fails at 1.5 s and comes back at ${upAtMs / 1000} s); got ${seconds}`);
  const idp = await startIdp();
  let server;
  try {
    server = await startApp(app, {
      readyMs: 90_000, // Next.js loads its bundles on the first requests, slowly on a busy machine
      env: {
        TRANSPORT: 'bearer', TESSERA_ACCESS_TTL: '1h',
        TESSERA_TRUSTED_ISSUER: idp.issuer, TESSERA_TRUSTED_JWKS_URL: idp.jwksUrl,
        TESSERA_TRUSTED_JWKS_TIMEOUT: `${TIMING.timeoutS}s`, TESSERA_TRUSTED_JWKS_MAX_AGE: `${TIMING.maxAgeS}s`, TESSERA_TRUSTED_JWKS_MAX_STALE: `${TIMING.maxStaleS}s`,
      },
    });
    const own = await signIn(server.url);
    const bearer = (token) => ({ authorization: `Bearer ${token}`, accept: 'application/json' });
    const t = { down: undefined, up: undefined };
    const w = { must200: 0, wrong200: 0, must503: 0, wrong503: 0, unavailable: 0, servedStaleMs: 0, first503AfterDownMs: undefined, lastUnavailableAfterUpMs: undefined, firstServedAfterUpMs: undefined };
    const mustServeUntil = () => t.down + TIMING.maxStaleS * 1000 - MARGIN_MS;
    const mustFailFrom = () => t.down + mustFailAfterMs;

    const provider = (got) => {
      if (got.status === 200 || (got.status === UNAVAILABLE.status && got.code === UNAVAILABLE.code)) return undefined;
      return `got ${describe(got)}, expected 200 (keys served) or 503 ERR_AUTH_UNAVAILABLE (keys unavailable)`;
    };
    const mix = [
      { name: 'provider token', path: '/api/me', headers: bearer(idp.token()), weight: 4, expect: provider },
      { name: 'own token', path: '/api/me', headers: bearer(own.access_token), weight: 2, expect: { status: 200 } },
      { name: 'forged provider token', path: '/api/me', headers: bearer(idp.forgedToken()), weight: 1,
        expect: (got) => (got.status === 401 || (got.status === 503 && got.code === UNAVAILABLE.code) ? undefined : `got ${describe(got)}, expected 401 or 503 ERR_AUTH_UNAVAILABLE`) },
    ];
    const ownLatency = createHistogram();
    let providerMaxMs = 0;
    const onAnswer = (got, spec) => {
      if (spec.name === 'own token') ownLatency.record(got.latencyMs);
      if (spec.name !== 'provider token') return;
      providerMaxMs = Math.max(providerMaxMs, got.latencyMs);
      const now = performance.now();
      const sent = now - got.latencyMs;
      const served = got.status === 200;
      if (!served) w.unavailable++;
      if (t.down !== undefined && t.up === undefined) {
        if (served) w.servedStaleMs = Math.max(w.servedStaleMs, Math.round(sent - t.down));
        else if (w.first503AfterDownMs === undefined) w.first503AfterDownMs = Math.round(now - t.down);
        if (sent < mustServeUntil()) { w.must200++; if (!served) w.wrong503++; }
        if (sent > mustFailFrom()) { w.must503++; if (served) w.wrong200++; }
      } else if (t.down === undefined && !served) {
        w.wrong503++;
      } else if (t.up !== undefined && sent > t.up) {
        if (!served) w.lastUnavailableAfterUpMs = Math.round(now - t.up);
        else if (w.firstServedAfterUpMs === undefined) w.firstServedAfterUpMs = Math.round(now - t.up);
      }
    };
    const events = [];
    const schedule = [
      setTimeout(() => { t.down = performance.now(); idp.setMode(mode).then(() => log(`  JWKS endpoint ${mode} at ${DOWN_AT_MS / 1000} s`), (e) => events.push(`switching the endpoint failed: ${e.message}`)); }, DOWN_AT_MS),
      setTimeout(() => { t.up = performance.now(); idp.setMode('up').then(() => log(`  JWKS endpoint up again at ${upAtMs / 1000} s`), (e) => events.push(`switching the endpoint back failed: ${e.message}`)); }, upAtMs),
    ];
    const waitMs = TIMING.timeoutS * 1000 * cachesOnPath(app);
    let load;
    try {
      // An answer later than this is a hang, whatever the load.
      load = await runLoad({ targets: server.url, mix, connections, seconds, requests, timeoutMs: waitMs + 10_000, onAnswer });
    } finally {
      schedule.forEach(clearTimeout);
    }
    const ownP99Ms = Math.round(ownLatency.percentile(0.99));
    const boundMs = waitMs + ownP99Ms + MARGIN_MS;
    const windows = {
      ...w, boundMs, ownP99Ms, providerMaxMs: Math.round(providerMaxMs), mustServeUntilMs: Math.round(mustServeUntil() - t.down), mustFailFromMs: Math.round(mustFailFrom() - t.down),
      upAtMs: Math.round(t.up - t.down), fetches: idp.fetches.length,
    };
    const failures = [...events];
    if (load.wrong > 0) failures.push(`${load.wrong} wrong answers, e.g. ${JSON.stringify(load.samples.slice(0, 3))}`);
    if (load.timeouts + load.socketErrors > 0) failures.push(`${load.timeouts} timeouts and ${load.socketErrors} socket errors, e.g. ${JSON.stringify(load.samples.slice(0, 3))}`);
    if (load.status5xx !== w.unavailable + (load.bySpec['forged provider token'].byStatus[503] ?? 0)) failures.push(`${load.status5xx} answers 5xx, not all the expected 503 of the provider's tokens`);
    if (providerMaxMs > boundMs) failures.push(`a provider token's answer took ${Math.round(providerMaxMs)} ms, more than the fetch timeout (${TIMING.timeoutS} s × ${cachesOnPath(app)}) + the own tokens' p99 (${ownP99Ms} ms) + ${MARGIN_MS} ms`);
    if (w.must200 === 0 || w.must503 === 0) failures.push(`the windows saw too few requests (${w.must200} while keys must be served, ${w.must503} while they must not)`);
    if (w.wrong503 > 0) failures.push(`${w.wrong503} provider tokens refused while cached keys were still within the stale window`);
    if (w.wrong200 > 0) failures.push(`${w.wrong200} provider tokens accepted after the stale window had ended (keys past maxStale)`);
    return { app: server.name, mode, load, windows, failures };
  } finally {
    await server?.stop();
    await idp.stop();
  }
}

/** The Markdown row of a result (docs/reliability.md). */
export function formatJwksDown(r) {
  const w = r.windows;
  const n = (v) => (v === undefined ? '–' : v.toLocaleString('en-US'));
  return [
    '| app | endpoint | requests | p99 ms | own tokens p99 ms | provider tokens max ms | bound ms | served from cache until (ms after failure) | first 503 (ms after failure) | 200 refused in stale window | 200 after stale window | 200 again after recovery (ms) | wrong | 5xx other than 503 |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${r.app} | ${r.mode} | ${n(r.load.answered)} | ${r.load.latency.p99} | ${w.ownP99Ms} | ${w.providerMaxMs} | ${w.boundMs} | ${n(w.servedStaleMs)} | ${n(w.first503AfterDownMs)} | ${w.wrong503} | ${w.wrong200} | ${n(w.firstServedAfterUpMs)} | ${r.load.wrong} | ${r.load.status5xx - (r.load.byStatus[503] ?? 0)} |`,
  ].join('\n');
}
