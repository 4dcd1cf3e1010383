/**
 * Fail closed (STYLE.md habit 4): with a part of the auth layer broken, every request whose answer
 * depends on that part is refused with 503 (401 only where the client's own token fails first: an
 * expired bearer token is refused before the store is asked), never answered 200 (nor 500 by the app), a 503
 * is ERR_AUTH_UNAVAILABLE with Retry-After and was reported (the adapter's onError or the auth
 * logger), and the broken part's error message (it carries SECRET_MARKER) never reaches the client.
 */
import { check, expectNotLeaked, expectStatus, expectSub } from './expect.js';
import { FAULT_TITLES } from './faults.js';
import { signIn } from './session.js';
import type { AdapterCase, Fault, Reply, RequestOptions, TestServer } from './types.js';

type Probe = [what: string, send: () => Promise<Reply>];

/** A request sending the signed-in session of `credentials` (a fixed Cookie header, or a bearer access token). */
function sender(s: TestServer, credentials: { cookie?: string; access?: string; refresh?: string }) {
  return (path: string, options: RequestOptions = {}): Promise<Reply> => {
    const headers: Record<string, string> = { origin: s.url, ...options.headers };
    if (credentials.cookie !== undefined) headers.cookie = credentials.cookie;
    if (credentials.access !== undefined) headers.authorization = `Bearer ${credentials.access}`;
    return s.fetch(path, { ...options, headers });
  };
}

/** What each fault breaks: requests that need it before and after the access token expired. */
const NEEDS: Readonly<Record<Fault, { fresh: readonly string[]; expired: readonly string[] }>> = {
  'store-rejects': { fresh: ['login', 'api', 'session', 'refresh', 'logout', 'logout-all'], expired: ['api', 'session', 'refresh'] },
  'store-throws': { fresh: ['login', 'api', 'session', 'refresh', 'logout', 'logout-all'], expired: ['api', 'session', 'refresh'] },
  'key-ring': { fresh: ['api', 'session', 'logout-all', 'jwks'], expired: ['api', 'session'] },
  'load-user': { fresh: [], expired: ['api', 'session', 'refresh'] },
  claims: { fresh: ['login'], expired: ['api', 'session', 'refresh'] },
  authenticate: { fresh: ['login'], expired: [] },
};

function probes(s: TestServer, kinds: readonly string[], credentials: { cookie?: string; access?: string; refresh?: string }): Probe[] {
  const send = sender(s, credentials);
  const bearer = credentials.access !== undefined;
  const basic = `Basic ${btoa('ada:pw-ada')}`;
  const all: Record<string, Probe[]> = {
    login: [
      ['POST /auth/login (JSON)', () => s.fetch('/auth/login', { json: { username: 'ada', password: 'pw-ada' }, headers: { origin: s.url } })],
      ['POST /auth/login (Basic)', () => s.fetch('/auth/login', { method: 'POST', headers: { origin: s.url, authorization: basic } })],
    ],
    api: [
      ['GET /api/me', () => send('/api/me')],
      ['POST /api/me', () => send('/api/me', { method: 'POST' })],
      ['HEAD /api/me', () => send('/api/me', { method: 'HEAD' })],
      ['GET /api/admin', () => send('/api/admin')],
      ['GET /api/fail', () => send('/api/fail')],
    ],
    session: [['GET /auth/session', () => send('/auth/session')]],
    refresh: [['POST /auth/refresh', () => (bearer ? send('/auth/refresh', { json: { refresh_token: credentials.refresh } }) : send('/auth/refresh', { method: 'POST' }))]],
    logout: [['POST /auth/logout', () => send('/auth/logout', bearer ? { json: { refresh_token: credentials.refresh } } : { method: 'POST' })]],
    'logout-all': [['POST /auth/logout-all', () => send('/auth/logout-all', { method: 'POST' })]],
    jwks: [['GET /.well-known/jwks.json', () => s.fetch('/.well-known/jwks.json')]],
  };
  return kinds.flatMap((k) => all[k] ?? []);
}

/**
 * `internal`: the request reaches the broken part before anything the client did wrong, so the
 * answer must be the internal failure (503), not a 401 that would send the user to sign in again.
 */
async function expectDenied(s: TestServer, [what, send]: Probe, internal: boolean): Promise<void> {
  const reportsBefore = s.errors.length + s.warnings.length;
  const reply = await send();
  const label = `${what} with ${FAULT_TITLES[s.scenario.fault!]}`;
  if (internal) check(reply.status === 503, `${label}: expected 503 (an internal failure, not the client's), got ${reply.status} ${reply.body.slice(0, 200)}`);
  check(reply.status === 401 || reply.status === 503, `${label}: expected 401 or 503, got ${reply.status} ${reply.body.slice(0, 200)}`);
  expectNotLeaked(reply);
  if (reply.status !== 503) return;
  check(reply.headers.get('retry-after') !== null, `${label}: a 503 must carry Retry-After`);
  if (!what.startsWith('HEAD')) check(reply.json().error === 'ERR_AUTH_UNAVAILABLE', `${label}: a 503 must be ERR_AUTH_UNAVAILABLE, got ${reply.body.slice(0, 200)}`);
  check(s.errors.length + s.warnings.length > reportsBefore, `${label}: the internal error was answered 503 but reported neither to onError nor to the auth logger`);
}

function failClosed(fault: Fault, transport: 'cookie' | 'bearer'): AdapterCase {
  return {
    id: transport === 'cookie' ? `fail-closed/${fault}` : `fail-closed/${fault}/${transport}`,
    title: `fail closed (${transport} transport): ${FAULT_TITLES[fault]} gives 401/503, never access, and its message is never sent`,
    run: (h) => h.withServer({ transport, fault, config: { cookies: { refreshPath: '/' } } }, async (s) => {
      const ada = await signIn(s, 'ada');
      const root = await signIn(s, 'root');
      expectSub(await ada.request('/api/me'), 'u-ada', 'control, before the fault');
      const credentials = transport === 'bearer'
        ? { access: ada.access(), refresh: ada.refreshToken() }
        : { cookie: [...ada.client.jar].map(([n, c]) => `${n}=${c.value}`).join('; ') };
      s.setFault(true);
      const needs = NEEDS[fault];
      for (const probe of probes(s, needs.fresh, credentials)) await expectDenied(s, probe, true);
      if (needs.fresh.includes('api')) await expectDenied(s, ['GET /api/admin as root', () => root.request('/api/admin')], true);
      s.advance(11 * 60);
      for (const probe of probes(s, needs.expired, credentials)) await expectDenied(s, [`${probe[0]} (access token expired)`, probe[1]], transport === 'cookie');
      check(s.errors.length + s.warnings.length > 0, `${FAULT_TITLES[fault]}: no request reported the internal error (onError or the auth logger)`);
      s.setFault(false);
      const again = await signIn(s, 'root');
      expectStatus(await again.request('/api/admin'), 200, 'control, the fault repaired');
    }),
  };
}

const FAULTS: readonly Fault[] = ['store-rejects', 'store-throws', 'key-ring', 'load-user', 'claims', 'authenticate'];

export const failClosedCases: readonly AdapterCase[] = [
  ...FAULTS.map((f) => failClosed(f, 'cookie')),
  failClosed('store-rejects', 'bearer'),
];
