/**
 * Signing in: one refusal for a wrong password and an unknown user, tokens delivered the way the
 * transport says, `expires_in` equal to TESSERA_ACCESS_TTL, the configured origin as issuer, the
 * demo users' claims, tokens that verify with the published keys, and (cookie transports) the CSRF
 * defence on sign-in and sign-out.
 */
import { AppClient, cookieAttributes, type Answer } from './client.js';
import { CONTRACT_AUDIENCE, CONTRACT_USERS, type ContractUser } from './contract.js';
import { absent, first, JWS, member, refusal, status, typed } from './expect.js';
import type { AppCheck, ResolvedTarget } from './types.js';
import { verifiesWithJwks } from './verify-jwks.js';

/** What a successful sign-in of `user` must answer on this target. */
export function signInAnswer(t: ResolvedTarget, user: ContractUser, a: Answer): string | null {
  const what = `POST /auth/login as ${user.username}`;
  const exp = Number((a.body?.['claims'] as Record<string, unknown> | undefined)?.['exp']);
  const iat = Number((a.body?.['claims'] as Record<string, unknown> | undefined)?.['iat']);
  return first(
    status(what, a, 200),
    member(what, a, 'token_type', t.transport === 'bearer' ? 'Bearer' : t.transport),
    member(what, a, 'expires_in', t.accessTtlSeconds),
    typed(what, a, 'refresh_expires_in', 'number'),
    member(what, a, 'claims.sub', user.id),
    member(what, a, 'claims.name', user.username),
    member(what, a, 'claims.roles', user.roles),
    member(what, a, 'claims.permissions', user.permissions),
    member(what, a, 'claims.iss', t.origin),
    member(what, a, 'claims.aud', CONTRACT_AUDIENCE),
    exp - iat === t.accessTtlSeconds ? null : `${what}: exp - iat is ${exp - iat}s, expected TESSERA_ACCESS_TTL (${t.accessTtlSeconds}s)`,
    t.transport === 'bearer' ? bearerDelivery(what, a) : cookieDelivery(what, t, a),
  );
}

function bearerDelivery(what: string, a: Answer): string | null {
  return first(
    typed(what, a, 'access_token', 'string'),
    typed(what, a, 'refresh_token', 'string'),
    a.setCookies.length === 0 ? null : `${what}: the bearer transport set cookies (${a.setCookies.length})`,
  );
}

/** cookie: every token cookie HttpOnly; split: the readable cookie holds no complete token. Never a token in the body. */
function cookieDelivery(what: string, t: ResolvedTarget, a: Answer): string | null {
  const cookies = cookieAttributes(a);
  const readable = cookies.filter((c) => !c.attributes.includes('httponly'));
  return first(
    absent(what, a, 'access_token'),
    absent(what, a, 'refresh_token'),
    cookies.length >= 2 ? null : `${what}: expected the access and refresh cookies, got ${cookies.length} Set-Cookie lines`,
    cookies.every((c) => c.attributes.includes('samesite=lax') || c.attributes.includes('samesite=strict')) ? null : `${what}: a session cookie without SameSite=Lax or Strict`,
    t.transport === 'cookie'
      ? (readable.length === 0 ? null : `${what}: cookies page scripts can read: ${readable.map((c) => c.name).join(', ')}`)
      : readable.length === 1 && !JWS.test(readable[0]!.value) ? null : `${what}: the split transport must give scripts exactly one cookie (header.payload, no signature); readable: ${readable.map((c) => c.name).join(', ') || 'none'}`,
  );
}

export const signInChecks: AppCheck[] = [
  {
    name: 'a wrong password and an unknown user get the same 401 ERR_AUTH_CREDENTIALS_INVALID',
    async run(t) {
      const [ada] = CONTRACT_USERS;
      const wrong = await new AppClient(t).login(ada.username, `${ada.password}!`);
      const unknown = await new AppClient(t).login('nobody', ada.password);
      return first(
        refusal('sign-in with a wrong password', wrong, 401, 'ERR_AUTH_CREDENTIALS_INVALID'),
        refusal('sign-in as an unknown user', unknown, 401, 'ERR_AUTH_CREDENTIALS_INVALID'),
        wrong.body?.['message'] === unknown.body?.['message'] ? null : 'the messages for a wrong password and an unknown user differ (account enumeration)',
      );
    },
  },
  {
    name: 'each demo user signs in: expires_in is TESSERA_ACCESS_TTL, iss is TESSERA_ORIGIN, tokens travel as TRANSPORT says',
    async run(t) {
      for (const user of CONTRACT_USERS) {
        const bad = signInAnswer(t, user, await new AppClient(t).login(user.username, user.password));
        if (bad !== null) return bad;
      }
      return null;
    },
  },
  {
    name: 'the access token verifies with the key the JWKS publishes under its kid',
    transports: ['bearer'],
    async run(t) {
      const c = new AppClient(t);
      const [ada] = CONTRACT_USERS;
      const login = await c.login(ada.username, ada.password);
      if (login.status !== 200 || c.accessToken === undefined) return `sign-in as ${ada.username} answered ${login.status}`;
      const jwks = await c.send('GET', '/.well-known/jwks.json');
      return verifiesWithJwks(c.accessToken, jwks.body);
    },
  },
  {
    name: 'cookie transports refuse a sign-in or sign-out without an allowed Origin (403 ERR_AUTH_FORBIDDEN)',
    transports: ['cookie', 'split'],
    async run(t) {
      const [, grace] = CONTRACT_USERS;
      const noOrigin = await new AppClient(t).login(grace.username, grace.password, { origin: null });
      const evil = await new AppClient(t).login(grace.username, grace.password, { origin: 'https://evil.example' });
      const c = new AppClient(t);
      if ((await c.login(grace.username, grace.password)).status !== 200) return `sign-in as ${grace.username} with the app's own Origin failed`;
      const forgedLogout = await c.logout({ origin: 'https://evil.example' });
      const stillIn = await c.send('GET', '/api/me');
      return first(
        refusal('sign-in without Origin', noOrigin, 403, 'ERR_AUTH_FORBIDDEN'),
        noOrigin.setCookies.length === 0 ? null : 'sign-in without Origin set cookies',
        refusal('sign-in from https://evil.example', evil, 403, 'ERR_AUTH_FORBIDDEN'),
        refusal('sign-out from https://evil.example', forgedLogout, 403, 'ERR_AUTH_FORBIDDEN'),
        status('GET /api/me after a refused cross-site sign-out', stillIn, 200),
      );
    },
  },
];
