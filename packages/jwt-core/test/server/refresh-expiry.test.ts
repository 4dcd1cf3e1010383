/**
 * A refusal of a refresh token says which it is: expired (since when, and for how long), unknown
 * to the store, or (for a token of the earlier format, which carries no expiry) unknown or
 * expired. The token carries its own expiry; the store holds the hash of the whole string, so an
 * edited expiry names no record and is never accepted.
 */
import { describe, expect, it } from 'vitest';
import { hashRefreshToken } from '../../src/server/refresh-tokens.js';
import { createMemoryStore } from '../../src/server/index.js';
import { body, Clock, login, ORIGIN, request, setup } from './helpers.js';

const T0 = Date.parse('2026-11-22T10:00:00Z') / 1000;
type Auth = ReturnType<typeof setup>['auth'];

async function bearerLogin(auth: Auth) {
  return body(await auth.handle(request('POST', '/auth/login', { json: { username: 'alice', password: 'correct horse' } })));
}
const refresh = (auth: Auth, token: unknown) => auth.handle(request('POST', '/auth/refresh', { json: { refresh_token: token } }));

/** A setup whose logger keeps the operator lines (`refused (code): message; operator hint: ...`). */
function logged(overrides: Parameters<typeof setup>[0]) {
  const info: string[] = [];
  const s = setup({ ...overrides, logger: { warn: () => undefined, info: (m: string) => info.push(m) } });
  return { ...s, info };
}

describe('refresh-token refusals say which', () => {
  it('carries its expiry: the record\'s expiresAt in base36 after a dot', async () => {
    const { auth } = setup({ transport: 'bearer', refreshTokenTtl: '1h', sessionMaxAge: '2h' });
    const t = await bearerLogin(auth);
    const [random, exp] = (t.refresh_token as string).split('.');
    expect(random).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(parseInt(exp!, 36)).toBe(T0 + 3600);
    expect(t.refresh_expires_in).toBe(3600);
  });

  it('an expired token: "expired at <time> (<how long> ago)", with refreshTokenTtl and sessionMaxAge in the operator hint', async () => {
    const { auth, clock, info } = logged({ transport: 'bearer', refreshTokenTtl: '1h', sessionMaxAge: '2h' });
    const t = await bearerLogin(auth);
    clock.advance(3 * 3600 + 120);
    const res = await refresh(auth, t.refresh_token);
    expect(res!.status).toBe(401);
    const err = await body(res);
    expect(err.error).toBe('ERR_AUTH_REFRESH_INVALID');
    expect(err.message).toBe('the refresh token expired at 2026-11-22T11:00:00.000Z (2h 2m ago)');
    expect(err.hint).toBe('sign in again');
    expect(info.at(-1)).toContain('operator hint: sign in again. A refresh token lives refreshTokenTtl (1h) from its issue and never past sessionMaxAge (2h) from sign-in');
  });

  it('the expiry a rotation carries is capped by sessionMaxAge, and the refusal names that moment', async () => {
    const { auth, clock } = setup({ transport: 'bearer', refreshTokenTtl: '1h', sessionMaxAge: '90m' });
    const first = await bearerLogin(auth);
    clock.advance(50 * 60);
    const second = await body(await refresh(auth, first.refresh_token));
    expect(parseInt((second.refresh_token as string).split('.')[1]!, 36)).toBe(T0 + 90 * 60);
    clock.advance(41 * 60);
    expect((await body(await refresh(auth, second.refresh_token))).message).toBe('the refresh token expired at 2026-11-22T11:30:00.000Z (1m ago)');
  });

  it('a token the store never held that has not expired: unknown, and why that happens', async () => {
    const { auth, info } = logged({ transport: 'bearer' });
    const t = await bearerLogin(auth);
    const token = t.refresh_token as string;
    const forged = `${token[0] === 'A' ? 'B' : 'A'}${token.slice(1)}`;
    const err = await body(await refresh(auth, forged));
    expect(err.error).toBe('ERR_AUTH_REFRESH_INVALID');
    expect(err.message).toBe('the refresh token is unknown: it has not expired, and the store holds no record of it');
    expect(info.at(-1)).toMatch(/not issued by this deployment .* or the store lost it \(an in-memory store restarted, Redis flushed or evicted keys/);
  });

  it('a token from a store that lost its records (a restarted in-memory store) is unknown, not expired', async () => {
    const clock = new Clock();
    const a = setup({ transport: 'bearer', now: clock.now, store: createMemoryStore({ now: clock.now }) });
    const t = await bearerLogin(a.auth);
    const b = setup({ transport: 'bearer', now: clock.now, store: createMemoryStore({ now: clock.now }) });
    expect((await body(await refresh(b.auth, t.refresh_token))).message).toMatch(/^the refresh token is unknown: it has not expired/);
  });

  it('an edited expiry is not accepted: it names no record, and the genuine token still rotates', async () => {
    const { auth } = setup({ transport: 'bearer', refreshTokenTtl: '1h', sessionMaxAge: '2h' });
    const t = await bearerLogin(auth);
    const [random] = (t.refresh_token as string).split('.');
    const later = `${random}.${(T0 + 86_400).toString(36)}`;
    const earlier = `${random}.${(T0 - 60).toString(36)}`;
    expect((await body(await refresh(auth, later))).message).toMatch(/^the refresh token is unknown/);
    // A forged past expiry is refused as expired: a refusal either way, never a rotation.
    expect((await body(await refresh(auth, earlier))).message).toBe('the refresh token expired at 2026-11-22T09:59:00.000Z (1m ago)');
    expect((await refresh(auth, t.refresh_token))!.status).toBe(200);
  });

  it('malformed tokens are refused before the store is asked, with an expiry of more than 8 digits among them', async () => {
    const { auth } = setup({ transport: 'bearer' });
    const random = 'a'.repeat(43);
    for (const token of [`${random}.`, `${random}.ZZ`, `${random}.123456789`, `${random}.1.2`, 'a'.repeat(44), `${random}.1${' '.repeat(10)}`]) {
      const err = await body(await refresh(auth, token));
      expect(err.message, token).toBe('the refresh token is malformed (expected 43 base64url characters, a dot and its expiry)');
    }
  });

  it('a token of the earlier format (no expiry) still rotates while its record lives; unknown ones say "unknown or expired"', async () => {
    const clock = new Clock();
    const store = createMemoryStore({ now: clock.now });
    const { auth } = setup({ transport: 'bearer', now: clock.now, store });
    const old = 'O'.repeat(43);
    await store.insertRefresh({ hash: hashRefreshToken(old), sub: 'u-alice', family: 'fam-old', signedInAt: T0, issuedAt: T0, expiresAt: T0 + 600, familyExpiresAt: T0 + 3600 });
    const rotated = await refresh(auth, old);
    expect(rotated!.status).toBe(200);
    expect((await body(rotated)).refresh_token).toMatch(/^[A-Za-z0-9_-]{43}\.[0-9a-z]+$/);
    expect((await body(await refresh(auth, 'P'.repeat(43)))).message).toBe('the refresh token is unknown or expired (it has the earlier format, which does not carry its expiry)');
  });

  it('logout finds the session by a refresh token of the current format alone', async () => {
    const { auth } = setup({ transport: 'bearer' });
    const t = await bearerLogin(auth);
    const out = await body(await auth.handle(request('POST', '/auth/logout', { json: { refresh_token: t.refresh_token } })));
    expect(out).toMatchObject({ ok: true, revoked: { session: true, accessToken: false } });
    expect((await body(await refresh(auth, t.refresh_token))).error).toBe('ERR_JWT_REVOKED');
  });

  describe('cookie transport', () => {
    it('the refresh cookie\'s Max-Age ends when the token\'s expiry does, so browsers drop it then and the refusal is "no refresh cookie"', async () => {
      const { auth, clock } = setup({ refreshTokenTtl: '1h', sessionMaxAge: '2h' });
      const jar = await login(auth);
      const cookie = [...jar.cookies].find(([name]) => name.includes('tessera-rt'))!;
      const maxAge = Number(/Max-Age=(\d+)/.exec(cookie[1].attrs)![1]);
      expect(T0 + maxAge).toBe(parseInt(cookie[1].value.split('.')[1]!, 36));
      clock.advance(3601);
      jar.cookies.delete(cookie[0]); // what a browser does at Max-Age
      const err = await body(await auth.handle(request('POST', '/auth/refresh', { jar })));
      expect(err.message).toMatch(/no refresh cookie reached \/auth\/refresh; .* the browser deletes it when the refresh token expires/);
    });

    it('a refresh cookie kept past its Max-Age (a client clock behind, a client that ignores Max-Age) is refused as expired, and the cookies deleted', async () => {
      const { auth, clock } = setup({ refreshTokenTtl: '1h', sessionMaxAge: '2h' });
      const jar = await login(auth);
      const [name, c] = [...jar.cookies].find(([n]) => n.includes('tessera-rt'))!;
      clock.advance(3600 + 30);
      const result = await auth.authenticate(new Request(`${ORIGIN}/api/me`, { headers: { cookie: `${name}=${c.value}` } }));
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('ERR_AUTH_REFRESH_INVALID');
      expect(result.error.reason).toBe('expired');
      expect(result.error.message).toBe('the refresh token expired at 2026-11-22T11:00:00.000Z (30s ago)');
      expect(result.response.headers.getSetCookie().some((l) => l.startsWith(`${name}=;`) && l.includes('Max-Age=0'))).toBe(true);
    });

    it('reasons stay distinct: malformed, unknown, expired', async () => {
      const { auth } = setup({});
      const reasonOf = async (value: string) => {
        const r = await auth.authenticate(new Request(`${ORIGIN}/api/me`, { headers: { cookie: `__Secure-tessera-rt=${value}` } }));
        return r.ok ? 'ok' : r.error.reason;
      };
      expect(await reasonOf('short')).toBe('malformed');
      expect(await reasonOf(`${'a'.repeat(43)}.${(T0 + 60).toString(36)}`)).toBe('unknown');
      expect(await reasonOf(`${'a'.repeat(43)}.${(T0 - 60).toString(36)}`)).toBe('expired');
    });
  });
});
