/**
 * Malformed HTTP at the adapters (issue 16, §2): each case of malformed-cases.mjs sent over a raw
 * socket to an app in the cookie transport (so cookies and bearer tokens are both read). Each must
 * get a 4xx or a closed connection — never a 5xx, never silence past the server's timeouts — and
 * the server must stay up: while the slow cases hold their connections, and after every case, a
 * valid request is answered 200.
 */
import { SERVER_TIMEOUTS } from '@tessera/example-common/serve';
import { startApp } from '../apps.mjs';
import { es256Pem } from '../keys.mjs';
import { fastCases, slowCases } from '../malformed-cases.mjs';
import { exchange } from '../raw-exchange.mjs';
import { ADA } from '../tokens.mjs';

/** The apps' request timeout and its check interval (apps/common/src/serve.mjs), plus 3 s for a busy machine. */
export const SLOW_BOUND_MS = SERVER_TIMEOUTS.requestTimeout + SERVER_TIMEOUTS.connectionsCheckingInterval + 3000;
const FAST_BOUND_MS = 5000;

function judge(kind, r) {
  const first = r.statuses[0];
  const outcome = [r.statuses.join(', ') || 'no answer', r.closed ? 'closed' : r.reset ? 'reset by us' : r.hung ? 'HUNG' : 'kept open', `${r.ms} ms`].join(', ');
  if (r.statuses.some((s) => s >= 500)) return { outcome, ok: false };
  if (kind === 'served') return { outcome, ok: first === 200 && r.closed };
  if (kind === 'reset') return { outcome, ok: true };
  if (r.hung) return { outcome, ok: false };
  return { outcome, ok: first === undefined ? r.closed : first >= 400 && first < 500 };
}

const EXPECTED = { refused: '4xx or closed', served: '200, then closed', reset: 'server stays up' };

/** A valid request with the cookie: its status. */
async function valid(url, cookie) {
  const res = await fetch(`${url}/api/me`, { headers: { cookie }, signal: AbortSignal.timeout(10_000) });
  await res.arrayBuffer();
  return res.status;
}

/**
 * Runs every case on `app` and resolves to `{ app, cases, aliveDuringSlow, aliveAfter, failures }`.
 * `slow: false` leaves the slow cases out (they wait for the server's timeouts).
 *
 * @example
 * ```js
 * const { failures, cases } = await malformedHttp({ app: 'next' });
 * ```
 */
export async function malformedHttp({ app, slow = true, log = () => undefined }) {
  const server = await startApp(app, { env: { TRANSPORT: 'cookie', TESSERA_SIGNING_KEY: es256Pem() } });
  try {
    const host = `127.0.0.1:${server.port}`;
    const login = await fetch(`${server.url}/auth/login`, { method: 'POST', headers: { origin: server.url, 'content-type': 'application/json' }, body: JSON.stringify(ADA) });
    const access = login.headers.getSetCookie().find((c) => c.startsWith('tessera-at='));
    if (login.status !== 200 || access === undefined) throw new Error(`signing in answered ${login.status} without an access cookie`);
    const cookie = access.split(';')[0];
    const token = cookie.slice('tessera-at='.length);
    const run = async (c, bound) => {
      const r = await exchange(server.port, c.steps, { timeoutMs: bound });
      const verdict = judge(c.expect, r);
      log(`  ${verdict.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${verdict.outcome}`);
      return { name: c.name, sent: c.sent, expected: EXPECTED[c.expect], ...verdict };
    };
    // The slow cases hold their connections while everything else runs.
    const slowRuns = slow ? slowCases(host).map((c) => run(c, SLOW_BOUND_MS)) : [];
    const cases = [];
    for (const c of fastCases(host, cookie, token)) cases.push(await run(c, FAST_BOUND_MS));
    const aliveDuringSlow = (await valid(server.url, cookie)) === 200;
    cases.push(...(await Promise.all(slowRuns)));
    const aliveAfter = (await valid(server.url, cookie)) === 200;
    const failures = cases.filter((c) => !c.ok).map((c) => `${c.name}: got ${c.outcome}, expected ${c.expected}`);
    if (!aliveDuringSlow) failures.push('a valid request was not answered 200 while the slow requests were pending');
    if (!aliveAfter) failures.push('a valid request was not answered 200 after the malformed ones');
    return { app: server.name, cases, aliveDuringSlow, aliveAfter, failures };
  } finally {
    await server.stop();
  }
}
