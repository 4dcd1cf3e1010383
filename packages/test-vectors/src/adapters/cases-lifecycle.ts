/**
 * The token life cycle through the adapter, in each transport: sign-in, access, expiry, explicit
 * and transparent refresh, logout, logout-all, refresh-token reuse, a locked user. Time moves by
 * the injected clock only.
 */
import { check, cookieNames, expectError, expectNoCookies, expectStatus, expectSub, header } from './expect.js';
import { ISSUER } from './harness.js';
import { refreshWith, signIn } from './session.js';
import type { AdapterCase } from './types.js';

type Transport = 'cookie' | 'bearer' | 'split';
const TRANSPORTS: readonly Transport[] = ['cookie', 'bearer', 'split'];
/** Past the default 10-minute access token. */
const EXPIRE = 11 * 60;
/** The cookies a login or refresh sets, per cookie transport. */
const SESSION_COOKIES: Readonly<Record<Transport, string[]>> = {
  cookie: ['tessera-at', 'tessera-rt'],
  split: ['tessera-as', 'tessera-at', 'tessera-rt'],
  bearer: [],
};

function lifecycle(transport: Transport): AdapterCase {
  return {
    id: `lifecycle/${transport}`,
    title: `${transport} transport: login -> /api/me -> expiry -> POST /auth/refresh -> session -> logout -> 401`,
    run: (h) => h.withServer({ transport }, async (s) => {
      const ada = await signIn(s, 'ada');
      check(ada.login.headers.get('cache-control')?.includes('no-store'), `${ada.login.what}: Cache-Control must be no-store, got ${ada.login.headers.get('cache-control')}`);
      const body = ada.login.json();
      if (transport === 'bearer') {
        check(body.token_type === 'Bearer' && body.expires_in === 600, `${ada.login.what}: expected token_type Bearer and expires_in 600, got ${ada.login.body.slice(0, 200)}`);
      } else {
        check(!/eyJ[\w-]+\.eyJ/.test(ada.login.body), `${ada.login.what}: the ${transport} transport must not put a token in the body`);
        check(cookieNames(ada.login).join() === SESSION_COOKIES[transport].join(), `${ada.login.what}: expected cookies ${SESSION_COOKIES[transport].join(', ')}, got ${cookieNames(ada.login).join(', ')}`);
      }
      const claims = expectSub(await ada.request('/api/me'), 'u-ada');
      check(claims.iss === ISSUER && JSON.stringify(claims.roles) === '["user"]', `GET /api/me: expected the verified claims (iss ${ISSUER}, roles [user]), got ${JSON.stringify(claims)}`);

      s.advance(EXPIRE);
      const expired = await ada.request('/api/me');
      expectError(expired, 401, 'ERR_JWT_EXPIRED', 'the refresh cookie is scoped to /auth, so no transparent refresh');
      expectNoCookies(expired, 'an expired access token without a refresh cookie');
      check(header(expired, 'www-authenticate').startsWith('Bearer error="invalid_token"'), `${expired.what}: expected an RFC 6750 invalid_token challenge, got ${expired.headers.get('www-authenticate')}`);
      const before = { access: ada.access(), refresh: ada.refreshToken() };
      expectStatus(await ada.refresh(), 200, 'explicit refresh');
      check(ada.access() !== before.access && ada.refreshToken() !== before.refresh, 'POST /auth/refresh: expected a new access token and a rotated refresh token');
      expectSub(await ada.request('/api/me'), 'u-ada');
      const session = await ada.request('/auth/session');
      expectSub(session, 'u-ada');
      check(session.json().expires_in === 600, `${session.what}: expected expires_in 600 right after the refresh, got ${String(session.json().expires_in)}`);

      const last = { access: ada.access(), refresh: ada.refreshToken() };
      const logout = await ada.logout();
      expectStatus(logout, 200);
      const revoked = logout.json().revoked as Record<string, unknown> | undefined;
      check(revoked?.session === true && revoked.accessToken === true, `${logout.what}: expected revoked { session: true, accessToken: true }, got ${logout.body.slice(0, 200)}`);
      if (transport !== 'bearer') check(ada.client.jar.size === 0, `${logout.what}: the session cookies must be deleted; still set: ${[...ada.client.jar.keys()].join(', ')}`);
      expectError(await ada.request('/api/me'), 401, transport === 'bearer' ? 'ERR_JWT_REVOKED' : 'ERR_TOKEN_MISSING', 'after logout');
      // The server, not the client, ended the session: copies of both tokens are refused.
      expectError(await s.fetch('/api/me', { headers: { authorization: `Bearer ${last.access}` } }), 401, 'ERR_JWT_REVOKED', 'the logged-out access token replayed');
      if (transport !== 'bearer') {
        const dot = last.access.lastIndexOf('.');
        const cookie = transport === 'split' ? `tessera-at=${last.access.slice(0, dot)}; tessera-as=${last.access.slice(dot + 1)}` : `tessera-at=${last.access}`;
        expectError(await s.fetch('/api/me', { headers: { cookie } }), 401, 'ERR_JWT_REVOKED', 'the logged-out access cookie replayed');
      }
      expectStatus(await refreshWith(s, last.refresh), 401, 'the logged-out refresh token replayed');
      expectStatus(await s.fetch('/auth/session'), 401, 'no session');
    }),
  };
}

function transparentRefresh(transport: 'cookie' | 'split'): AdapterCase {
  return {
    id: `transparent-refresh/${transport}`,
    title: `${transport} transport, refresh cookie on Path=/: an expired access token is refreshed on an app route (GET and POST), cookies on the app's response`,
    run: (h) => h.withServer({ transport, config: { cookies: { refreshPath: '/' } } }, async (s) => {
      const ada = await signIn(s, 'ada');
      const quiet = await ada.request('/api/me');
      expectSub(quiet, 'u-ada');
      check(quiet.cookies.length === 0, `${quiet.what}: a valid access token must not set cookies, got ${cookieNames(quiet).join(', ')}`);
      for (const method of ['GET', 'POST']) {
        const before = ada.access();
        s.advance(EXPIRE);
        const renewed = await ada.request('/api/me', { method });
        expectSub(renewed, 'u-ada');
        check(cookieNames(renewed).join() === SESSION_COOKIES[transport].join(), `${renewed.what}: the transparent refresh must reach the client as Set-Cookie ${SESSION_COOKIES[transport].join(', ')}; got ${cookieNames(renewed).join(', ') || 'none'} (are the result's headers applied?)`);
        check(header(renewed, 'cache-control').includes('no-store'), `${renewed.what}: a response setting token cookies must be Cache-Control: no-store`);
        check(ada.access() !== before, `${renewed.what}: the access cookie was not renewed`);
        expectSub(await ada.request('/api/me'), 'u-ada');
      }
    }),
  };
}

function logoutAll(transport: Transport): AdapterCase {
  return {
    id: `logout-all/${transport}`,
    title: `${transport} transport: POST /auth/logout-all ends every session of the user, not other users'`,
    run: (h) => h.withServer({ transport, config: { cookies: { refreshPath: '/' } } }, async (s) => {
      const laptop = await signIn(s, 'ada');
      const phone = await signIn(s, 'ada');
      const other = await signIn(s, 'root');
      const phoneRefresh = phone.refreshToken();
      s.advance(1);
      const all = await laptop.request('/auth/logout-all', { method: 'POST' });
      expectStatus(all, 200);
      check(all.json().sub === 'u-ada', `${all.what}: expected sub u-ada, got ${all.body.slice(0, 200)}`);
      expectError(await phone.request('/api/me'), 401, 'ERR_JWT_REVOKED', "the other device's access token");
      if (transport !== 'bearer') check(phone.client.jar.size === 0, `the dead session's cookies must be deleted on the other device; still set: ${[...phone.client.jar.keys()].join(', ')}`);
      expectStatus(await refreshWith(s, phoneRefresh), 401, "the other device's refresh token");
      expectSub(await other.request('/api/me'), 'u-root');
      s.advance(1);
      expectSub(await (await signIn(s, 'ada')).request('/api/me'), 'u-ada');
    }),
  };
}

function reuse(transport: Transport): AdapterCase {
  return {
    id: `refresh-reuse/${transport}`,
    title: `${transport} transport: a refresh token reused after the grace window revokes its whole family`,
    run: (h) => h.withServer({ transport }, async (s) => {
      const ada = await signIn(s, 'ada');
      const first = ada.refreshToken();
      expectStatus(await ada.refresh(), 200, 'first use');
      expectStatus(await refreshWith(s, first), 200, 'a second use within the grace window (a second tab)');
      s.advance(60);
      const theft = expectError(await refreshWith(s, first), 401, 'ERR_JWT_REVOKED', 'reuse 60 s later');
      check(String(theft.message).includes('already used'), `reuse: the message should say the token was already used, got ${String(theft.message)}`);
      expectError(await s.fetch('/api/me', { headers: { authorization: `Bearer ${ada.access()}` } }), 401, 'ERR_JWT_REVOKED', "the legitimate descendant's access token");
      expectStatus(await ada.refresh(), 401, "the legitimate descendant's refresh token");
    }),
  };
}

function lockedUser(transport: Transport): AdapterCase {
  return {
    id: `refresh-locked-user/${transport}`,
    title: `${transport} transport: a user that loadUser no longer returns cannot refresh, and the session stays revoked`,
    run: (h) => h.withServer({ transport }, async (s) => {
      const ada = await signIn(s, 'ada');
      const token = ada.refreshToken();
      s.users.get('ada')!.locked = true;
      s.advance(EXPIRE);
      const refused = expectError(await ada.refresh(), 401, 'ERR_JWT_REVOKED', 'locked user');
      check(String(refused.message).includes('loadUser'), `locked user: the message should name loadUser, got ${String(refused.message)}`);
      s.users.get('ada')!.locked = false;
      expectStatus(await refreshWith(s, token), 401, 'unlocked again: the revoked session stays revoked');
    }),
  };
}

export const lifecycleCases: readonly AdapterCase[] = [
  ...TRANSPORTS.map(lifecycle),
  transparentRefresh('cookie'),
  transparentRefresh('split'),
  ...TRANSPORTS.map(logoutAll),
  ...TRANSPORTS.map(reuse),
  ...TRANSPORTS.map(lockedUser),
];
