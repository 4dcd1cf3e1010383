/** The split transport: header.payload readable by scripts, signature HttpOnly, joined on read. */
import { describe, expect, it } from 'vitest';
import { Jar, login, request, setup } from './helpers.js';

describe('split transport', () => {
  it('issues a script-readable header.payload cookie and an HttpOnly signature cookie', async () => {
    const { auth } = setup({ transport: 'split' });
    const jar = await login(auth);
    const hp = jar.cookies.get('__Host-tessera-at')!;
    const sig = jar.cookies.get('__Host-tessera-as')!;
    expect(hp.value.split('.')).toHaveLength(2);
    expect(hp.attrs).not.toContain('HttpOnly');
    expect(sig.value).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(sig.attrs).toContain('HttpOnly');
    // What a page script can read: the claims.
    const payload = JSON.parse(atob(hp.value.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { sub: string };
    expect(payload.sub).toBe('u-alice');
    const r = await auth.authenticate(request('GET', '/api/me', { jar }));
    expect(r.ok && r.claims.sub).toBe('u-alice');
  });

  it('a script that steals only the readable half has no usable token', async () => {
    const { auth } = setup({ transport: 'split' });
    const jar = await login(auth);
    const half = new Jar();
    half.cookies.set('__Host-tessera-at', jar.cookies.get('__Host-tessera-at')!);
    const r = await auth.authenticate(request('GET', '/api/me', { jar: half }));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('ERR_JWS_INVALID');
      expect(r.error.message).toContain('signature cookie is missing');
      expect(r.response.status).toBe(401);
    }
    const asBearer = await auth.authenticate(request('GET', '/api/me', { bearer: `${jar.cookies.get('__Host-tessera-at')!.value}.` }));
    expect(asBearer.ok).toBe(false);
  });

  it('refreshes transparently and rotates both halves', async () => {
    const { auth, clock } = setup({ transport: 'split' });
    const jar = await login(auth);
    const before = jar.cookies.get('__Host-tessera-as')!.value;
    clock.advance(11 * 60);
    const res = await auth.handle(request('GET', '/auth/session', { jar }));
    expect(res!.status).toBe(200);
    jar.take(res!);
    expect(jar.cookies.get('__Host-tessera-as')!.value).not.toBe(before);
    expect((await auth.authenticate(request('GET', '/api/me', { jar }))).ok).toBe(true);
  });

  it('a tampered payload half fails the signature check', async () => {
    const { auth } = setup({ transport: 'split' });
    const jar = await login(auth);
    const hp = jar.cookies.get('__Host-tessera-at')!;
    const [h, p] = hp.value.split('.');
    const claims = JSON.parse(atob(p!.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
    claims.roles = ['admin', 'root'];
    const forged = btoa(JSON.stringify(claims)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    jar.cookies.set('__Host-tessera-at', { ...hp, value: `${h}.${forged}` });
    const r = await auth.authenticate(request('GET', '/api/me', { jar }));
    expect(!r.ok && r.error.code).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
  });
});
