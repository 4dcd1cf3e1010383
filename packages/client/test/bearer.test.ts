/**
 * The bearer transport against a scripted server: tokens kept and sent, one refresh for many
 * calls, refresh before expiry, a dead session that ends once, and errors that keep the server's
 * code, message and hint.
 */
import { describe, expect, it, vi } from 'vitest';
import { AuthClientError, createAuthClient, memoryStorage } from '@tessera/client';
import { bearerSession, json, refusal, scripted } from './support/scripted.js';

const BASE = 'https://api.example.test';

/** A server whose access tokens are `at-<n>`-style fake JWTs; `valid(n)` says which are accepted. */
function server(opts: { ttl?: number; refresh?: (body: string) => Response | undefined } = {}) {
  let n = 0;
  let current = 0;
  const s = scripted((req, seen) => {
    if (seen.path === '/auth/login') return bearerSession((current = ++n), opts.ttl);
    if (seen.path === '/auth/refresh') return opts.refresh?.(seen.body) ?? bearerSession((current = ++n), opts.ttl);
    if (seen.path === '/auth/logout') return json(200, { ok: true });
    const token = seen.authorization?.replace(/^Bearer /, '');
    if (!token) return refusal(401, 'ERR_TOKEN_MISSING');
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { n: number };
    return claims.n === current ? json(200, { n: claims.n }) : refusal(401, 'ERR_JWT_EXPIRED', '"exp" claim timestamp check failed');
  });
  return { ...s, expireAll: () => void (current = -1), issued: () => n };
}

describe('bearer transport', () => {
  it('signs in, keeps the tokens and sends Authorization: Bearer on every call', async () => {
    const srv = server();
    const client = createAuthClient({ baseUrl: BASE, transport: 'bearer', fetch: srv.fetch });
    const session = await client.signIn({ username: 'ada', password: 'pw' });
    expect(session.claims.sub).toBe('u1');
    expect(session.expiresAt).toBeGreaterThan(Date.now());
    const res = await client.fetch('/api/me');
    expect(res.status).toBe(200);
    expect(srv.seen.at(-1)!.authorization).toMatch(/^Bearer ey/);
    expect(JSON.parse(srv.seen[0]!.body)).toEqual({ username: 'ada', password: 'pw' });
    expect((await client.session())?.claims.n).toBe(1);
  });

  it('50 concurrent calls refused as expired cause exactly one refresh, and each is retried once', async () => {
    const srv = server();
    const client = createAuthClient({ baseUrl: BASE, transport: 'bearer', fetch: srv.fetch, refreshMargin: 0 });
    await client.signIn({ username: 'ada', password: 'pw' });
    srv.expireAll();
    const statuses = await Promise.all(Array.from({ length: 50 }, () => client.fetch('/api/me').then((r) => r.status)));
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(srv.count('/auth/refresh')).toBe(1);
    expect(srv.count('/api/me')).toBe(100);
    expect(JSON.parse(srv.seen.find((s) => s.path === '/auth/refresh')!.body)).toEqual({ refresh_token: 'rt-1' });
  });

  it('refreshes before the access token expires (refreshMargin), once for concurrent calls', async () => {
    const srv = server({ ttl: 20 });
    const client = createAuthClient({ baseUrl: BASE, transport: 'bearer', fetch: srv.fetch, refreshMargin: 30 });
    await client.signIn({ username: 'ada', password: 'pw' });
    const statuses = await Promise.all(Array.from({ length: 10 }, () => client.fetch('/api/me').then((r) => r.status)));
    expect(statuses).toEqual(Array(10).fill(200));
    expect(srv.count('/auth/refresh')).toBe(1);
    expect(srv.count('/api/me')).toBe(10); // refreshed first: no call was refused
  });

  it('a refused refresh ends the session once, with the server\'s code and message, and no call retries in a loop', async () => {
    const srv = server({ refresh: () => refusal(401, 'ERR_JWT_REVOKED', 'the session was revoked') });
    const onSessionEnd = vi.fn();
    const client = createAuthClient({ baseUrl: BASE, transport: 'bearer', fetch: srv.fetch, refreshMargin: 0, onSessionEnd });
    await client.signIn({ username: 'ada', password: 'pw' });
    srv.expireAll();
    const statuses = await Promise.all(Array.from({ length: 20 }, () => client.fetch('/api/me').then((r) => r.status)));
    expect(statuses).toEqual(Array(20).fill(401));
    expect(await client.fetch('/api/me').then((r) => r.status)).toBe(401);
    expect(srv.count('/auth/refresh')).toBe(1);
    expect(onSessionEnd).toHaveBeenCalledTimes(1);
    expect(onSessionEnd.mock.calls[0]![0]).toMatchObject({ code: 'ERR_JWT_REVOKED', message: expect.stringContaining('the session was revoked') });
    expect(await client.session()).toBeNull();
    // Signing in again starts a new session that refreshes again.
    await client.signIn({ username: 'ada', password: 'pw' });
    expect(await client.fetch('/api/me').then((r) => r.status)).toBe(200);
  });

  it('a refresh that cannot reach the server keeps the session and says so (ERR_CLIENT_NETWORK)', async () => {
    let down = false;
    const srv = server();
    const flaky = (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (down && new Request(input, init).url.endsWith('/auth/refresh')) throw new TypeError('fetch failed');
      return srv.fetch(input, init);
    }) as typeof fetch;
    const onSessionEnd = vi.fn();
    const client = createAuthClient({ baseUrl: BASE, transport: 'bearer', fetch: flaky, refreshMargin: 0, onSessionEnd });
    await client.signIn({ username: 'ada', password: 'pw' });
    srv.expireAll();
    down = true;
    await expect(client.fetch('/api/me')).rejects.toMatchObject({ code: 'ERR_CLIENT_NETWORK' });
    expect(onSessionEnd).not.toHaveBeenCalled();
    down = false;
    expect(await client.fetch('/api/me').then((r) => r.status)).toBe(200);
  });

  it('a refusal that a refresh cannot cure is returned as is (403, a missing token)', async () => {
    const srv = scripted((_req, seen) => (seen.path === '/auth/login' ? bearerSession(1) : refusal(403, 'ERR_AUTH_FORBIDDEN')));
    const client = createAuthClient({ baseUrl: BASE, transport: 'bearer', fetch: srv.fetch });
    await client.signIn({ username: 'grace', password: 'pw' });
    expect((await client.fetch('/api/admin')).status).toBe(403);
    expect(srv.count('/auth/refresh')).toBe(0);
  });

  it('a refused sign-in throws the server\'s code, message, hint and status', async () => {
    const srv = scripted(() => refusal(401, 'ERR_AUTH_CREDENTIALS_INVALID', 'the user name or password is wrong', 'check the user name and password and try again'));
    const client = createAuthClient({ baseUrl: BASE, transport: 'bearer', fetch: srv.fetch });
    const error = await client.signIn({ username: 'ada', password: 'nope' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthClientError);
    expect(error).toMatchObject({ code: 'ERR_AUTH_CREDENTIALS_INVALID', status: 401, hint: 'check the user name and password and try again' });
    expect((error as Error).message).toContain('the user name or password is wrong');
  });

  it('signOut tells the server (the refresh token and the access token) and forgets the session', async () => {
    const srv = server();
    const storage = memoryStorage();
    const client = createAuthClient({ baseUrl: BASE, transport: 'bearer', fetch: srv.fetch, storage });
    await client.signIn({ username: 'ada', password: 'pw' });
    await client.signOut();
    const logout = srv.seen.find((s) => s.path === '/auth/logout')!;
    expect(JSON.parse(logout.body)).toEqual({ refresh_token: 'rt-1' });
    expect(logout.authorization).toMatch(/^Bearer /);
    expect(await storage.get()).toBeNull();
    expect(await client.session()).toBeNull();
  });

  it('two clients sharing one storage do not refresh the same token twice', async () => {
    const srv = server();
    const storage = memoryStorage();
    const a = createAuthClient({ baseUrl: BASE, transport: 'bearer', fetch: srv.fetch, storage, refreshMargin: 0, crossTab: false });
    const b = createAuthClient({ baseUrl: BASE, transport: 'bearer', fetch: srv.fetch, storage, refreshMargin: 0, crossTab: false });
    await a.signIn({ username: 'ada', password: 'pw' });
    srv.expireAll();
    expect((await a.fetch('/api/me')).status).toBe(200);
    // b's call goes out with the token a just refreshed; it is not refused, and b does not refresh.
    expect((await b.fetch('/api/me')).status).toBe(200);
    expect(srv.count('/auth/refresh')).toBe(1);
  });
});
