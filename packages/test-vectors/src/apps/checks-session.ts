/**
 * A session's life: the protected and role-gated routes, `/auth/session`, refresh, logout (the
 * server forgets the session: a copy of the tokens is refused afterwards), and logout-all (every
 * session of the user ends). Logout-all comes last: sessions of that user begun in the same second
 * end with it, so no check after it may sign the user in.
 */
import { AppClient } from './client.js';
import { CONTRACT_USERS, type ContractUser } from './contract.js';
import { first, member, refusal, status, typed } from './expect.js';
import { signInAnswer } from './checks-sign-in.js';
import type { AppCheck, ResolvedTarget } from './types.js';

/** A client signed in as `user`, or what went wrong. */
async function signedIn(t: ResolvedTarget, user: ContractUser): Promise<AppClient | string> {
  const c = new AppClient(t);
  const bad = signInAnswer(t, user, await c.login(user.username, user.password));
  return bad ?? c;
}

export const sessionChecks: AppCheck[] = [
  {
    name: 'GET /api/me answers the claims, /api/admin is 403 for a user and 200 for an admin, /auth/session the claims and expires_in',
    async run(t) {
      const [ada, grace] = CONTRACT_USERS;
      const user = await signedIn(t, ada);
      if (typeof user === 'string') return user;
      const me = await user.send('GET', '/api/me');
      const refused = await user.send('GET', '/api/admin');
      const session = await user.send('GET', '/auth/session');
      const expiresIn = Number(session.body?.['expires_in']);
      const bad = first(
        status('GET /api/me', me, 200),
        typed('GET /api/me', me, 'message', 'string'),
        member('GET /api/me', me, 'claims.sub', ada.id),
        member('GET /api/me', me, 'claims.roles', ada.roles),
        refusal(`GET /api/admin as ${ada.username}`, refused, 403, 'ERR_AUTH_FORBIDDEN'),
        /insufficient_scope/.test(refused.headers.get('www-authenticate') ?? '') ? null : `GET /api/admin as ${ada.username}: no insufficient_scope challenge (RFC 6750 §3.1)`,
        status('GET /auth/session', session, 200),
        member('GET /auth/session', session, 'claims.sub', ada.id),
        expiresIn > 0 && expiresIn <= t.accessTtlSeconds ? null : `GET /auth/session: expires_in ${String(session.body?.['expires_in'])}, expected 1..${t.accessTtlSeconds}`,
      );
      if (bad !== null) return bad;
      const admin = await signedIn(t, grace);
      if (typeof admin === 'string') return admin;
      const allowed = await admin.send('GET', '/api/admin');
      return first(status(`GET /api/admin as ${grace.username}`, allowed, 200), typed(`GET /api/admin as ${grace.username}`, allowed, 'message', 'string'));
    },
  },
  {
    name: 'POST /auth/refresh replaces both tokens; a refresh without a refresh token is 401',
    async run(t) {
      const [ada] = CONTRACT_USERS;
      const c = await signedIn(t, ada);
      if (typeof c === 'string') return c;
      const before = c.copy();
      const refreshed = await c.refresh();
      const bad = first(
        status('POST /auth/refresh', refreshed, 200),
        member('POST /auth/refresh', refreshed, 'expires_in', t.accessTtlSeconds),
        member('POST /auth/refresh', refreshed, 'claims.sub', ada.id),
        t.transport === 'bearer'
          ? (c.accessToken !== before.accessToken && c.refreshToken !== before.refreshToken ? null : 'POST /auth/refresh: the bearer tokens were not replaced')
          : (refreshed.setCookies.length >= 2 ? null : `POST /auth/refresh: ${refreshed.setCookies.length} Set-Cookie lines, expected new access and refresh cookies`),
      );
      if (bad !== null) return bad;
      const after = await c.send('GET', '/api/me');
      const empty = new AppClient(t);
      const missing = await empty.refresh();
      return first(
        status('GET /api/me with the refreshed tokens', after, 200),
        refusal('POST /auth/refresh without a refresh token', missing, 401, ['ERR_TOKEN_MISSING', 'ERR_AUTH_REFRESH_INVALID']),
      );
    },
  },
  {
    name: 'POST /auth/logout ends the session on the server: a copy of its tokens is refused afterwards',
    async run(t) {
      const [ada] = CONTRACT_USERS;
      const c = await signedIn(t, ada);
      if (typeof c === 'string') return c;
      const stolen = c.copy();
      const out = await c.logout();
      const bad = first(
        status('POST /auth/logout', out, 200),
        member('POST /auth/logout', out, 'ok', true),
        member('POST /auth/logout', out, 'revoked', { session: true, accessToken: true }),
        t.transport === 'bearer' || c.cookies.size === 0 ? null : `POST /auth/logout: cookies left in the browser: ${[...c.cookies.keys()].join(', ')}`,
      );
      if (bad !== null) return bad;
      // Each replay from its own copy: a refusal in the cookie transports also deletes the cookies it refused.
      const replayed = await stolen.copy().send('GET', '/api/me');
      const refreshed = await stolen.copy().refresh();
      return first(
        refusal('GET /api/me with the tokens from before the logout', replayed, 401, 'ERR_JWT_REVOKED'),
        refusal('POST /auth/refresh with the refresh token from before the logout', refreshed, 401, ['ERR_JWT_REVOKED', 'ERR_AUTH_REFRESH_INVALID']),
      );
    },
  },
  {
    name: 'POST /auth/logout-all ends every session of the user',
    async run(t) {
      const [, grace] = CONTRACT_USERS;
      const laptop = await signedIn(t, grace);
      if (typeof laptop === 'string') return laptop;
      const phone = await signedIn(t, grace);
      if (typeof phone === 'string') return phone;
      const out = await laptop.send('POST', '/auth/logout-all');
      const bad = first(
        status('POST /auth/logout-all', out, 200),
        member('POST /auth/logout-all', out, 'ok', true),
        member('POST /auth/logout-all', out, 'sub', grace.id),
        typed('POST /auth/logout-all', out, 'revokedBefore', 'string'),
      );
      if (bad !== null) return bad;
      return first(
        refusal('GET /api/me on the other device after logout-all', await phone.copy().send('GET', '/api/me'), 401, 'ERR_JWT_REVOKED'),
        refusal('POST /auth/refresh on the other device after logout-all', await phone.copy().refresh(), 401, ['ERR_JWT_REVOKED', 'ERR_AUTH_REFRESH_INVALID']),
      );
    },
  },
];
