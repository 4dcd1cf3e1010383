/** Tokens too large for one cookie travel in numbered chunks; issue-time warnings on size. */
import { describe, expect, it } from 'vitest';
import { body, Jar, login, request, setup } from './helpers.js';

describe('large tokens', () => {
  it('a large-claims token round-trips through chunked cookies, and the size is warned about', async () => {
    const { auth, users, warnings, clock } = setup();
    users.get('alice')!.bio = 'x'.repeat(4_500);
    const jar = await login(auth);
    const names = [...jar.cookies.keys()].sort();
    expect(names).toEqual(['__Host-tessera-at.0', '__Host-tessera-at.1', '__Secure-tessera-rt']);
    expect(jar.cookies.get('__Host-tessera-at.0')!.value.length).toBe(3800);
    expect(warnings.some((w) => w.includes('the Cookie header') && w.includes('u-alice'))).toBe(true);
    const r = await auth.authenticate(request('GET', '/api/me', { jar }));
    expect(r.ok && (r.claims.bio as string).length).toBe(4_500);

    // The token shrinks: the refresh writes one cookie and deletes the stale chunks.
    users.get('alice')!.bio = undefined;
    clock.advance(11 * 60);
    const res = await auth.handle(request('GET', '/auth/session', { jar }));
    expect(res!.status).toBe(200);
    const lines = res!.headers.getSetCookie();
    expect(lines.filter((l) => /^__Host-tessera-at\.\d=;.*Max-Age=0/.test(l))).toHaveLength(2);
    jar.take(res!);
    expect([...jar.cookies.keys()].sort()).toEqual(['__Host-tessera-at', '__Secure-tessera-rt']);
    expect((await auth.authenticate(request('GET', '/api/me', { jar }))).ok).toBe(true);
  });

  it('a missing chunk is refused with a message, not guessed at', async () => {
    const { auth, users } = setup();
    users.get('alice')!.bio = 'y'.repeat(9_000);
    const jar = await login(auth);
    expect(jar.cookies.has('__Host-tessera-at.2')).toBe(true);
    const gap = new Jar();
    for (const [n, c] of jar.cookies) if (n !== '__Host-tessera-at.1') gap.cookies.set(n, c);
    const r = await auth.authenticate(request('GET', '/api/me', { jar: gap }));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.response.status).toBe(401);
      expect(r.error.message).toBe('cookie __Host-tessera-at has a gap: chunk __Host-tessera-at.2 is present but chunk __Host-tessera-at.1 is missing');
    }
  });

  it('a token needing more than maxChunks cookies fails the login with 503 and a clear cause, never a half-set session', async () => {
    const { auth, users, warnings } = setup({ cookies: { maxChunks: 2 } });
    users.get('alice')!.bio = 'z'.repeat(9_000);
    const res = await auth.handle(request('POST', '/auth/login', { json: { username: 'alice', password: 'correct horse' } }));
    expect(res!.status).toBe(503);
    expect(res!.headers.getSetCookie()).toEqual([]);
    expect(warnings.some((w) => w.includes('more than 2 cookies'))).toBe(true);
  });

  it('bearer mode warns when the Authorization header gets large', async () => {
    const { auth, users, warnings } = setup({ transport: 'bearer' });
    users.get('alice')!.bio = 'b'.repeat(7_000);
    const t = await body(await auth.handle(request('POST', '/auth/login', { json: { username: 'alice', password: 'correct horse' } })));
    expect(warnings.some((w) => w.includes('the Authorization header'))).toBe(true);
    expect(warnings.every((w) => !w.includes(t.access_token as string))).toBe(true);
  });
});

describe('oversized tokens', () => {
  it('refuses to issue a token longer than verifiers accept (503 at login, cause logged)', async () => {
    const { auth, users, warnings } = setup({ transport: 'bearer' });
    users.get('alice')!.bio = 'q'.repeat(13_000);
    const res = await auth.handle(request('POST', '/auth/login', { json: { username: 'alice', password: 'correct horse' } }));
    expect(res!.status).toBe(503);
    expect(warnings.some((w) => /access token for sub "u-alice" is \d+ characters; verifiers refuse more than 16384/.test(w))).toBe(true);
  });
});
