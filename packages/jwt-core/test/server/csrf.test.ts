/** CSRF: cookie-authenticated state-changing requests must come from an allowed origin. */
import { describe, expect, it } from 'vitest';
import { checkCsrf } from '../../src/server/csrf.js';
import { body, login, ORIGIN, request, setup } from './helpers.js';

describe('CSRF origin check', () => {
  it('refuses a cross-site login with 403 and says which origin came and which are allowed', async () => {
    const { auth } = setup({ allowedOrigins: ['https://admin.example.com'] });
    const res = await auth.handle(request('POST', '/auth/login', { json: { username: 'alice', password: 'correct horse' }, origin: 'https://evil.example' }));
    expect(res!.status).toBe(403);
    const err = await body(res);
    expect(err.error).toBe('ERR_AUTH_FORBIDDEN');
    expect(err.message).toBe('cross-site request refused: Origin "https://evil.example" is not an allowed origin; allowed: https://app.example.com, https://admin.example.com');
    expect(res!.headers.getSetCookie()).toEqual([]);
  });

  it('accepts allowed origins and same-origin fetch metadata', async () => {
    const { auth } = setup({ allowedOrigins: ['https://admin.example.com'] });
    for (const headers of [{ origin: ORIGIN }, { origin: 'https://admin.example.com' }]) {
      const res = await auth.handle(request('POST', '/auth/login', { json: { username: 'alice', password: 'correct horse' }, origin: false, headers }));
      expect(res!.status).toBe(200);
    }
    const sfs = await auth.handle(request('POST', '/auth/login', { json: { username: 'alice', password: 'correct horse' }, origin: false, headers: { 'sec-fetch-site': 'same-origin' } }));
    expect(sfs!.status).toBe(200);
  });

  it('refuses requests with neither Origin nor Sec-Fetch-Site, and Origin: null', async () => {
    const { auth } = setup();
    const jar = await login(auth);
    const bare = await auth.handle(request('POST', '/auth/logout', { jar, origin: false }));
    expect(bare!.status).toBe(403);
    expect((await body(bare)).message).toContain('neither an Origin nor a Sec-Fetch-Site header');
    const cross = await auth.handle(request('POST', '/auth/logout', { jar, origin: false, headers: { 'sec-fetch-site': 'cross-site' } }));
    expect(cross!.status).toBe(403);
    const nul = await auth.handle(request('POST', '/auth/refresh', { jar, origin: 'null' }));
    expect(nul!.status).toBe(403);
    // Nothing was revoked by the refused logout.
    expect((await auth.handle(request('GET', '/auth/session', { jar })))!.status).toBe(200);
  });

  it('authenticate applies the check to cookie-authenticated unsafe methods only', async () => {
    const { auth } = setup();
    const jar = await login(auth);
    expect((await auth.authenticate(request('GET', '/api/x', { jar, origin: 'https://evil.example' }))).ok).toBe(true);
    const post = await auth.authenticate(request('DELETE', '/api/x', { jar, origin: 'https://evil.example' }));
    expect(post.ok).toBe(false);
    if (!post.ok) expect(post.response.status).toBe(403);
    expect((await auth.authenticate(request('PUT', '/api/x', { jar }))).ok).toBe(true);
  });

  it('bearer transport needs no origin check: the token is never ambient', async () => {
    const { auth } = setup({ transport: 'bearer' });
    const t = await body(await auth.handle(request('POST', '/auth/login', { json: { username: 'alice', password: 'correct horse' }, origin: false })));
    expect((await auth.authenticate(request('POST', '/api/x', { bearer: t.access_token as string, origin: 'https://other.example' }))).ok).toBe(true);
  });

  it('checkCsrf without configured origins compares with the request origin', () => {
    const same = new Request('https://a.example/x', { method: 'POST', headers: { origin: 'https://a.example' } });
    const other = new Request('https://a.example/x', { method: 'POST', headers: { origin: 'https://b.example' } });
    expect(checkCsrf(same, [])).toBeUndefined();
    expect(checkCsrf(other, [])?.code).toBe('ERR_AUTH_FORBIDDEN');
    expect(checkCsrf(new Request('https://a.example/x', { method: 'HEAD' }), [])).toBeUndefined();
  });
});
