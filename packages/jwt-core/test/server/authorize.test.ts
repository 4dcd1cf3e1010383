/**
 * `auth.authorize(claims, requirement)`: the rights check of `auth.require` on claims verified
 * earlier in the same request, for adapters that authenticate once and check rights per route
 * (Koa's `requireAuth`, Next's server components). It must decide exactly as `require` does.
 */
import { describe, expect, it } from 'vitest';
import { body, request, setup } from './helpers.js';

async function claimsOf(name: string, password: string) {
  const { auth } = setup({ transport: 'bearer' });
  const tokens = await body(await auth.handle(request('POST', '/auth/login', { json: { username: name, password } })));
  const result = await auth.authenticate(request('GET', '/api/me', { bearer: tokens.access_token as string }));
  if (!result.ok) throw new Error(`login of ${name} failed: ${result.error.message}`);
  return { auth, claims: result.claims };
}

describe('auth.authorize', () => {
  it('grants when every required role and permission is present, with no headers to send', async () => {
    const { auth, claims } = await claimsOf('alice', 'correct horse');
    const granted = auth.authorize(claims, { roles: ['admin'] });
    expect(granted.ok).toBe(true);
    if (granted.ok) {
      expect(granted.claims).toBe(claims);
      expect([...granted.headers]).toEqual([]);
    }
    expect(auth.authorize(claims).ok).toBe(true);
    expect(auth.authorize(claims, {}).ok).toBe(true);
  });

  it('refuses with the same 403 as require, naming what is missing', async () => {
    const { auth, claims } = await claimsOf('bob', 'battery staple');
    const refused = auth.authorize(claims, { roles: ['admin'], permissions: ['reports:read'] });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('ERR_AUTH_FORBIDDEN');
    expect(refused.error.message).toBe('user "u-bob" lacks roles admin (has: none); and permissions reports:read (has: none)');
    expect(refused.response.status).toBe(403);
    expect(refused.response.headers.get('www-authenticate')).toMatch(/^Bearer error="insufficient_scope"/);
    expect(await refused.response.json()).toMatchObject({ error: 'ERR_AUTH_FORBIDDEN', hint: 'this account lacks a role or permission the resource requires' });
  });

  it('denies (503), never grants, on a malformed requirement', async () => {
    const { auth, claims } = await claimsOf('alice', 'correct horse');
    const refused = auth.authorize(claims, { roles: 'admin' } as never);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.response.status).toBe(503);
      expect(refused.error.code).toBe('ERR_AUTH_UNAVAILABLE');
      expect(refused.error.message).toContain('roles must be an array of strings');
    }
  });
});
