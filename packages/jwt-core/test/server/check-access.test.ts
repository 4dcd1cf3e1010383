/**
 * AuthStore.checkAccess: every revocation question about one access token in one store call. The
 * memory store answers exactly what get/isFamilyRevoked/getUserEpoch answer; the auth layer refuses
 * on each of the answers, falls back to the three lookups for a store without it, and denies on a
 * malformed answer.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/server/index.js';
import type { AccessState, AuthStore } from '../../src/server/index.js';
import { body, Clock, request, setup } from './helpers.js';

describe('createMemoryStore().checkAccess', () => {
  it('answers what the three lookups answer, expiry included', async () => {
    const clock = new Clock();
    const s = createMemoryStore({ now: clock.now });
    const q = { key: 'jti:j1', family: 'f1', sub: 'u1' };
    const three = async () => ({ revoked: (await s.get(q.key)) !== undefined, familyRevoked: await s.isFamilyRevoked(q.family), userEpoch: await s.getUserEpoch(q.sub) });
    expect(await s.checkAccess!(q)).toEqual({ revoked: false, familyRevoked: false, userEpoch: undefined });
    await s.set(q.key, '1', 30);
    await s.revokeFamily(q.family, Math.floor(clock.now().getTime() / 1000) + 60);
    await s.raiseUserEpoch(q.sub, 1234, 90);
    expect(await s.checkAccess!(q)).toEqual({ revoked: true, familyRevoked: true, userEpoch: 1234 });
    expect(await s.checkAccess!(q)).toEqual(await three());
    clock.advance(31);
    expect(await s.checkAccess!(q)).toEqual({ revoked: false, familyRevoked: true, userEpoch: 1234 });
    clock.advance(30);
    expect(await s.checkAccess!(q)).toEqual({ revoked: false, familyRevoked: false, userEpoch: 1234 });
    clock.advance(30);
    expect(await s.checkAccess!(q)).toEqual(await three());
    expect(await s.checkAccess!({ key: 'jti:other', family: 'f2', sub: 'u2' })).toEqual({ revoked: false, familyRevoked: false, userEpoch: undefined });
  });
});

/** A memory store whose checkAccess answer can be replaced, or removed. */
function storeWith(clock: Clock, answer?: (real: AccessState) => unknown, omit = false): AuthStore {
  const inner = createMemoryStore({ now: clock.now });
  const { checkAccess, ...rest } = inner;
  if (omit) return rest;
  return { ...rest, checkAccess: async (q) => (answer === undefined ? checkAccess!(q) : answer(await checkAccess!(q))) as AccessState };
}

async function signIn(auth: ReturnType<typeof setup>['auth']): Promise<string> {
  return (await body(await auth.handle(request('POST', '/auth/login', { json: { username: 'alice', password: 'correct horse' } })))).access_token as string;
}

describe('revocation through checkAccess', () => {
  it.each([
    ['revoked (logout of this token)', { revoked: true }, 'jti_revoked'],
    ['familyRevoked (session ended)', { familyRevoked: true }, 'session_revoked'],
    ['userEpoch at or after sign-in (logout-all)', { userEpoch: 2e9 }, 'session_revoked'],
  ] as const)('refuses with ERR_JWT_REVOKED when the store says %s', async (_, patch, reason) => {
    const clock = new Clock();
    const { auth } = setup({ transport: 'bearer', now: clock.now, store: storeWith(clock, (real) => ({ ...real, ...patch })) });
    const r = await auth.authenticate(request('GET', '/api/me', { bearer: await signIn(auth) }));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('ERR_JWT_REVOKED');
      expect(r.error.reason).toBe(reason);
    }
  });

  it('still checks invalidateBefore, which is configuration, not the store', async () => {
    const clock = new Clock();
    const cut: { at?: Date } = {};
    const { auth } = setup({ transport: 'bearer', now: clock.now, store: storeWith(clock), invalidateBefore: () => cut.at });
    const token = await signIn(auth);
    expect((await auth.authenticate(request('GET', '/api/me', { bearer: token }))).ok).toBe(true);
    clock.advance(5);
    cut.at = clock.now();
    const r = await auth.authenticate(request('GET', '/api/me', { bearer: token }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('(invalidateBefore)');
  });

  it.each([
    ['undefined', () => undefined],
    ['a string', () => 'ok'],
    ['revoked as a string', (real: AccessState) => ({ ...real, revoked: 'no' })],
    ['familyRevoked missing', (real: AccessState) => ({ revoked: real.revoked, userEpoch: real.userEpoch })],
    ['userEpoch as a string', (real: AccessState) => ({ ...real, userEpoch: '0' })],
  ])('denies with 503 when checkAccess answers %s', async (_, answer) => {
    const clock = new Clock();
    const { auth } = setup({ transport: 'bearer', now: clock.now, store: storeWith(clock, answer) });
    const r = await auth.authenticate(request('GET', '/api/me', { bearer: await signIn(auth) }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.response.status).toBe(503);
  });

  it('a store without checkAccess gets the three lookups: logout and logout-all still revoke', async () => {
    const clock = new Clock();
    const { auth } = setup({ transport: 'bearer', now: clock.now, store: storeWith(clock, undefined, true) });
    const token = await signIn(auth);
    expect((await auth.authenticate(request('GET', '/api/me', { bearer: token }))).ok).toBe(true);
    expect((await auth.handle(request('POST', '/auth/logout', { bearer: token })))!.status).toBe(200);
    const afterLogout = await auth.authenticate(request('GET', '/api/me', { bearer: token }));
    expect(afterLogout.ok === false && afterLogout.error.code).toBe('ERR_JWT_REVOKED');
    clock.advance(2);
    const second = await signIn(auth);
    clock.advance(2);
    await auth.revokeUser('u-alice');
    const afterAll = await auth.authenticate(request('GET', '/api/me', { bearer: second }));
    expect(afterAll.ok === false && afterAll.error.message).toContain('logout from all devices');
  });

  it('accepts a checkAccess that answers synchronously, and denies with 503 when it throws synchronously', async () => {
    const clock = new Clock();
    const inner = createMemoryStore({ now: clock.now });
    let fail = false;
    const sync = (): AccessState => {
      if (fail) throw new Error('ECONNRESET');
      return { revoked: false, familyRevoked: false, userEpoch: undefined };
    };
    const store = { ...inner, checkAccess: sync as unknown as AuthStore['checkAccess'] };
    const { auth } = setup({ transport: 'bearer', now: clock.now, store });
    const token = await signIn(auth);
    expect((await auth.authenticate(request('GET', '/api/me', { bearer: token }))).ok).toBe(true);
    fail = true;
    const r = await auth.authenticate(request('GET', '/api/me', { bearer: token }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.response.status).toBe(503);
  });

  it('refuses a checkAccess that is not a function at start-up', () => {
    const clock = new Clock();
    const store = { ...createMemoryStore({ now: clock.now }), checkAccess: 'yes' } as unknown as AuthStore;
    expect(() => setup({ store })).toThrow(/store\.checkAccess must be a function/);
  });
});
