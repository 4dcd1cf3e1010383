/**
 * The diagnostic endpoint's report of the auth cookies as a sign-in would set them (names and
 * attributes, never values), checked against the Set-Cookie lines a real sign-in sends; and its
 * clock to the millisecond, for tessera doctor's skew check.
 */
import { describe, expect, it } from 'vitest';
import { body, ORIGIN, request, setup } from './helpers.js';

const diagnose = async (auth: ReturnType<typeof setup>['auth'], url = `${ORIGIN}/auth/diagnostics`) => body(await auth.handle(new Request(url)));

/** The Set-Cookie lines of a sign-in, by cookie name: the attributes as a browser receives them. */
async function signInCookies(auth: ReturnType<typeof setup>['auth']): Promise<Map<string, string[]>> {
  const res = await auth.handle(request('POST', '/auth/login', { json: { username: 'alice', password: 'correct horse' } }));
  return new Map(res!.headers.getSetCookie().map((line) => {
    const [pair, ...attrs] = line.split(';').map((s) => s.trim());
    return [pair!.slice(0, pair!.indexOf('=')), attrs];
  }));
}

type Described = { role: string; name: string; prefix: string | null; secure: boolean; httpOnly: boolean; sameSite: string; path: string; domain: string | null; maxAge: number };

describe('the diagnostic endpoint: cookies as set, and the clock', () => {
  it('describes each auth cookie exactly as a sign-in sets it', async () => {
    const { auth } = setup({ diagnostics: true, refreshTokenTtl: '1d', sessionMaxAge: '7d' });
    const d = await diagnose(auth);
    const set = (d.cookiesSet as { cookies: Described[] }).cookies;
    expect(set).toEqual([
      { role: 'access', name: '__Host-tessera-at', prefix: '__Host-', secure: true, httpOnly: true, sameSite: 'Lax', path: '/', domain: null, maxAge: 600 },
      { role: 'refresh', name: '__Secure-tessera-rt', prefix: '__Secure-', secure: true, httpOnly: true, sameSite: 'Lax', path: '/auth', domain: null, maxAge: 86_400 },
    ]);
    const lines = await signInCookies(auth);
    for (const c of set) {
      const attrs = lines.get(c.name);
      expect(attrs, c.name).toBeDefined();
      expect(attrs).toContain(`Path=${c.path}`);
      expect(attrs).toContain(`Max-Age=${c.maxAge}`);
      expect(attrs).toContain(`SameSite=${c.sameSite}`);
      expect(attrs!.includes('Secure')).toBe(c.secure);
      expect(attrs!.includes('HttpOnly')).toBe(c.httpOnly);
    }
    expect(d.cookiesSet).toMatchObject({ chunkSize: 3800, maxChunks: 5 });
  });

  it('the split transport: a script-readable access cookie and an HttpOnly signature cookie; Domain drops the __Host- prefix', async () => {
    const { auth } = setup({ diagnostics: true, transport: 'split', cookies: { domain: 'example.com', sameSite: 'Strict', refreshPath: '/' } });
    const set = ((await diagnose(auth)).cookiesSet as { cookies: Described[] }).cookies;
    expect(set.map((c) => [c.role, c.name, c.httpOnly, c.domain, c.sameSite])).toEqual([
      ['access', '__Secure-tessera-at', false, 'example.com', 'Strict'],
      ['signature', '__Secure-tessera-as', true, 'example.com', 'Strict'],
      ['refresh', '__Secure-tessera-rt', true, 'example.com', 'Strict'],
    ]);
  });

  it('on http://localhost the cookies are not Secure and carry no prefix; the bearer transport sets none', async () => {
    const local = setup({ diagnostics: true, origin: 'http://localhost:3000' });
    const set = ((await diagnose(local.auth, 'http://localhost:3000/auth/diagnostics')).cookiesSet as { cookies: Described[] }).cookies;
    expect(set.every((c) => !c.secure && c.prefix === null)).toBe(true);
    const bearer = setup({ diagnostics: true, transport: 'bearer' });
    expect((await diagnose(bearer.auth)).cookiesSet).toBeNull();
  });

  it('reports the auth layer\'s clock in milliseconds', async () => {
    const { auth, clock } = setup({ diagnostics: true });
    clock.t += 123;
    const d = await diagnose(auth);
    expect(d.timeMs).toBe(clock.t);
    expect(d.time).toBe(new Date(clock.t).toISOString());
  });
});
