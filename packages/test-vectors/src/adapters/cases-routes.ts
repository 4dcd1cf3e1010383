/**
 * The app contract's routes through the adapter: public, protected, role-gated, unknown paths, the
 * JWKS, an app handler that throws, HEAD and OPTIONS, wrong methods, and identity that comes only
 * from the verified token.
 */
import { APP_FAILURE_MESSAGE, check, expectError, expectNoCookies, expectNotLeaked, expectStatus, expectSub, header } from './expect.js';
import { headerOf } from '../security/encoding.js';
import { bearer, signIn } from './session.js';
import type { AdapterCase, Reply } from './types.js';

function expectNotFound(reply: Reply): void {
  expectStatus(reply, 404);
  if (!(reply.headers.get('content-type') ?? '').includes('json')) return;
  // The core's refusal format (errorResponse(adapterRefusal('not_found'))), when the answer is JSON.
  check(reply.json().error === 'ERR_AUTH_NOT_FOUND', `${reply.what}: a JSON 404 must be the core's ERR_AUTH_NOT_FOUND, got ${reply.body.slice(0, 200)}`);
}

const routes: AdapterCase = {
  id: 'routes',
  title: 'GET / is public, unknown paths are 404, /api/me without a token is 401 with a bare Bearer challenge',
  run: (h) => h.withServer({}, async (s) => {
    const home = await s.fetch('/');
    expectStatus(home, 200);
    home.json();
    for (const path of ['/nope', '/auth/nope', '/api', '/api/me/more']) expectNotFound(await s.fetch(path));
    const anonymous = await s.fetch('/api/me');
    expectError(anonymous, 401, 'ERR_TOKEN_MISSING');
    check(header(anonymous, 'www-authenticate') === 'Bearer', `${anonymous.what}: RFC 6750 §3.1: no credentials, a challenge without error; got ${anonymous.headers.get('www-authenticate')}`);
    expectError(await s.fetch('/api/admin'), 401, 'ERR_TOKEN_MISSING');
    expectError(await s.fetch('/api/fail'), 401, 'ERR_TOKEN_MISSING', 'the app handler must not run without authentication');
  }),
};

function roles(transport: 'cookie' | 'bearer' | 'split'): AdapterCase {
  return {
    id: `roles/${transport}`,
    title: `${transport} transport: /api/admin is 403 insufficient_scope without role admin, 200 with it`,
    run: (h) => h.withServer({ transport }, async (s) => {
      const denied = await (await signIn(s, 'ada')).request('/api/admin');
      const body = expectError(denied, 403, 'ERR_AUTH_FORBIDDEN');
      check(String(body.message).includes('admin'), `${denied.what}: the message should name the missing role, got ${String(body.message)}`);
      check(header(denied, 'www-authenticate').startsWith('Bearer error="insufficient_scope"'), `${denied.what}: expected an insufficient_scope challenge, got ${denied.headers.get('www-authenticate')}`);
      const admin = await (await signIn(s, 'root')).request('/api/admin');
      expectStatus(admin, 200);
      const answer = admin.json();
      check(answer.admin === true && answer.sub === 'u-root', `${admin.what}: expected { admin: true, sub: 'u-root' }, got ${admin.body.slice(0, 200)}`);
    }),
  };
}

const jwks: AdapterCase = {
  id: 'jwks',
  title: 'GET/HEAD /.well-known/jwks.json: the public key that verifies the tokens, never a private or secret member',
  run: async (h) => {
    await h.withServer({ transport: 'bearer', signing: 'ES256' }, async (s) => {
      const res = await s.fetch('/.well-known/jwks.json');
      expectStatus(res, 200);
      check(header(res, 'content-type').includes('json'), `${res.what}: expected a JSON content type, got ${res.headers.get('content-type')}`);
      const keys = res.json().keys as Record<string, unknown>[] | undefined;
      check(Array.isArray(keys) && keys.length === 1, `${res.what}: expected one key, got ${res.body.slice(0, 200)}`);
      const key = keys[0]!;
      check(key.kty === 'EC' && key.crv === 'P-256' && key.d === undefined, `${res.what}: expected the public P-256 key without d, got ${JSON.stringify(key)}`);
      const ada = await signIn(s, 'ada');
      const kid = headerOf(ada.access()).kid;
      check(kid === key.kid, `${res.what}: the published kid ${String(key.kid)} is not the access token's kid ${String(kid)}`);
      const head = await s.fetch('/.well-known/jwks.json', { method: 'HEAD' });
      expectStatus(head, 200);
      check(head.body === '', `${head.what}: a HEAD response has no body, got ${head.body.length} bytes`);
    });
    await h.withServer({}, async (s) => {
      const res = await s.fetch('/.well-known/jwks.json');
      expectStatus(res, 200);
      check(JSON.stringify(res.json().keys) === '[]', `${res.what}: an HMAC secret is never published; expected keys [], got ${res.body.slice(0, 200)}`);
    });
  },
};

/** Codes of the auth layer's refusals (an app failure is none of them). */
const AUTH_REFUSALS = /^(ERR_AUTH_UNAVAILABLE|ERR_AUTH_FORBIDDEN|ERR_AUTH_CREDENTIALS_INVALID|ERR_AUTH_REFRESH_INVALID|ERR_TOKEN_MISSING|ERR_JWT_|ERR_JWS_|ERR_JWKS_|ERR_JOSE_)/;

const appError: AdapterCase = {
  id: 'app-error',
  title: "GET /api/fail: the app's own error after authentication is a 500, not an auth error, and its message is not sent",
  run: (h) => h.withServer({ transport: 'bearer' }, async (s) => {
    const ada = await signIn(s, 'ada');
    const res = await ada.request('/api/fail');
    expectStatus(res, 500, 'the handler threw after authentication');
    expectNotLeaked(res, APP_FAILURE_MESSAGE);
    expectNotLeaked(res);
    if ((res.headers.get('content-type') ?? '').includes('json')) {
      const code = String(res.json().error);
      check(!AUTH_REFUSALS.test(code), `${res.what}: the app's failure was turned into the auth refusal ${code}`);
    }
    check(res.headers.get('www-authenticate') === null, `${res.what}: the app's failure carries an auth challenge`);
    expectSub(await ada.request('/api/me'), 'u-ada');
  }),
};

const headAndOptions: AdapterCase = {
  id: 'head-options-methods',
  title: 'HEAD answers without a body, OPTIONS reaches the app, a wrong method on an auth endpoint is 405 with Allow',
  run: (h) => h.withServer({ transport: 'bearer' }, async (s) => {
    const ada = await signIn(s, 'ada');
    const me = await ada.request('/api/me', { method: 'HEAD' });
    expectStatus(me, 200, 'HEAD with a valid token');
    check(me.body === '', `${me.what}: a HEAD response has no body, got ${me.body.length} bytes`);
    const anonymous = await s.fetch('/api/me', { method: 'HEAD' });
    expectStatus(anonymous, 401, 'HEAD without a token');
    check(anonymous.body === '', `${anonymous.what}: a HEAD response has no body`);
    const options = await s.fetch('/auth/login', { method: 'OPTIONS', headers: { origin: 'https://spa.example', 'access-control-request-method': 'POST' } });
    check(options.status !== 405 && options.status < 500, `${options.what}: OPTIONS is the app's (CORS pre-flights); expected neither 405 nor 5xx, got ${options.status}`);
    expectNoCookies(options, 'OPTIONS');
    const wrong = await s.fetch('/auth/login');
    expectError(wrong, 405, 'ERR_AUTH_REQUEST_INVALID', 'GET on a POST endpoint');
    check(header(wrong, 'allow') === 'POST', `${wrong.what}: expected Allow: POST, got ${wrong.headers.get('allow')}`);
    expectStatus(await s.fetch('/auth/session', { method: 'DELETE' }), 405);
  }),
};

const identity: AdapterCase = {
  id: 'identity-from-token',
  title: 'identity comes only from the verified token: body fields and x-middleware-subrequest change nothing (CVE-2025-61928, CVE-2025-29927)',
  run: (h) => h.withServer({ transport: 'bearer' }, async (s) => {
    const ada = await signIn(s, 'ada');
    const impersonate = { sub: 'u-root', userId: 'u-root', claims: { sub: 'u-root', roles: ['admin'] } };
    expectSub(await ada.request('/api/me', { method: 'POST', json: impersonate }), 'u-ada');
    expectError(await s.fetch('/api/me', { method: 'POST', json: impersonate }), 401, 'ERR_TOKEN_MISSING', 'no token, a body naming root');
    const skip = { 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware', 'x-middleware-prefetch': '1' };
    expectError(await s.fetch('/api/admin', { headers: skip }), 401, 'ERR_TOKEN_MISSING', 'x-middleware-subrequest without a token');
    expectError(await s.fetch('/api/admin', bearer(ada.access(), { headers: skip })), 403, 'ERR_AUTH_FORBIDDEN', 'x-middleware-subrequest with a user token');
  }),
};

export const routeCases: readonly AdapterCase[] = [
  routes,
  roles('cookie'), roles('bearer'), roles('split'),
  jwks, appError, headAndOptions, identity,
];
