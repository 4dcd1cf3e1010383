/**
 * `auth.authenticate`/`auth.require` on a request head (AuthRequest) instead of a Web Request: the
 * same answers, the URL read only when a check needs it, and a configured form-field source that
 * fails closed (503) when the head cannot show its body.
 */
import { describe, expect, it } from 'vitest';
import type { AuthRequest } from '../../src/server/index.js';
import { body, login, ORIGIN, request, setup } from './helpers.js';

/** A head over a Web Request that counts reads of `url` and `toRequest()` (or lacks toRequest). */
function headOf(r: Request, o: { withBody?: boolean; urlReadable?: boolean } = {}) {
  const seen = { url: 0, toRequest: 0 };
  const head: AuthRequest = {
    method: r.method,
    get url() {
      seen.url++;
      if (o.urlReadable === false) throw new Error('url must not be read on this path');
      return r.url;
    },
    headers: { get: (name) => r.headers.get(name) },
    ...(o.withBody === false ? {} : { toRequest: () => (seen.toRequest++, r) }),
  };
  return { head, seen };
}

async function bearerToken(auth: Awaited<ReturnType<typeof setup>>['auth']): Promise<string> {
  const res = await auth.handle(request('POST', '/auth/login', { json: { username: 'alice', password: 'correct horse' } }));
  return (await body(res)).access_token as string;
}

describe('authenticate with a request head', () => {
  it('bearer: verifies without reading the URL or the body', async () => {
    const { auth } = setup({ transport: 'bearer' });
    const token = await bearerToken(auth);
    const { head, seen } = headOf(request('GET', '/api/me', { bearer: token }), { urlReadable: false });
    const r = await auth.authenticate(head);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.claims.sub).toBe('u-alice');
    expect(seen).toEqual({ url: 0, toRequest: 0 });
  });

  it('gives the same failures as a Web Request: missing, forged, revoked', async () => {
    const { auth } = setup({ transport: 'bearer' });
    const token = await bearerToken(auth);
    const forged = `${token.slice(0, -4)}AAAA`;
    for (const bearer of [undefined, forged]) {
      const web = await auth.authenticate(request('GET', '/api/me', bearer === undefined ? {} : { bearer }));
      const viaHead = await auth.authenticate(headOf(request('GET', '/api/me', bearer === undefined ? {} : { bearer })).head);
      expect(web.ok || viaHead.ok).toBe(false);
      if (!web.ok && !viaHead.ok) {
        expect(viaHead.error.code).toBe(web.error.code);
        expect(viaHead.response.status).toBe(web.response.status);
      }
    }
    expect((await auth.handle(request('POST', '/auth/logout', { bearer: token })))!.status).toBe(200);
    const revoked = await auth.authenticate(headOf(request('GET', '/api/me', { bearer: token })).head);
    expect(revoked.ok).toBe(false);
    if (!revoked.ok) expect(revoked.error.code).toBe('ERR_JWT_REVOKED');
  });

  it('require: 403 without the role, success with it', async () => {
    const { auth } = setup({ transport: 'bearer' });
    const token = await bearerToken(auth);
    const denied = await auth.require(headOf(request('GET', '/admin', { bearer: token })).head, { roles: ['billing'] });
    expect(denied.ok).toBe(false);
    if (!denied.ok) expect(denied.response.status).toBe(403);
    const allowed = await auth.require(headOf(request('GET', '/me', { bearer: token })).head, { roles: ['admin'] });
    expect(allowed.ok).toBe(true);
  });

  it('cookie transport: the CSRF check reads the head and still refuses a cross-site POST', async () => {
    const { auth } = setup();
    const jar = await login(auth);
    expect((await auth.authenticate(headOf(request('GET', '/api/me', { jar })).head)).ok).toBe(true);
    const cross = await auth.authenticate(headOf(request('POST', '/api/me', { jar, origin: 'https://evil.example' })).head);
    expect(cross.ok).toBe(false);
    if (!cross.ok) expect(cross.response.status).toBe(403);
    expect((await auth.authenticate(headOf(request('POST', '/api/me', { jar, origin: ORIGIN })).head)).ok).toBe(true);
  });

  it('reads the URL for a configured query-parameter source', async () => {
    const { auth } = setup({ transport: 'bearer', tokenSources: { queryParam: 'access_token' } });
    const token = await bearerToken(auth);
    const { head, seen } = headOf(request('GET', `/events?access_token=${token}`));
    expect((await auth.authenticate(head)).ok).toBe(true);
    expect(seen.url).toBe(1);
  });

  it('form-field source: materialises the body through toRequest(), or denies with 503 without it', async () => {
    const { auth, warnings } = setup({ transport: 'bearer', tokenSources: { formField: 'access_token' } });
    const token = await bearerToken(auth);
    const post = () => request('POST', '/upload', { form: { access_token: token, other: 'x' } });
    const full = headOf(post());
    expect((await auth.authenticate(full.head)).ok).toBe(true);
    expect(full.seen.toRequest).toBe(1);

    const bare = headOf(post(), { withBody: false });
    const r = await auth.authenticate(bare.head);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.response.status).toBe(503);
      expect(r.error.code).toBe('ERR_AUTH_UNAVAILABLE');
      expect(r.error.message).toContain('formField');
    }
    expect(warnings.some((w) => w.includes('toRequest'))).toBe(true);
    // A GET never has a form body: the head needs no body there.
    expect((await auth.authenticate(headOf(request('GET', '/upload'), { withBody: false }).head)).ok).toBe(false);
  });
});

describe('result headers', () => {
  it('a success without headers to send shares one empty immutable Headers; a copy can be extended', async () => {
    const { auth } = setup({ transport: 'bearer' });
    const token = await bearerToken(auth);
    const a = await auth.authenticate(request('GET', '/api/me', { bearer: token }));
    const b = await auth.authenticate(headOf(request('GET', '/api/me', { bearer: token })).head);
    if (!a.ok || !b.ok) throw new Error('expected success');
    expect(a.headers).toBe(b.headers);
    expect([...a.headers]).toEqual([]);
    expect(() => a.headers.set('x-app', '1')).toThrow(TypeError);
    const copy = new Headers(a.headers);
    copy.set('x-app', '1');
    expect(copy.get('x-app')).toBe('1');
    expect([...a.headers]).toEqual([]);
  });

  it('a transparent refresh returns its own Headers with the new cookies', async () => {
    const { auth, clock } = setup();
    const jar = await login(auth);
    clock.advance(11 * 60);
    const r = await auth.authenticate(headOf(request('GET', '/auth/session', { jar })).head);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.headers.getSetCookie().length).toBeGreaterThan(0);
      expect(r.headers.get('cache-control')).toBe('no-store');
    }
  });
});
