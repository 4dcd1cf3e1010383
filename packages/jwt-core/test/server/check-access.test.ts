/**
 * AuthStore.checkAccess: every revocation question about one access token in one store call, the
 * only way the auth layer asks them. The layer refuses on each of the answers, denies on a
 * malformed one, and refuses at start-up a store without it. What the memory store answers is the
 * store suite's concern (store-conformance.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/server/index.js';
import type { AccessQuery, AccessState, AuthStore } from '../../src/server/index.js';
import { body, Clock, request, setup } from './helpers.js';

/** A memory store whose checkAccess answer can be replaced; `asked` records the queries. */
function storeWith(clock: Clock, answer?: (real: AccessState) => unknown, asked: AccessQuery[] = []): AuthStore {
  const inner = createMemoryStore({ now: clock.now });
  return {
    ...inner,
    checkAccess: async (q) => {
      asked.push(q);
      return (answer === undefined ? inner.checkAccess(q) : answer(await inner.checkAccess(q))) as AccessState;
    },
  };
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

  it('asks the store once per request with the token\'s jti, sid and sub; logout and logout-all revoke through it', async () => {
    const clock = new Clock();
    const asked: AccessQuery[] = [];
    const { auth } = setup({ transport: 'bearer', now: clock.now, store: storeWith(clock, undefined, asked) });
    const token = await signIn(auth);
    const r = await auth.authenticate(request('GET', '/api/me', { bearer: token }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const { jti, sid, sub } = r.claims as { jti: string; sid: string; sub: string };
    expect(asked).toEqual([{ jti, family: sid, sub }]);
    expect((await auth.handle(request('POST', '/auth/logout', { bearer: token })))!.status).toBe(200);
    const afterLogout = await auth.authenticate(request('GET', '/api/me', { bearer: token }));
    expect(afterLogout.ok === false && afterLogout.error.reason).toBe('jti_revoked');
    clock.advance(2);
    const second = await signIn(auth);
    clock.advance(2);
    await auth.revokeUser('u-alice');
    const afterAll = await auth.authenticate(request('GET', '/api/me', { bearer: second }));
    expect(afterAll.ok === false && afterAll.error.message).toContain('logout from all devices');
  });

  it('logout revokes the access token by jti (with its sub) until its exp plus the clock tolerance', async () => {
    const clock = new Clock();
    const inner = createMemoryStore({ now: clock.now });
    const writes: [{ jti: string; sub: string }, number][] = [];
    const store: AuthStore = {
      ...inner,
      revokeAccessToken: (ref, until) => {
        writes.push([{ ...ref }, until]);
        return inner.revokeAccessToken(ref, until);
      },
    };
    const { auth } = setup({ transport: 'bearer', now: clock.now, store, clockTolerance: '7s' });
    const token = await signIn(auth);
    const r = await auth.authenticate(request('GET', '/api/me', { bearer: token }));
    const { jti, sub, exp } = (r.ok ? r.claims : {}) as { jti: string; sub: string; exp: number };
    clock.advance(30);
    expect((await auth.handle(request('POST', '/auth/logout', { bearer: token })))!.status).toBe(200);
    expect(writes).toEqual([[{ jti, sub }, exp + 7]]);
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

  it.each([
    ['not a function', 'yes'],
    ['absent', undefined],
  ])('refuses a store whose checkAccess is %s at start-up', (_, value) => {
    const clock = new Clock();
    const store = { ...createMemoryStore({ now: clock.now }), checkAccess: value } as unknown as AuthStore;
    expect(() => setup({ store })).toThrow(/store\.checkAccess must be a function/);
  });
});
