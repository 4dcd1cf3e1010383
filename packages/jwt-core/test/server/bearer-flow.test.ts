/** The bearer transport: tokens in JSON bodies, Authorization: Bearer, refresh via the endpoint. */
import { describe, expect, it } from 'vitest';
import { body, request, setup } from './helpers.js';

const basic = (user: string, pw: string) => `Basic ${btoa(`${user}:${pw}`)}`;

describe('bearer transport', () => {
  it('login -> access -> expiry -> refresh endpoint -> logout -> rejected', async () => {
    const { auth, clock } = setup({ transport: 'bearer' });
    const res = await auth.handle(request('POST', '/auth/login', { json: { username: 'alice', password: 'correct horse' }, origin: false }));
    expect(res!.status).toBe(200);
    expect(res!.headers.getSetCookie()).toEqual([]);
    expect(res!.headers.get('cache-control')).toBe('no-store');
    const tokens = await body(res);
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 600, refresh_expires_in: 14 * 86400 });
    const access = tokens.access_token as string;
    const refresh = tokens.refresh_token as string;
    expect(refresh).toMatch(/^[A-Za-z0-9_-]{43}\.[0-9a-z]{1,8}$/); // random part, then its expiry

    const ok = await auth.require(request('GET', '/api/admin', { bearer: access }), { roles: ['admin'] });
    expect(ok.ok).toBe(true);

    clock.advance(601 + 5);
    const expired = await auth.authenticate(request('GET', '/api/me', { bearer: access }));
    expect(expired.ok).toBe(false);
    if (!expired.ok) {
      expect(expired.error.code).toBe('ERR_JWT_EXPIRED');
      expect(expired.response.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token", error_description="token expired/);
    }

    const r2 = await auth.handle(request('POST', '/auth/refresh', { json: { refresh_token: refresh }, origin: false }));
    expect(r2!.status).toBe(200);
    const t2 = await body(r2);
    expect(t2.refresh_token).not.toBe(refresh); // rotated
    const me = await auth.authenticate(request('GET', '/api/me', { bearer: t2.access_token as string }));
    expect(me.ok && me.claims.sub).toBe('u-alice');

    const out = await auth.handle(request('POST', '/auth/logout', { bearer: t2.access_token as string, json: { refresh_token: t2.refresh_token }, origin: false }));
    expect(await body(out)).toMatchObject({ ok: true, revoked: { session: true, accessToken: true } });
    const after = await auth.authenticate(request('GET', '/api/me', { bearer: t2.access_token as string }));
    expect(!after.ok && after.error.code).toBe('ERR_JWT_REVOKED');
    const r3 = await auth.handle(request('POST', '/auth/refresh', { form: { refresh_token: t2.refresh_token as string }, origin: false }));
    expect(r3!.status).toBe(401);
    expect((await body(r3)).error).toBe('ERR_JWT_REVOKED');
  });

  it('accepts form credentials and HTTP Basic; refuses wrong ones with one message', async () => {
    const { auth } = setup({ transport: 'bearer' });
    const form = await auth.handle(request('POST', '/auth/login', { form: { username: 'bob', password: 'battery staple' } }));
    expect(form!.status).toBe(200);
    const b = await auth.handle(request('POST', '/auth/login', { headers: { authorization: basic('bob', 'battery staple') } }));
    expect(b!.status).toBe(200);
    expect(((await body(b)).claims as { sub: string }).sub).toBe('u-bob');
    for (const wrong of [basic('bob', 'nope'), basic('mallory', 'x')]) {
      const res = await auth.handle(request('POST', '/auth/login', { headers: { authorization: wrong } }));
      expect(res!.status).toBe(401);
      expect(res!.headers.get('www-authenticate')).toBe('Bearer');
      expect(await body(res)).toMatchObject({ error: 'ERR_AUTH_CREDENTIALS_INVALID', message: 'the user name or password is wrong' });
    }
  });

  it('never takes identity from the request body (only login credentials)', async () => {
    const { auth } = setup({ transport: 'bearer' });
    const login = await body(await auth.handle(request('POST', '/auth/login', { json: { username: 'bob', password: 'battery staple' } })));
    // A body claiming another user, or roles, changes nothing (CVE-2025-61928 class).
    const res = await auth.require(request('POST', '/api/admin', { bearer: login.access_token as string, json: { sub: 'u-alice', userId: 'u-alice', roles: ['admin'] } }), { roles: ['admin'] });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.response.status).toBe(403);
    const refresh = await body(await auth.handle(request('POST', '/auth/refresh', { json: { refresh_token: login.refresh_token, sub: 'u-alice' } })));
    expect((refresh.claims as { sub: string }).sub).toBe('u-bob');
  });

  it('ignores cookies in bearer mode (no ambient credentials, so no CSRF surface)', async () => {
    const { auth } = setup({ transport: 'bearer' });
    const login = await body(await auth.handle(request('POST', '/auth/login', { json: { username: 'bob', password: 'battery staple' } })));
    const r = await auth.authenticate(request('GET', '/api/me', { headers: { cookie: `__Host-tessera-at=${login.access_token as string}` } }));
    expect(!r.ok && r.error.code).toBe('ERR_TOKEN_MISSING');
  });

  it('401 for missing token has no error code (RFC 6750 §3.1); 403 for missing rights names them', async () => {
    const { auth } = setup({ transport: 'bearer' });
    const none = await auth.require(request('GET', '/api/admin'), { roles: ['admin'] });
    expect(none.ok).toBe(false);
    if (!none.ok) {
      expect(none.response.status).toBe(401);
      expect(none.response.headers.get('www-authenticate')).toBe('Bearer');
      expect(await none.response.json()).toMatchObject({ error: 'ERR_TOKEN_MISSING' });
    }
    const bob = await body(await auth.handle(request('POST', '/auth/login', { json: { username: 'bob', password: 'battery staple' } })));
    const r = await auth.require(request('GET', '/api/admin', { bearer: bob.access_token as string }), { roles: ['admin'], permissions: ['reports:read'] });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.response.status).toBe(403);
      expect(r.error.code).toBe('ERR_AUTH_FORBIDDEN');
      expect(r.error.message).toBe('user "u-bob" lacks roles admin (has: none); and permissions reports:read (has: none)');
      expect(r.response.headers.get('www-authenticate')).toMatch(/^Bearer error="insufficient_scope"/);
    }
  });
});
