/**
 * No token on a request: the refusal tells the likely story. A request through a proxy or CDN may
 * have lost its Authorization header on the way; a cookie-transport request from a cross-site
 * context without any cookie was never given the cookies by the browser. Each names the cause
 * and the fix; a plain request without a token still says "sign in first".
 */
import { describe, expect, it } from 'vitest';
import { login, ORIGIN, setup } from './helpers.js';

async function refusal(auth: ReturnType<typeof setup>['auth'], headers: Record<string, string>) {
  const result = await auth.authenticate(new Request(`${ORIGIN}/api/me`, { headers }));
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}

describe('no token on a request that came through a proxy', () => {
  it('names the headers that show the proxy, and the fix: forward Authorization, or an alternative header', async () => {
    const { auth } = setup({ transport: 'bearer' });
    const err = await refusal(auth, { via: '1.1 cdn.example.net', 'x-real-ip': '203.0.113.9' });
    expect(err.code).toBe('ERR_TOKEN_MISSING');
    expect(err.reason).toBe('proxied');
    expect(err.message).toBe('the request carries no access token; it came through a proxy or CDN (it has via, x-real-ip)');
    expect(err.message).not.toContain('203.0.113.9');
    expect(err.hint).toContain('a proxy, CDN or gateway on the way removed it');
    expect(err.hint).toContain("tokenSources: { header: 'X-Access-Token' }");
  });

  it('a request straight from the client still says sign in first', async () => {
    const { auth } = setup({ transport: 'bearer' });
    const err = await refusal(auth, {});
    expect(err.reason).toBeUndefined();
    expect(err.hint).toMatch(/^sign in first/);
  });
});

describe('no token on a cookie-mode request from a cross-site context', () => {
  it('a foreign Origin without cookies: the cookies were never sent cross-site; same site or bearer is the fix', async () => {
    const { auth } = setup({ transport: 'cookie' });
    const err = await refusal(auth, { origin: 'https://shop.other.example', 'sec-fetch-site': 'cross-site' });
    expect(err.code).toBe('ERR_TOKEN_MISSING');
    expect(err.reason).toBe('cross_site');
    expect(err.message).toContain('from a cross-site context (Origin "https://shop.other.example")');
    expect(err.hint).toContain('SameSite');
    expect(err.hint).toContain('third-party cookies');
    expect(err.hint).toContain('bearer transport');
    // The browser's developer sees the 401's own hint, written for the client.
    const res = await auth.require(new Request(`${ORIGIN}/api/me`, { headers: { origin: 'https://shop.other.example' } }));
    expect(res.ok).toBe(false);
    const body = await (res as { response: Response }).response.json() as { hint: string };
    expect(body.hint).toBe('the browser sent no cookies with this cross-site request: call the API from a page on the same site, or use bearer tokens');
  });

  it('Sec-Fetch-Site: cross-site without an Origin (a GET) is recognised too', async () => {
    const { auth } = setup({ transport: 'split' });
    const err = await refusal(auth, { 'sec-fetch-site': 'cross-site' });
    expect(err.reason).toBe('cross_site');
    expect(err.message).toContain('(Sec-Fetch-Site: cross-site)');
  });

  it('not when cookies came (an expired session is another story), nor from the own origin, nor in the bearer transport', async () => {
    const cookie = setup({ transport: 'cookie' });
    expect((await refusal(cookie.auth, { origin: 'https://shop.other.example', cookie: 'theme=dark' })).reason).toBeUndefined();
    expect((await refusal(cookie.auth, { origin: ORIGIN, 'sec-fetch-site': 'same-origin' })).reason).toBeUndefined();
    const bearer = setup({ transport: 'bearer' });
    expect((await refusal(bearer.auth, { origin: 'https://shop.other.example' })).reason).toBeUndefined();
  });

  it('a signed-in browser on the same site is not affected', async () => {
    const { auth } = setup({ transport: 'cookie' });
    const jar = await login(auth);
    const result = await auth.authenticate(new Request(`${ORIGIN}/api/me`, { headers: { cookie: jar.header('/api/me')!, 'sec-fetch-site': 'same-origin' } }));
    expect(result.ok).toBe(true);
  });
});
