/** logout-all across devices, the global invalidateBefore, and revokeUser. */
import { describe, expect, it } from 'vitest';
import { body, login, request, setup } from './helpers.js';

describe('revocation', () => {
  it('logout-all ends the sessions of two devices, access and refresh tokens alike', async () => {
    const { auth, clock } = setup();
    const laptop = await login(auth);
    clock.advance(60);
    const phone = await login(auth);
    const bob = await login(auth, 'bob');
    clock.advance(60);
    const res = await auth.handle(request('POST', '/auth/logout-all', { jar: phone }));
    expect(res!.status).toBe(200);
    expect(await body(res)).toMatchObject({ ok: true, sub: 'u-alice', revokedBefore: '2026-11-22T10:02:00Z' });
    for (const jar of [laptop, phone]) {
      const r = await auth.authenticate(request('GET', '/api/me', { jar }));
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('ERR_JWT_REVOKED');
        expect(r.error.message).toBe('the token was revoked: its session began before 2026-11-22T10:02:00Z (logout from all devices)');
      }
    }
    // The laptop's refresh cookie cannot bring the session back.
    clock.advance(11 * 60);
    const refreshed = await auth.handle(request('POST', '/auth/refresh', { jar: laptop }));
    expect(refreshed!.status).toBe(401);
    expect((await body(refreshed)).error).toBe('ERR_JWT_REVOKED');
    // Other users are untouched, and alice can sign in again (a later second).
    expect((await auth.handle(request('GET', '/auth/session', { jar: bob })))!.status).toBe(200);
    const fresh = await login(auth);
    expect((await auth.authenticate(request('GET', '/api/me', { jar: fresh }))).ok).toBe(true);
  });

  it('logout-all requires authentication', async () => {
    const { auth } = setup();
    const res = await auth.handle(request('POST', '/auth/logout-all'));
    expect(res!.status).toBe(401);
  });

  it('revokeUser (e.g. after a password change) does the same from server code', async () => {
    const { auth, clock } = setup({ transport: 'bearer' });
    const t = await body(await auth.handle(request('POST', '/auth/login', { json: { username: 'alice', password: 'correct horse' } })));
    clock.advance(5);
    await auth.revokeUser('u-alice');
    expect((await auth.authenticate(request('GET', '/x', { bearer: t.access_token as string }))).ok).toBe(false);
    expect((await auth.handle(request('POST', '/auth/refresh', { json: { refresh_token: t.refresh_token } })))!.status).toBe(401);
  });

  it('invalidateBefore refuses every session begun before the cut-off', async () => {
    const cut: { at?: Date } = {};
    const { auth, clock } = setup({ transport: 'bearer', invalidateBefore: () => cut.at });
    const old = await body(await auth.handle(request('POST', '/auth/login', { json: { username: 'alice', password: 'correct horse' } })));
    clock.advance(30);
    cut.at = new Date(clock.t - 10_000);
    const r = await auth.authenticate(request('GET', '/x', { bearer: old.access_token as string }));
    expect(!r.ok && r.error.message).toBe('the token was revoked: its session began before 2026-11-22T10:00:20Z (invalidateBefore)');
    const refreshed = await auth.handle(request('POST', '/auth/refresh', { json: { refresh_token: old.refresh_token } }));
    expect((await body(refreshed)).error).toBe('ERR_JWT_REVOKED');
    const fresh = await body(await auth.handle(request('POST', '/auth/login', { json: { username: 'alice', password: 'correct horse' } })));
    expect((await auth.authenticate(request('GET', '/x', { bearer: fresh.access_token as string }))).ok).toBe(true);
  });

  it('logout in bearer mode with only the access token still ends the session (sid)', async () => {
    const { auth } = setup({ transport: 'bearer' });
    const t = await body(await auth.handle(request('POST', '/auth/login', { json: { username: 'alice', password: 'correct horse' } })));
    const out = await auth.handle(request('POST', '/auth/logout', { bearer: t.access_token as string }));
    expect(await body(out)).toMatchObject({ revoked: { session: true, accessToken: true } });
    expect((await auth.handle(request('POST', '/auth/refresh', { json: { refresh_token: t.refresh_token } })))!.status).toBe(401);
  });
});
