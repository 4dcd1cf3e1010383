/**
 * Every failure path denies: a store that throws, user callbacks that reject, a claims callback
 * that misbehaves give 503 (or 401), never access and never a 500. The cause is logged, not sent.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/server/index.js';
import type { AuthStore } from '../../src/server/index.js';
import { body, Clock, login, request, setup } from './helpers.js';

/** A memory store whose methods can be made to throw on demand. */
function flakyStore(clock: Clock) {
  const inner = createMemoryStore({ now: clock.now });
  const broken = new Set<keyof AuthStore>();
  const store = {} as AuthStore;
  for (const name of Object.keys(inner) as (keyof AuthStore)[]) {
    (store as unknown as Record<string, unknown>)[name] = async (...args: unknown[]) => {
      if (broken.has(name)) throw new Error('ECONNREFUSED redis://:hunter2@10.0.0.5:6379');
      return (inner[name] as (...a: unknown[]) => unknown)(...args);
    };
  }
  return { store, broken };
}

describe('fail closed', () => {
  // The revocation questions are one call (checkAccess): its failure must deny.
  it('a store that throws during verification gives 503, never access, and the secret-bearing cause is not sent', async () => {
    const clock = new Clock();
    const { store, broken } = flakyStore(clock);
    const { auth, warnings } = setup({ store, now: clock.now });
    const jar = await login(auth);
    expect((await auth.authenticate(request('GET', '/api/me', { jar }))).ok).toBe(true);
    broken.add('checkAccess');
    const r = await auth.authenticate(request('GET', '/api/me', { jar }));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.response.status).toBe(503);
      expect(r.error.code).toBe('ERR_AUTH_UNAVAILABLE');
      const text = await r.response.text();
      expect(text).not.toContain('hunter2');
      expect(r.response.headers.get('retry-after')).toBe('5');
    }
    const via = await auth.require(request('GET', '/api/me', { jar }), { roles: ['admin'] });
    expect(via.ok).toBe(false);
    expect(warnings.some((w) => w.includes('hunter2'))).toBe(true); // the operator sees the cause in the log
  });

  it('store failures on login, refresh, logout and logout-all are 503', async () => {
    const clock = new Clock();
    const { store, broken } = flakyStore(clock);
    const { auth } = setup({ store, now: clock.now, transport: 'bearer' });
    const t = await body(await auth.handle(request('POST', '/auth/login', { json: { username: 'alice', password: 'correct horse' } })));
    broken.add('insertRefresh');
    expect((await auth.handle(request('POST', '/auth/login', { json: { username: 'alice', password: 'correct horse' } })))!.status).toBe(503);
    broken.add('findRefresh');
    expect((await auth.handle(request('POST', '/auth/refresh', { json: { refresh_token: t.refresh_token } })))!.status).toBe(503);
    broken.clear();
    broken.add('rotateRefresh');
    expect((await auth.handle(request('POST', '/auth/refresh', { json: { refresh_token: t.refresh_token } })))!.status).toBe(503);
    broken.clear();
    broken.add('raiseUserEpoch');
    expect((await auth.handle(request('POST', '/auth/logout-all', { bearer: t.access_token as string })))!.status).toBe(503);
    broken.clear();
    broken.add('revokeAccessToken');
    expect((await auth.handle(request('POST', '/auth/logout', { bearer: t.access_token as string })))!.status).toBe(503);
    broken.clear();
    broken.add('revokeFamily');
    expect((await auth.handle(request('POST', '/auth/logout', { bearer: t.access_token as string })))!.status).toBe(503);
  });

  it('loadUser, authenticate and claims that throw or reject deny with 503', async () => {
    const boom = () => { throw new Error('db down'); };
    const rejecting = async () => Promise.reject(new Error('db down'));
    const a = setup({ transport: 'bearer', authenticate: rejecting });
    expect((await a.auth.handle(request('POST', '/auth/login', { json: { username: 'alice', password: 'correct horse' } })))!.status).toBe(503);
    const b = setup({ transport: 'bearer', claims: boom });
    expect((await b.auth.handle(request('POST', '/auth/login', { json: { username: 'alice', password: 'correct horse' } })))!.status).toBe(503);
    let fail = false;
    const c = setup({ loadUser: (sub) => (fail ? rejecting() : { id: sub, name: 'alice', password: '', roles: [] }) });
    const jar = await login(c.auth);
    fail = true;
    c.clock.advance(11 * 60);
    const r = await c.auth.authenticate(request('GET', '/auth/session', { jar }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.response.status).toBe(503);
    // After the outage the session still works: the refresh token was not consumed.
    fail = false;
    expect((await c.auth.authenticate(request('GET', '/auth/session', { jar }))).ok).toBe(true);
  });

  it('claims(user) returning owned claims or a bad sub is refused (503 with the reason logged)', async () => {
    for (const claims of [() => ({ sub: 'u1', exp: 1 }), () => ({ sub: '' }), () => ({ sub: 'u1', roles: 'admin' })]) {
      const { auth, warnings } = setup({ claims: claims as never });
      const res = await auth.handle(request('POST', '/auth/login', { json: { username: 'alice', password: 'correct horse' } }));
      expect(res!.status).toBe(503);
      expect(warnings.some((w) => w.includes('claims(user)'))).toBe(true);
    }
  });

  it('a full memory store refuses new writes instead of dropping revocations', async () => {
    const clock = new Clock();
    const store = createMemoryStore({ now: clock.now, maxEntries: 10 });
    const t = Math.floor(clock.now().getTime() / 1000);
    for (let i = 0; i < 10; i++) await store.revokeAccessToken({ jti: `j${i}`, sub: 'u' }, t + 600);
    await expect(store.insertRefresh({ hash: 'h', family: 'f', sub: 's', signedInAt: 0, issuedAt: 0, expiresAt: 2e9, familyExpiresAt: 2e9 })).rejects.toMatchObject({ code: 'ERR_AUTH_UNAVAILABLE' });
    expect(await store.isAccessTokenRevoked({ jti: 'j0', sub: 'u' })).toBe(true);
    clock.advance(601); // expired revocations make room
    await store.insertRefresh({ hash: 'h', family: 'f', sub: 's', signedInAt: 0, issuedAt: 0, expiresAt: 2e9, familyExpiresAt: 2e9 });
    expect(await store.findRefresh('h')).toBeDefined();
  });
});
