/**
 * `createEdgeAuth`: the optimistic check for runtimes without the store (Next.js Edge middleware).
 * Signature and claims only; an expired token is refreshed by POSTing the refresh cookie to the
 * configured refresh endpoint (here the real `auth.handle` behind an injected fetch), never to the
 * request's host.
 */
import { describe, expect, it } from 'vitest';
import { importSecret } from '../../src/jwk/import-secret.js';
import { cookieHeaderAfter, createAuth, createEdgeAuth, createMemoryStore, type EdgeAuthConfig } from '../../src/server/index.js';
import { Clock, login, makeUsers, ORIGIN, request, type User } from './helpers.js';

const SECRET = 'edge-auth-test-secret-0123456789abcdef0123456789';

function setup(edge: Partial<EdgeAuthConfig> = {}) {
  const clock = new Clock();
  const users = makeUsers();
  const key = importSecret(SECRET, { alg: 'HS256', kid: 'k1' });
  const shared = { issuer: ORIGIN, audience: 'app', origin: ORIGIN, cookies: { refreshPath: '/' }, now: clock.now };
  const auth = createAuth<User>({
    ...shared, keys: key, store: createMemoryStore({ now: clock.now }), logger: { warn: () => undefined },
    authenticate: ({ username, password }) => (users.get(username)?.password === password ? users.get(username)! : null),
    loadUser: (sub) => [...users.values()].find((u) => u.id === sub) ?? null,
    claims: (u) => ({ sub: u.id, roles: u.roles }),
  });
  const calls: { url: string; headers: Headers }[] = [];
  const warnings: string[] = [];
  const fetchToAuth = (async (url: string | URL, init?: RequestInit) => {
    const req = new Request(url, init);
    calls.push({ url: req.url, headers: req.headers });
    return (await auth.handle(req)) ?? new Response('not found', { status: 404 });
  }) as typeof fetch;
  const edgeAuth = createEdgeAuth({ ...shared, keys: key, fetch: fetchToAuth, logger: { warn: (m) => void warnings.push(m) }, ...edge });
  return { auth, edgeAuth, clock, calls, warnings };
}

describe('createEdgeAuth', () => {
  it('accepts a valid access cookie by signature and claims alone, without calling anything', async () => {
    const { auth, edgeAuth, calls } = setup();
    const jar = await login(auth);
    const r = await edgeAuth.authenticate(request('GET', '/dashboard', { jar }));
    expect(r.ok && r.claims.sub).toBe('u-alice');
    expect(calls).toEqual([]);
  });

  it('is optimistic: a token revoked by logout still passes here, and only the full check refuses it', async () => {
    const { auth, edgeAuth } = setup();
    const jar = await login(auth);
    const copy = jar.header('/dashboard')!;
    expect((await auth.handle(request('POST', '/auth/logout', { jar })))!.status).toBe(200);
    const stolen = new Request(`${ORIGIN}/dashboard`, { headers: { cookie: copy } });
    expect((await edgeAuth.authenticate(stolen)).ok).toBe(true);
    const full = await auth.authenticate(stolen, { refresh: false });
    expect(full.ok ? 'ok' : full.error.code).toBe('ERR_JWT_REVOKED');
  });

  it('refuses a forged signature and a missing token with 401, without a refresh', async () => {
    const { auth, edgeAuth, calls } = setup();
    const jar = await login(auth);
    const cookie = jar.header('/dashboard')!.replace(/(__Host-tessera-at=[^;]*?)[^;]{4}(;|$)/, '$1AAAA$2');
    const forged = await edgeAuth.authenticate(new Request(`${ORIGIN}/x`, { headers: { cookie } }));
    expect(forged.ok ? 'ok' : forged.error.code).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
    const none = await edgeAuth.authenticate(new Request(`${ORIGIN}/x`));
    expect(none.ok ? 'ok' : [none.error.code, none.response.status]).toEqual(['ERR_TOKEN_MISSING', 401]);
    expect(calls).toEqual([]);
  });

  it('refreshes an expired token at the configured origin, sending only the refresh cookie, whatever the Host', async () => {
    const { auth, edgeAuth, clock, calls } = setup();
    const jar = await login(auth);
    const before = await auth.authenticate(request('GET', '/x', { jar }));
    clock.advance(11 * 60);
    const cookie = `theme=dark; ${jar.header('/dashboard')!}`;
    const r = await edgeAuth.authenticate(new Request('https://attacker.example/dashboard', { headers: { cookie, host: 'attacker.example' } }));
    expect(r.ok).toBe(true);
    if (!r.ok || !before.ok) return;
    expect(r.claims.sid).toBe(before.claims.sid);
    expect(r.claims.jti).not.toBe(before.claims.jti);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.headers.getSetCookie().map((l) => l.split('=')[0])).toEqual(['__Host-tessera-at', '__Host-tessera-rt']);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe(`${ORIGIN}/auth/refresh`);
    expect(calls[0]!.headers.get('origin')).toBe(ORIGIN);
    expect(calls[0]!.headers.get('cookie')).toMatch(/^__Host-tessera-rt=[^;]+$/);
    // The new cookies pass the full check.
    const next = cookieHeaderAfter(cookie, r.headers)!;
    expect(next.startsWith('theme=dark; ')).toBe(true);
    const full = await auth.authenticate(new Request(`${ORIGIN}/x`, { headers: { cookie: next } }), { refresh: false });
    expect(full.ok && full.claims.jti).toBe(r.claims.jti);
  });

  it('uses refreshUrl when given (an internal address of the Node side)', async () => {
    const { auth, edgeAuth, clock, calls } = setup({ refreshUrl: 'http://10.0.0.7:3000/auth/refresh' });
    const jar = await login(auth);
    clock.advance(11 * 60);
    expect((await edgeAuth.authenticate(request('GET', '/x', { jar }))).ok).toBe(true);
    expect(calls.map((c) => [c.url, c.headers.get('origin')])).toEqual([['http://10.0.0.7:3000/auth/refresh', ORIGIN]]);
  });

  it('without a configured origin or refreshUrl, an expired token is refused, never refreshed at the request host', async () => {
    const { auth, clock } = setup();
    const edgeAuth = createEdgeAuth({ keys: importSecret(SECRET, { alg: 'HS256' }), issuer: ORIGIN, audience: 'app', cookies: { refreshPath: '/' }, now: clock.now, fetch: () => { throw new Error('no fetch expected'); } });
    const jar = await login(auth);
    clock.advance(11 * 60);
    const r = await edgeAuth.authenticate(request('GET', '/x', { jar }));
    expect(r.ok ? 'ok' : r.error.code).toBe('ERR_JWT_EXPIRED');
  });

  it('a refused refresh (a reused refresh token) is 401 and passes the cookie deletions on', async () => {
    const { auth, edgeAuth, clock } = setup();
    const jar = await login(auth);
    const old = jar.header('/x')!;
    clock.advance(11 * 60);
    expect((await edgeAuth.authenticate(new Request(`${ORIGIN}/x`, { headers: { cookie: old } }))).ok).toBe(true);
    clock.advance(60); // past the reuse grace: the old refresh token again is theft
    const r = await edgeAuth.authenticate(new Request(`${ORIGIN}/x`, { headers: { cookie: old } }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect([r.error.code, r.response.status]).toEqual(['ERR_AUTH_REFRESH_INVALID', 401]);
    expect(r.response.headers.getSetCookie().some((l) => l.startsWith('__Host-tessera-rt=;'))).toBe(true);
  });

  it('fails closed: a refresh endpoint that is down or answers 500 gives 503, logged, never access', async () => {
    for (const down of [() => Promise.reject(new TypeError('fetch failed')), () => Promise.resolve(new Response('oops', { status: 500 }))]) {
      const { auth, edgeAuth, clock, warnings } = setup({ fetch: down as unknown as typeof fetch });
      const jar = await login(auth);
      clock.advance(11 * 60);
      const r = await edgeAuth.authenticate(request('GET', '/x', { jar }));
      expect(r.ok ? 'ok' : [r.error.code, r.response.status, r.response.headers.get('retry-after')]).toEqual(['ERR_AUTH_UNAVAILABLE', 503, '5']);
      expect(warnings.join('\n')).toMatch(/Edge check/);
    }
  });

  it('a cross-site POST with the cookies is refused (CSRF), before any refresh', async () => {
    const { auth, edgeAuth, clock, calls } = setup();
    const jar = await login(auth);
    clock.advance(11 * 60);
    const r = await edgeAuth.authenticate(request('POST', '/x', { jar, origin: 'https://evil.example' }));
    expect(r.ok ? 'ok' : r.error.code).toBe('ERR_AUTH_FORBIDDEN');
    expect(calls).toEqual([]);
  });

  it('handles() names the auth endpoints as auth.handles does', () => {
    const { edgeAuth } = setup();
    expect(['/auth/login', '/auth/refresh?x=1', '/.well-known/jwks.json', '/dashboard'].map((t) => edgeAuth.handles(t))).toEqual([true, true, true, false]);
  });
});

describe('cookieHeaderAfter', () => {
  it('replaces and deletes the cookies the Set-Cookie lines name, keeping the others in place', () => {
    const headers = new Headers();
    headers.append('set-cookie', 'a=new; Path=/; HttpOnly');
    headers.append('set-cookie', 'gone=; Path=/; Max-Age=0');
    headers.append('set-cookie', 'fresh=1; Path=/');
    expect(cookieHeaderAfter('x=1; a=old; gone=2; y=3', headers)).toBe('x=1; y=3; a=new; fresh=1');
    expect(cookieHeaderAfter(null, headers)).toBe('a=new; fresh=1');
    expect(cookieHeaderAfter('gone=2', new Headers([['set-cookie', 'gone=; Max-Age=0']]))).toBeUndefined();
  });
});
