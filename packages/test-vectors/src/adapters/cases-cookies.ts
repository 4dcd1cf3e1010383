/**
 * What the adapter must carry intact between the core and the wire in the cookie transports:
 * every Set-Cookie on its own line with its attributes, the CSRF origin check, and the scheme and
 * host of the request, which only a trusted proxy may change.
 */
import { headerOf, unb64u } from '../security/encoding.js';
import { check, cookieNames, expectError, expectNoCookies, expectStatus, expectSub } from './expect.js';
import { signIn } from './session.js';
import type { AdapterCase, Reply, SetCookie } from './types.js';

function cookie(reply: Reply, name: string): SetCookie {
  const found = reply.cookies.find((c) => c.name === name);
  check(found !== undefined, `${reply.what}: expected a ${name} Set-Cookie line; got ${cookieNames(reply).join(', ') || 'none'}`);
  return found;
}

/** Each line is one cookie (no lines folded into one with commas) with HttpOnly per `httpOnly`, SameSite and Path. */
function expectCookieLines(reply: Reply, httpOnly: Record<string, boolean>): void {
  check(reply.cookies.length >= 2, `${reply.what}: expected at least 2 Set-Cookie lines, got ${reply.cookies.length}`);
  for (const c of reply.cookies) {
    check(!/,\s*tessera-|,\s*__(Host|Secure)-/.test(c.line), `${reply.what}: two cookies folded into one Set-Cookie line: ${c.line.slice(0, 120)}`);
    check(typeof c.attributes.path === 'string' && c.attributes.samesite === 'Lax', `${reply.what}: ${c.name} lacks Path or SameSite=Lax: ${c.line.slice(0, 160)}`);
    const want = httpOnly[c.name.replace(/\.\d+$/, '')];
    if (want !== undefined) check((c.attributes.httponly === true) === want, `${reply.what}: ${c.name} must ${want ? '' : 'not '}be HttpOnly`);
  }
}

const setCookieLines: AdapterCase = {
  id: 'set-cookie-lines',
  title: 'every Set-Cookie reaches the client as its own line with its attributes (cookie and split login, chunked large tokens)',
  run: async (h) => {
    await h.withServer({}, async (s) => {
      const login = (await signIn(s, 'ada')).login;
      expectCookieLines(login, { 'tessera-at': true, 'tessera-rt': true });
      const at = cookie(login, 'tessera-at').attributes;
      check(at.path === '/' && at['max-age'] === '600' && at.secure === undefined, `${login.what}: tessera-at: expected Path=/, Max-Age=600 and no Secure on loopback http; got ${cookie(login, 'tessera-at').line.replace(/=[^;]*/, '=...')}`);
      check(cookie(login, 'tessera-rt').attributes.path === '/auth', `${login.what}: the refresh cookie must be scoped to Path=/auth`);
    });
    await h.withServer({ transport: 'split' }, async (s) => {
      const ada = await signIn(s, 'ada');
      expectCookieLines(ada.login, { 'tessera-at': false, 'tessera-as': true, 'tessera-rt': true });
      const readable = cookie(ada.login, 'tessera-at').value;
      check(readable.split('.').length === 2, `${ada.login.what}: the readable cookie must hold header.payload only`);
      const claims = JSON.parse(new TextDecoder().decode(unb64u(readable.split('.')[1]!))) as { sub?: unknown };
      check(claims.sub === 'u-ada' && headerOf(readable).alg === 'HS256', `${ada.login.what}: the readable cookie does not decode to the claims`);
      // What a script could steal is not a usable token.
      expectStatus(await s.fetch('/api/me', { headers: { cookie: `tessera-at=${readable}` } }), 401, 'the readable half alone');
      expectStatus(await s.fetch('/api/me', { headers: { authorization: `Bearer ${readable}.` } }), 401, 'the readable half as a bearer token');
    });
    await h.withServer({ config: { cookies: { refreshPath: '/' } } }, async (s) => {
      const profile = 'x'.repeat(6000);
      s.users.get('ada')!.extra = { profile };
      const ada = await signIn(s, 'ada');
      const names = cookieNames(ada.login);
      check(names.includes('tessera-at.0') && names.includes('tessera-at.1'), `${ada.login.what}: a large token is written as numbered chunks; got ${names.join(', ')}`);
      for (const c of ada.login.cookies) check(c.line.length < 4096, `${ada.login.what}: ${c.name} is ${c.line.length} bytes; each line must stay under 4096`);
      const me = await ada.request('/api/me');
      check((expectSub(me, 'u-ada').profile as string | undefined)?.length === 6000, `${me.what}: the chunked token did not round-trip`);
      s.advance(11 * 60);
      const later = await ada.request('/api/me');
      expectSub(later, 'u-ada');
      check(cookieNames(later).includes('tessera-at.1'), `${later.what}: the transparent refresh must rewrite every chunk; got ${cookieNames(later).join(', ')}`);
    });
  },
};

const csrf: AdapterCase = {
  id: 'csrf',
  title: 'cookie-authenticated POST without Origin or from a foreign Origin is 403; the allowed Origin passes; bearer is exempt',
  run: async (h) => {
    await h.withServer({}, async (s) => {
      expectError(await s.client(null).login('ada', 'pw-ada'), 403, 'ERR_AUTH_FORBIDDEN', 'login without Origin');
      expectError(await s.client('https://evil.example').login('ada', 'pw-ada'), 403, 'ERR_AUTH_FORBIDDEN', 'login from a foreign Origin');
      const ada = await signIn(s, 'ada');
      const evil = await ada.request('/auth/logout', { method: 'POST', headers: { origin: 'https://evil.example' } });
      const body = expectError(evil, 403, 'ERR_AUTH_FORBIDDEN', 'logout from a foreign Origin');
      check(String(body.message).includes('https://evil.example'), `${evil.what}: the message should name the refused origin, got ${String(body.message)}`);
      expectNoCookies(evil, 'a refused cross-site logout');
      const jar = [...ada.client.jar].map(([n, c]) => `${n}=${c.value}`).filter((p) => p.startsWith('tessera-at=')).join('; ');
      expectError(await s.fetch('/api/me', { method: 'POST', headers: { cookie: jar } }), 403, 'ERR_AUTH_FORBIDDEN', 'POST /api/me with the access cookie and no Origin');
      expectError(await s.fetch('/api/me', { method: 'POST', headers: { cookie: jar, origin: 'https://evil.example' } }), 403, 'ERR_AUTH_FORBIDDEN', 'POST /api/me from a foreign Origin');
      expectSub(await s.fetch('/api/me', { method: 'POST', headers: { cookie: jar, origin: s.url } }), 'u-ada');
      expectSub(await s.fetch('/api/me', { method: 'POST', headers: { cookie: jar, 'sec-fetch-site': 'same-origin' } }), 'u-ada');
      expectError(await s.fetch('/api/me', { method: 'POST', headers: { cookie: jar, 'sec-fetch-site': 'cross-site' } }), 403, 'ERR_AUTH_FORBIDDEN', 'Sec-Fetch-Site cross-site, no Origin');
      expectSub(await ada.request('/api/me'), 'u-ada'); // the forged logout did nothing
    });
    await h.withServer({ transport: 'bearer' }, async (s) => {
      const login = await s.client(null).login('ada', 'pw-ada');
      expectStatus(login, 200, 'bearer login without Origin');
      const token = String(login.json().access_token);
      expectStatus(await s.fetch('/auth/logout', { method: 'POST', headers: { authorization: `Bearer ${token}` } }), 200, 'bearer logout without Origin');
    });
  },
};

const FORWARDED = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'app.example.com' };

const trustProxyOff: AdapterCase = {
  id: 'trust-proxy/off',
  title: 'trust proxy off: X-Forwarded-Proto/Host from the client change neither the origin nor the cookie flags',
  run: (h) => h.withServer({ trustProxy: false }, async (s) => {
    const spoofed = await s.fetch('/auth/login', { json: { username: 'ada', password: 'pw-ada' }, headers: { ...FORWARDED, origin: 'https://app.example.com' } });
    expectError(spoofed, 403, 'ERR_AUTH_FORBIDDEN', 'the claimed https origin is not the real one');
    expectNoCookies(spoofed);
    const login = await s.fetch('/auth/login', { json: { username: 'ada', password: 'pw-ada' }, headers: { ...FORWARDED, origin: s.url } });
    expectStatus(login, 200, 'the real origin, forwarding headers ignored');
    for (const c of login.cookies) {
      check(c.attributes.secure === undefined && !c.name.startsWith('__'), `${login.what}: an untrusted X-Forwarded-Proto made ${c.name} Secure/prefixed`);
    }
  }),
};

const trustProxyOn: AdapterCase = {
  id: 'trust-proxy/on',
  title: 'trust proxy on: X-Forwarded-Proto https and X-Forwarded-Host set the origin; cookies get Secure and the __Host- prefix',
  run: (h) => h.withServer({ trustProxy: true }, async (s) => {
    const login = await s.fetch('/auth/login', { json: { username: 'ada', password: 'pw-ada' }, headers: { ...FORWARDED, origin: 'https://app.example.com' } });
    expectStatus(login, 200, 'behind a trusted TLS-terminating proxy');
    const access = cookie(login, '__Host-tessera-at');
    check(access.attributes.secure === true && access.attributes.httponly === true && access.attributes.path === '/', `${login.what}: __Host-tessera-at must be Secure, HttpOnly, Path=/`);
    check(cookie(login, '__Secure-tessera-rt').attributes.secure === true, `${login.what}: __Secure-tessera-rt must be Secure`);
    expectError(await s.fetch('/auth/login', { json: { username: 'ada', password: 'pw-ada' }, headers: { ...FORWARDED, origin: s.url } }), 403, 'ERR_AUTH_FORBIDDEN', 'the origin is now the forwarded one');
    const jar = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    expectSub(await s.fetch('/api/me', { headers: { ...FORWARDED, cookie: jar } }), 'u-ada');
  }),
};

export const cookieCases: readonly AdapterCase[] = [setCookieLines, csrf, trustProxyOff, trustProxyOn];
