/**
 * Refresh-token rotation: reuse outside the grace window revokes the whole family; reuse inside
 * it (two tabs, parallel requests) gets the same rotation in one process and mints a sibling on
 * another instance, up to the bound; concurrent refreshes follow the same rule because the store
 * rotates atomically (GHSA-392p-2q2v-4372); loadUser gates every refresh.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/server/index.js';
import { body, Clock, request, setup } from './helpers.js';

/** `n` auth instances (processes of one farm) sharing one store and one clock. */
function farm(n: number, overrides: Parameters<typeof setup>[0] = {}) {
  const clock = new Clock();
  const store = createMemoryStore({ now: clock.now });
  return { clock, instances: Array.from({ length: n }, () => setup({ now: clock.now, store, ...overrides }).auth) };
}

async function bearerLogin(auth: ReturnType<typeof setup>['auth'], user = 'alice', pw = 'correct horse') {
  return body(await auth.handle(request('POST', '/auth/login', { json: { username: user, password: pw } })));
}
const refresh = (auth: ReturnType<typeof setup>['auth'], token: unknown) =>
  auth.handle(request('POST', '/auth/refresh', { json: { refresh_token: token } }));

describe('refresh tokens', () => {
  it('reuse after the grace window revokes the whole family, including the newest tokens', async () => {
    const { auth, clock } = setup({ transport: 'bearer' });
    const first = await bearerLogin(auth);
    const second = await body(await refresh(auth, first.refresh_token));
    clock.advance(11); // grace window is 10 s
    const replay = await refresh(auth, first.refresh_token);
    expect(replay!.status).toBe(401);
    const err = await body(replay);
    expect(err.error).toBe('ERR_JWT_REVOKED');
    expect(err.message).toBe('the refresh token was already used 11s ago (grace window 10s, 8 extra uses): possible theft, so every token of this session is revoked');
    // The legitimate holder's newer refresh token and access token die with the family.
    expect((await refresh(auth, second.refresh_token))!.status).toBe(401);
    const access = await auth.authenticate(request('GET', '/api/me', { bearer: second.access_token as string }));
    expect(!access.ok && access.error.code).toBe('ERR_JWT_REVOKED');
    // Other sessions are untouched.
    const other = await bearerLogin(auth);
    expect((await refresh(auth, other.refresh_token))!.status).toBe(200);
  });

  it('a second use within the grace window, in the same process, gets the same rotation: no new token is minted', async () => {
    const { auth, clock } = setup({ transport: 'bearer' });
    const first = await bearerLogin(auth);
    const tabA = await body(await refresh(auth, first.refresh_token));
    clock.advance(3);
    const tabB = await refresh(auth, first.refresh_token);
    expect(tabB!.status).toBe(200);
    const b = await body(tabB);
    expect(b.refresh_token).toBe(tabA.refresh_token);
    expect((b.claims as { sid: string }).sid).toBe((tabA.claims as { sid: string }).sid);
    expect((b.claims as { jti: string }).jti).not.toBe((tabA.claims as { jti: string }).jti);
    expect((await refresh(auth, b.refresh_token))!.status).toBe(200);
  });

  it('on another instance within the grace window, a second use mints a sibling in the same session', async () => {
    const { instances: [a, b] } = farm(2, { transport: 'bearer' });
    const first = await bearerLogin(a!);
    const onA = await body(await refresh(a!, first.refresh_token));
    const onB = await body(await refresh(b!, first.refresh_token));
    expect(onB.refresh_token).not.toBe(onA.refresh_token);
    expect((onB.claims as { sid: string }).sid).toBe((onA.claims as { sid: string }).sid);
    expect((await refresh(a!, onA.refresh_token))!.status).toBe(200);
    expect((await refresh(b!, onB.refresh_token))!.status).toBe(200);
  });

  it('grace reuses are bounded in number (instances sharing a store)', async () => {
    const { instances } = farm(4, { transport: 'bearer', refreshReuseGraceUses: 2 });
    const first = await bearerLogin(instances[0]!);
    const statuses: number[] = [];
    for (const auth of instances) statuses.push((await refresh(auth, first.refresh_token))!.status);
    expect(statuses).toEqual([200, 200, 200, 401]);
  });

  it('a shared rotation is not handed out again once the session was logged out', async () => {
    const { auth, clock } = setup({ transport: 'bearer' });
    const first = await bearerLogin(auth);
    const tabA = await body(await refresh(auth, first.refresh_token));
    expect((await auth.handle(request('POST', '/auth/logout', { bearer: tabA.access_token as string, json: { refresh_token: tabA.refresh_token } })))!.status).toBe(200);
    clock.advance(1);
    const again = await refresh(auth, first.refresh_token);
    expect(again!.status).toBe(401);
    expect((await body(again)).error).toBe('ERR_JWT_REVOKED');
  });

  it('with no grace window, concurrent refreshes of one token: exactly one succeeds and the family is revoked', async () => {
    const { auth } = setup({ transport: 'bearer', refreshReuseGrace: 0 });
    const first = await bearerLogin(auth);
    const results = await Promise.all([1, 2, 3].map(() => refresh(auth, first.refresh_token)));
    const ok = results.filter((r) => r!.status === 200);
    expect(ok).toHaveLength(1);
    const winner = await body(ok[0]!);
    // The losers were reuse: the winner's new token belongs to a revoked family.
    expect((await refresh(auth, winner.refresh_token))!.status).toBe(401);
  });

  it('within the grace window, 30 concurrent refreshes all succeed and share one rotation (parallel requests after expiry)', async () => {
    const { auth } = setup({ transport: 'bearer', refreshReuseGraceUses: 2 });
    const first = await bearerLogin(auth);
    const results = await Promise.all(Array.from({ length: 30 }, () => refresh(auth, first.refresh_token)));
    expect(results.map((r) => r!.status)).toEqual(Array(30).fill(200));
    const tokens = await Promise.all(results.map(async (r) => (await body(r)).refresh_token));
    expect(new Set(tokens).size).toBe(1);
  });

  it('a locked or deleted user cannot refresh, and the session is revoked', async () => {
    const { auth, users } = setup({ transport: 'bearer' });
    const first = await bearerLogin(auth, 'bob', 'battery staple');
    users.get('bob')!.locked = true;
    const res = await refresh(auth, first.refresh_token);
    expect(res!.status).toBe(401);
    const err = await body(res);
    expect(err.error).toBe('ERR_JWT_REVOKED');
    expect(err.message).toContain('loadUser returned no user');
    users.get('bob')!.locked = false;
    expect((await refresh(auth, first.refresh_token))!.status).toBe(401); // still revoked
    expect((await auth.authenticate(request('GET', '/api/me', { bearer: first.access_token as string }))).ok).toBe(false);
  });

  it('unknown, malformed and expired refresh tokens are 401 ERR_AUTH_REFRESH_INVALID', async () => {
    const { auth, clock } = setup({ transport: 'bearer', refreshTokenTtl: '1h', sessionMaxAge: '2h' });
    const first = await bearerLogin(auth);
    expect((await body(await refresh(auth, 'x'.repeat(43)))).error).toBe('ERR_AUTH_REFRESH_INVALID');
    expect((await body(await refresh(auth, 'short'))).error).toBe('ERR_AUTH_REFRESH_INVALID');
    expect((await body(await refresh(auth, 42))).error).toBe('ERR_TOKEN_MISSING'); // not a string field
    clock.advance(3601);
    expect((await body(await refresh(auth, first.refresh_token))).error).toBe('ERR_AUTH_REFRESH_INVALID');
  });

  it('rotation never extends a session past sessionMaxAge', async () => {
    const { auth, clock } = setup({ transport: 'bearer', refreshTokenTtl: '1h', sessionMaxAge: '2h' });
    let t = await bearerLogin(auth);
    for (let i = 0; i < 3; i++) {
      clock.advance(50 * 60);
      const res = await refresh(auth, t.refresh_token);
      if (i < 2) {
        expect(res!.status).toBe(200);
        t = await body(res);
      } else {
        expect(res!.status).toBe(401); // 2h 30m after sign-in
      }
    }
  });
});
