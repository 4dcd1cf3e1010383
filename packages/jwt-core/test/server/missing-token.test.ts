/**
 * No token on a request: the refusal tells the likely story. A request through a proxy or CDN may
 * have lost its Authorization header on the way: the refusal names the cause and the fix; a plain request without a token still says "sign in first".
 */
import { describe, expect, it } from 'vitest';
import { ORIGIN, setup } from './helpers.js';

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
