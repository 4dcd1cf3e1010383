/**
 * `auth.authenticate(request, { refresh: false })`: the full check (signature, claims, revocation)
 * without rotating the refresh token, for callers whose response cannot carry new cookies (a
 * Next.js server component). A rotation whose cookies are lost turns the next refresh into reuse.
 */
import { describe, expect, it } from 'vitest';
import { login, request, setup } from './helpers.js';

describe('authenticate with refresh: false', () => {
  it('refuses an expired access token with ERR_JWT_EXPIRED and leaves the refresh token unused', async () => {
    const { auth, clock } = setup({ cookies: { refreshPath: '/' }, refreshReuseGrace: 0 });
    const jar = await login(auth);
    clock.advance(11 * 60);
    const r = await auth.authenticate(request('GET', '/dashboard', { jar }), { refresh: false });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('ERR_JWT_EXPIRED');
      expect(r.response.status).toBe(401);
      expect(r.response.headers.getSetCookie()).toEqual([]);
    }
    // With no grace, a second use of a used refresh token would revoke the family: it was not used.
    const refreshed = await auth.authenticate(request('GET', '/dashboard', { jar }));
    expect(refreshed.ok).toBe(true);
  });

  it('a missing access cookie with a refresh cookie is ERR_TOKEN_MISSING, not a refresh', async () => {
    const { auth } = setup({ cookies: { refreshPath: '/' } });
    const jar = await login(auth);
    jar.cookies.delete('__Host-tessera-at');
    const r = await auth.authenticate(request('GET', '/dashboard', { jar }), { refresh: false });
    expect(r.ok ? 'ok' : r.error.code).toBe('ERR_TOKEN_MISSING');
  });

  it('is otherwise the full check: a valid token passes, a revoked one is refused', async () => {
    const { auth } = setup({ cookies: { refreshPath: '/' } });
    const jar = await login(auth);
    const ok = await auth.authenticate(request('GET', '/dashboard', { jar }), { refresh: false });
    expect(ok.ok && ok.claims.sub).toBe('u-alice');
    await auth.revokeUser('u-alice');
    const revoked = await auth.authenticate(request('GET', '/dashboard', { jar }), { refresh: false });
    expect(revoked.ok ? 'ok' : revoked.error.code).toBe('ERR_JWT_REVOKED');
  });
});
