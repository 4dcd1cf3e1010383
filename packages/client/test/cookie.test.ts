/**
 * The cookie and split transports against a scripted server: credentials sent, a refresh on an
 * expired (or dropped) access cookie, a session that never existed does not "end", and split's
 * session() read from the script-readable cookie.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAuthClient } from '@tessera/client';
import { fakeToken, json, refusal, scripted } from './support/scripted.js';

const BASE = 'https://app.example.test';

afterEach(() => {
  delete (globalThis as { document?: unknown }).document;
});

describe('cookie transport', () => {
  it('sends credentials, and on a dropped access cookie (ERR_TOKEN_MISSING) refreshes once and retries once', async () => {
    let fresh = false;
    const srv = scripted((req, seen) => {
      if (seen.path === '/auth/login') return json(200, { token_type: 'cookie', expires_in: 600, claims: { sub: 'u1' } });
      if (seen.path === '/auth/refresh') return (fresh = true), json(200, { token_type: 'cookie', expires_in: 600, claims: { sub: 'u1' } });
      expect(req.credentials).toBe('include');
      return fresh ? json(200, { ok: true }) : refusal(401, 'ERR_TOKEN_MISSING');
    });
    const client = createAuthClient({ baseUrl: BASE, transport: 'cookie', fetch: srv.fetch, refreshMargin: 0 });
    await client.signIn({ username: 'ada', password: 'pw' });
    const statuses = await Promise.all(Array.from({ length: 20 }, () => client.fetch('/api/me').then((r) => r.status)));
    expect(statuses).toEqual(Array(20).fill(200));
    expect(srv.count('/auth/refresh')).toBe(1);
    expect(srv.seen.every((s) => s.authorization === null)).toBe(true);
  });

  it('a visitor who never signed in: one refresh attempt is refused, no session "ends", and no call tries again', async () => {
    const srv = scripted((_req, seen) => (seen.path === '/auth/refresh' ? refusal(401, 'ERR_TOKEN_MISSING', 'no refresh token') : refusal(401, 'ERR_TOKEN_MISSING')));
    const onSessionEnd = vi.fn();
    const client = createAuthClient({ baseUrl: BASE, transport: 'cookie', fetch: srv.fetch, onSessionEnd });
    expect((await client.fetch('/api/me')).status).toBe(401);
    expect((await client.fetch('/api/me')).status).toBe(401);
    expect(srv.count('/auth/refresh')).toBe(1);
    expect(onSessionEnd).not.toHaveBeenCalled();
    expect(await client.session()).toBeNull();
  });

  it('a page loaded with a live session: a refused refresh (revoked) ends it once', async () => {
    const srv = scripted((_req, seen) => (seen.path === '/auth/refresh' ? refusal(401, 'ERR_JWT_REVOKED', 'the session was revoked') : refusal(401, 'ERR_JWT_EXPIRED')));
    const onSessionEnd = vi.fn();
    const client = createAuthClient({ baseUrl: BASE, transport: 'cookie', fetch: srv.fetch, onSessionEnd });
    await Promise.all([client.fetch('/a'), client.fetch('/b'), client.fetch('/c')]);
    expect(onSessionEnd).toHaveBeenCalledTimes(1);
    expect(onSessionEnd.mock.calls[0]![0]).toMatchObject({ code: 'ERR_JWT_REVOKED' });
    expect(srv.count('/auth/refresh')).toBe(1);
  });

  it('session() asks the server (GET /auth/session) and reports the claims and expiry', async () => {
    const srv = scripted((_req, seen) => (seen.path === '/auth/session' ? json(200, { claims: { sub: 'u1', roles: ['user'] }, expires_in: 60 }) : refusal(404, 'ERR_AUTH_NOT_FOUND')));
    const client = createAuthClient({ baseUrl: BASE, transport: 'cookie', fetch: srv.fetch });
    const session = await client.session();
    expect(session?.claims).toEqual({ sub: 'u1', roles: ['user'] });
    expect(session!.expiresAt! - Date.now()).toBeGreaterThan(55_000);
  });
});

describe('split transport', () => {
  it('session() reads the claims from the readable cookie (its chunks joined) and says when the access token expires', async () => {
    const exp = Math.floor(Date.now() / 1000) + 120;
    const [header, payload] = fakeToken({ sub: 'u-ada', roles: ['user'], exp }).split('.');
    const half = `${header}.${payload}`;
    (globalThis as { document?: unknown }).document = { cookie: `theme=dark; __Host-tessera-at.0=${half.slice(0, 20)}; __Host-tessera-at.1=${half.slice(20)}` };
    const srv = scripted(() => refusal(500, 'unused'));
    const client = createAuthClient({ baseUrl: BASE, transport: 'split', fetch: srv.fetch });
    expect(await client.session()).toEqual({ claims: { sub: 'u-ada', roles: ['user'], exp }, expiresAt: exp * 1000, transport: 'split' });
    expect(srv.seen).toEqual([]);
  });

  it('refreshes before the readable cookie says the token expires', async () => {
    const soon = Math.floor(Date.now() / 1000) + 5;
    const [h, p] = fakeToken({ sub: 'u1', exp: soon }).split('.');
    const doc = { cookie: `tessera-at=${h}.${p}` };
    (globalThis as { document?: unknown }).document = doc;
    const srv = scripted((_req, seen) => {
      if (seen.path === '/auth/refresh') {
        const [h2, p2] = fakeToken({ sub: 'u1', exp: soon + 600 }).split('.');
        doc.cookie = `tessera-at=${h2}.${p2}`;
        return json(200, { token_type: 'split', expires_in: 605, claims: { sub: 'u1' } });
      }
      return json(200, { ok: true });
    });
    const client = createAuthClient({ baseUrl: BASE, transport: 'split', fetch: srv.fetch, refreshMargin: 30 });
    await Promise.all([client.fetch('/api/me'), client.fetch('/api/me')]);
    expect(srv.count('/auth/refresh')).toBe(1);
    expect(srv.count('/api/me')).toBe(2);
  });
});
