// The auth layer's life cycle inside the isolated EdgeVM, bundled with vm-entry.js: the BUILT
// `@tessera/jwt-core/server` (dist/server/) on the VM's own Web Request/Response, where process,
// Buffer and require do not exist. Plain JavaScript (it imports dist/, absent before a build).
// Each step is reported as { step, status, code, ... } in JSON; the test compares the list.
import * as core from '../../dist/index.js';
import * as server from '../../dist/server/index.js';

const ORIGIN = 'https://app.example';
/** What the failing store's error names: it must never reach a response. */
const STORE_SECRET = '10.0.0.5:6379';
const leaks = (body) => (JSON.stringify(body).includes(STORE_SECRET) ? true : undefined);
const USERS = [
  { id: 'u-ada', username: 'ada', password: 'correct horse battery staple', roles: ['user'] },
  { id: 'u-grace', username: 'grace', password: 'hopper-1906-cobol', roles: ['user', 'admin'] },
];

/** A clock the steps move forward, so tokens expire without waiting. */
function clock() {
  let skewMs = 0;
  return { now: () => new Date(Date.now() + skewMs), advance: (ms) => (skewMs += ms) };
}

async function makeAuth(transport, now, store) {
  const { privateKey } = await core.generateKeyPair('ES256');
  return server.createAuth({
    keys: core.createKeyRing({ signing: privateKey }),
    issuer: ORIGIN, audience: 'edge-app', origin: ORIGIN, transport, now,
    accessTokenTtl: '10m',
    cookies: { refreshPath: '/' },
    store,
    authenticate: ({ username, password }) => USERS.find((u) => u.username === username && u.password === password) ?? null,
    loadUser: (sub) => USERS.find((u) => u.id === sub) ?? null,
    claims: (u) => ({ sub: u.id, roles: u.roles }),
    logger: { warn: () => undefined },
  });
}

/** A client of one transport: a cookie jar, or the bearer tokens from the JSON body. */
class Client {
  constructor(transport) {
    this.transport = transport;
    this.cookies = new Map();
    this.access = undefined;
    this.refresh = undefined;
  }

  copy() {
    const c = new Client(this.transport);
    c.cookies = new Map(this.cookies);
    c.access = this.access;
    c.refresh = this.refresh;
    return c;
  }

  request(method, path, json) {
    const headers = new Headers();
    if (method !== 'GET') headers.set('origin', ORIGIN);
    if (json !== undefined) headers.set('content-type', 'application/json');
    if (this.cookies.size > 0) headers.set('cookie', [...this.cookies].map(([n, v]) => `${n}=${v}`).join('; '));
    if (this.access !== undefined) headers.set('authorization', `Bearer ${this.access}`);
    return new Request(`${ORIGIN}${path}`, { method, headers, ...(json === undefined ? {} : { body: JSON.stringify(json) }) });
  }

  /** Takes the cookies and tokens of a response; returns the number of Set-Cookie lines. */
  take(headers, body) {
    const lines = headers.getSetCookie();
    for (const line of lines) {
      const pair = line.slice(0, line.indexOf(';') < 0 ? line.length : line.indexOf(';'));
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      if (value === '' || /;\s*max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    if (body?.access_token) this.access = body.access_token;
    if (body?.refresh_token) this.refresh = body.refresh_token;
    return lines.length;
  }
}

/** `auth.handle` on a request; the step's status, code and Set-Cookie count. */
async function endpoint(auth, client, step, method, path, json) {
  const response = await auth.handle(client.request(method, path, json));
  if (response === null) return { step, status: 'not handled' };
  const body = await response.json();
  const cookies = client.take(response.headers, body);
  return { step, status: response.status, code: body.error, cookies, keys: Array.isArray(body.keys) ? body.keys.length : undefined, expiresIn: body.expires_in, leaked: leaks(body) };
}

/** `auth.authenticate` or `auth.require`: 200 and the sub on success, else the ready response's status and code. */
async function check(auth, client, step, requirement) {
  const request = client.request('GET', '/api/me');
  const result = requirement === undefined ? await auth.authenticate(request) : await auth.require(request, requirement);
  if (result.ok) return { step, status: 200, sub: result.claims.sub, cookies: client.take(result.headers) };
  const body = await result.response.json();
  return { step, status: result.response.status, code: body.error, matches: body.error === result.error.code, leaked: leaks(body) };
}

/** Sign-in, access, role refusal, expiry, refresh, logout and replay, on one transport. */
export async function authLifeCycle(transport) {
  const steps = [];
  const time = clock();
  const auth = await makeAuth(transport, time.now, server.createMemoryStore({ now: time.now }));
  const c = new Client(transport);
  const [ada] = USERS;
  steps.push(await endpoint(auth, new Client(transport), 'login, wrong password', 'POST', '/auth/login', { username: ada.username, password: 'wrong' }));
  steps.push(await endpoint(auth, c, 'login', 'POST', '/auth/login', { username: ada.username, password: ada.password }));
  steps.push(await check(auth, c, 'authenticate'));
  steps.push(await check(auth, c, 'require admin', { roles: ['admin'] }));
  steps.push(await endpoint(auth, c, 'session', 'GET', '/auth/session'));
  steps.push(await endpoint(auth, c, 'jwks', 'GET', '/.well-known/jwks.json'));
  time.advance(11 * 60 * 1000);
  // cookie: refreshed transparently with the refresh cookie; bearer: the client must refresh.
  steps.push(await check(auth, c, 'authenticate, 11 minutes later'));
  steps.push(await endpoint(auth, c, 'refresh', 'POST', '/auth/refresh', transport === 'bearer' ? { refresh_token: c.refresh } : undefined));
  steps.push(await check(auth, c, 'authenticate, refreshed'));
  const before = c.copy();
  steps.push(await endpoint(auth, c, 'logout', 'POST', '/auth/logout', transport === 'bearer' ? { refresh_token: c.refresh } : undefined));
  steps.push(await check(auth, before, 'authenticate with the tokens from before logout'));
  return JSON.stringify(steps);
}

/**
 * Every failure path denies on the Edge too: a store that throws gives 503 on authenticate, login
 * and refresh; and createAuth without a store refuses to start here (each isolate has its own memory).
 */
export async function failingStoreCycle() {
  const steps = [];
  const time = clock();
  const inner = server.createMemoryStore({ now: time.now });
  let broken = false;
  const store = new Proxy(inner, {
    get(target, name) {
      const value = target[name];
      if (typeof value !== 'function') return value;
      return (...args) => {
        if (broken) throw new Error(`store unavailable: connection refused to ${STORE_SECRET}`);
        return value.apply(target, args);
      };
    },
  });
  const auth = await makeAuth('bearer', time.now, store);
  const c = new Client('bearer');
  const [, grace] = USERS;
  steps.push(await endpoint(auth, c, 'login, store up', 'POST', '/auth/login', { username: grace.username, password: grace.password }));
  broken = true;
  steps.push(await check(auth, c, 'authenticate, store down'));
  steps.push(await check(auth, c, 'require admin, store down', { roles: ['admin'] }));
  steps.push(await endpoint(auth, new Client('bearer'), 'login, store down', 'POST', '/auth/login', { username: grace.username, password: grace.password }));
  steps.push(await endpoint(auth, c, 'refresh, store down', 'POST', '/auth/refresh', { refresh_token: c.refresh }));
  broken = false;
  steps.push(await check(auth, c, 'authenticate, store back'));
  try {
    await makeAuth('bearer', time.now, undefined);
    steps.push({ step: 'createAuth without a store', status: 'started' });
  } catch (e) {
    steps.push({ step: 'createAuth without a store', status: 'refused', code: e?.code, edge: /Edge runtime/.test(String(e?.message)) });
  }
  return JSON.stringify(steps);
}
