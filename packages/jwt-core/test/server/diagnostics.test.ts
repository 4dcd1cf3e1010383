/**
 * The diagnostic endpoint: off by default, refused in production without a shared secret, and when
 * on it says what the server sees of a request (Authorization, cookies, scheme, headers, clock)
 * without ever repeating a token, a cookie value or a secret.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { body, login, ORIGIN, setup } from './helpers.js';

const SECRET = 'diagnostics-secret-0123456789-abcdef';
const get = (headers: Record<string, string> = {}, url = `${ORIGIN}/auth/diagnostics`) => new Request(url, { headers });

describe('the diagnostic endpoint', () => {
  afterEach(() => { vi.unstubAllEnvs(); });

  it('does not exist unless turned on', async () => {
    const { auth } = setup();
    expect(await auth.handle(get())).toBeNull();
  });

  it('is refused in production without a shared secret, and a weak secret anywhere', () => {
    vi.stubEnv('NODE_ENV', 'production');
    expect(() => setup({ diagnostics: true })).toThrow(/diagnostics: true is refused with NODE_ENV=production/);
    expect(() => setup({ diagnostics: { secret: 'short' } })).toThrow(/at least 32 characters/);
    expect(() => setup({ diagnostics: { secret: SECRET } })).not.toThrow();
  });

  it('says what arrived: Authorization by scheme and size, cookies by name and size, never their values', async () => {
    const { auth, clock } = setup({ diagnostics: true });
    const jar = await login(auth);
    const cookie = `${jar.header('/auth/diagnostics')!}; theme=dark`;
    const res = await auth.handle(get({ authorization: 'Bearer probe-token-value', cookie }));
    expect(res!.status).toBe(200);
    expect(res!.headers.get('cache-control')).toBe('no-store');
    const text = await res!.clone().text();
    expect(text).not.toContain('probe-token-value');
    for (const pair of cookie.split('; ')) expect(text).not.toContain(pair.slice(pair.indexOf('=') + 1));
    const d = await body(res);
    expect(d.time).toBe(clock.now().toISOString());
    expect(d.authorization).toEqual({ present: true, scheme: 'Bearer', bytes: 'Bearer probe-token-value'.length });
    const cookies = d.cookies as { name: string; bytes: number; auth: boolean }[];
    expect(cookies.find((c) => c.name === 'theme')).toEqual({ name: 'theme', bytes: 'theme=dark'.length, auth: false });
    expect(cookies.filter((c) => c.auth).map((c) => c.name)).toContain('__Host-tessera-at');
    expect(d.request).toEqual({ scheme: 'https', origin: ORIGIN, expectedOrigin: ORIGIN });
    expect(d.cookiesSet).toMatchObject({ secure: true, sameSite: 'Lax', domain: null });
    expect((d.headers as { largest: { name: string } }).largest.name).toBe('cookie');
  });

  it('shows the scheme the server believes: http behind a TLS proxy that is not trusted', async () => {
    const { auth } = setup({ diagnostics: true });
    const d = await body(await auth.handle(get({}, 'http://app.example.com/auth/diagnostics')));
    expect(d.request).toEqual({ scheme: 'http', origin: 'http://app.example.com', expectedOrigin: ORIGIN });
    expect(d.authorization).toEqual({ present: false });
  });

  it('with a secret: refused without it (403), answered with it', async () => {
    const { auth } = setup({ diagnostics: { secret: SECRET } });
    const refused = await auth.handle(get());
    expect(refused!.status).toBe(403);
    expect((await body(refused)).error).toBe('ERR_AUTH_FORBIDDEN');
    expect((await auth.handle(get({ 'x-tessera-diagnostics': `${SECRET}x` })))!.status).toBe(403);
    const ok = await auth.handle(get({ 'x-tessera-diagnostics': SECRET }));
    expect(ok!.status).toBe(200);
    expect(await ok!.text()).not.toContain(SECRET);
  });

  it('answers GET and HEAD only', async () => {
    const { auth } = setup({ diagnostics: true });
    expect((await auth.handle(new Request(`${ORIGIN}/auth/diagnostics`, { method: 'POST', headers: { origin: ORIGIN } })))!.status).toBe(405);
    expect(auth.handles('/auth/diagnostics')).toBe(true);
  });
});
