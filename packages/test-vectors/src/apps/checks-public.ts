/**
 * The public part of the contract: `GET /` lists the routes and the settings, the JWKS publishes
 * public keys only, every other path is a JSON 404, and protected routes refuse anonymous callers.
 */
import { AppClient } from './client.js';
import { CONTRACT_ROUTES } from './contract.js';
import { first, member, refusal, status, typed, valueAt } from './expect.js';
import type { AppCheck } from './types.js';

/** JWK members that only a private or secret key has (RFC 7518 §6.2.2, §6.3.2, §6.4). */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

export const publicChecks: AppCheck[] = [
  {
    name: 'GET / answers the transport, the origin and every route',
    async run(t) {
      const a = await new AppClient(t).send('GET', '/');
      const routes = valueAt(a.body, 'routes');
      const missing = CONTRACT_ROUTES.filter((r) => typeof (routes as Record<string, unknown> | undefined)?.[r] !== 'string');
      return first(
        status('GET /', a, 200),
        typed('GET /', a, 'name', 'string'),
        member('GET /', a, 'transport', t.transport),
        member('GET /', a, 'origin', t.origin),
        missing.length === 0 ? null : `GET /: routes does not describe ${missing.join(', ')}`,
      );
    },
  },
  {
    name: 'GET /.well-known/jwks.json publishes the signing key, public members only',
    async run(t) {
      const a = await new AppClient(t).send('GET', '/.well-known/jwks.json');
      const keys = valueAt(a.body, 'keys');
      if (a.status !== 200 || !Array.isArray(keys)) return `GET /.well-known/jwks.json: answered ${a.status}, expected 200 with a keys array`;
      if (!/json/i.test(a.headers.get('content-type') ?? '')) return 'GET /.well-known/jwks.json: not JSON';
      for (const key of keys as Array<Record<string, unknown>>) {
        const leaked = PRIVATE_MEMBERS.filter((m) => m in key);
        if (leaked.length > 0) return `the JWKS key ${JSON.stringify(key['kid'])} has private members: ${leaked.join(', ')}`;
        if (typeof key['kid'] !== 'string' || key['kid'] === '') return 'a JWKS key has no kid';
      }
      if (t.signingKid !== undefined && !(keys as Array<Record<string, unknown>>).some((k) => k['kid'] === t.signingKid)) {
        return `the JWKS does not publish the configured signing key (kid ${JSON.stringify(t.signingKid)}); it has ${JSON.stringify((keys as Array<Record<string, unknown>>).map((k) => k['kid']))}`;
      }
      return null;
    },
  },
  {
    name: 'an unknown path is a JSON 404 and a wrong method a 405 naming the allowed one',
    async run(t) {
      const c = new AppClient(t);
      const missing = await c.send('GET', '/no/such/route');
      const wrongMethod = await c.send('GET', '/auth/login');
      return first(
        refusal('GET /no/such/route', missing, 404, 'ERR_AUTH_NOT_FOUND'),
        refusal('GET /auth/login', wrongMethod, 405, 'ERR_AUTH_REQUEST_INVALID'),
        wrongMethod.headers.get('allow') === 'POST' ? null : `GET /auth/login: Allow is ${JSON.stringify(wrongMethod.headers.get('allow'))}, expected "POST"`,
      );
    },
  },
  {
    name: 'without a token, /api/me, /api/admin and /auth/session are 401 ERR_TOKEN_MISSING with a Bearer challenge',
    async run(t) {
      const c = new AppClient(t);
      for (const path of ['/api/me', '/api/admin', '/auth/session']) {
        const a = await c.send('GET', path);
        const bad = first(
          refusal(`GET ${path} without a token`, a, 401, 'ERR_TOKEN_MISSING'),
          /^Bearer\b/.test(a.headers.get('www-authenticate') ?? '') ? null : `GET ${path} without a token: no WWW-Authenticate: Bearer challenge (RFC 6750 §3)`,
        );
        if (bad !== null) return bad;
      }
      return null;
    },
  },
];
