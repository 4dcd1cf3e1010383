/**
 * Requests in every shape the adapter must translate faithfully: the optional token sources (query
 * parameter, alternative header, form body), bodies and headers over the limits, and concurrent
 * requests sharing one token or one refresh cookie.
 */
import { check, expectError, expectStatus, expectSub } from './expect.js';
import { bearer, signIn } from './session.js';
import type { AdapterCase, Reply, TestServer } from './types.js';

const SOURCES = { queryParam: 'access_token', header: 'x-access-token', formField: 'access_token' };

function viaSources(s: TestServer, token: string): [string, () => Promise<Reply>][] {
  return [
    ['query parameter', () => s.fetch(`/api/me?note=hi&access_token=${encodeURIComponent(token)}`)],
    ['alternative header, bare token', () => s.fetch('/api/me', { headers: { 'x-access-token': token } })],
    ['alternative header, Bearer scheme', () => s.fetch('/api/me', { headers: { 'x-access-token': `Bearer ${token}` } })],
    ['form field', () => s.fetch('/api/me', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `note=hi&access_token=${encodeURIComponent(token)}` })],
  ];
}

const sourcesOff: AdapterCase = {
  id: 'token-sources/off',
  title: 'the optional token sources (query parameter, alternative header, form field) are off by default',
  run: (h) => h.withServer({ transport: 'bearer' }, async (s) => {
    const ada = await signIn(s, 'ada');
    for (const [what, send] of viaSources(s, ada.access())) expectError(await send(), 401, 'ERR_TOKEN_MISSING', `${what}, not configured`);
  }),
};

const sourcesOn: AdapterCase = {
  id: 'token-sources/on',
  title: 'configured token sources find the token through the adapter; a forged token in them is refused',
  run: (h) => h.withServer({ transport: 'bearer', config: { tokenSources: SOURCES } }, async (s) => {
    const ada = await signIn(s, 'ada');
    for (const [what, send] of viaSources(s, ada.access())) expectSub(await send(), 'u-ada', what);
    const forged = `${ada.access().slice(0, -4)}AAAA`;
    for (const [what, send] of viaSources(s, forged)) expectError(await send(), 401, 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED', `${what}, forged signature`);
    check(s.errors.length === 0, `no internal error may be reported for token sources; onError got ${s.errors.map(String).join('; ')}`);
  }),
};

/** A JSON login body of exactly `bytes` bytes. */
function loginBody(bytes: number): string {
  const base = JSON.stringify({ username: 'ada', password: 'pw-ada', pad: '' });
  return JSON.stringify({ username: 'ada', password: 'pw-ada', pad: 'x'.repeat(bytes - base.length) });
}

function streamed(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(offset, offset + 512));
      offset += 512;
    },
  });
}

const bodyLimit: AdapterCase = {
  id: 'limits/body',
  title: 'a login body over maxBodyBytes is 413 ERR_AUTH_REQUEST_INVALID, with or without Content-Length',
  run: (h) => h.withServer({ transport: 'bearer', config: { maxBodyBytes: 1024 } }, async (s) => {
    const json = { 'content-type': 'application/json' };
    expectStatus(await s.fetch('/auth/login', { method: 'POST', headers: json, body: loginBody(1000) }), 200, 'a body under the limit');
    expectError(await s.fetch('/auth/login', { method: 'POST', headers: json, body: loginBody(4000) }), 413, 'ERR_AUTH_REQUEST_INVALID', 'Content-Length over the limit');
    expectError(await s.fetch('/auth/login', { method: 'POST', headers: json, body: streamed(loginBody(4000)) }), 413, 'ERR_AUTH_REQUEST_INVALID', 'a chunked body over the limit');
    expectError(await s.fetch('/auth/refresh', { method: 'POST', headers: json, body: JSON.stringify({ refresh_token: 'x'.repeat(4000) }) }), 413, 'ERR_AUTH_REQUEST_INVALID', 'refresh body over the limit');
  }),
};

/** The status of a request the server refuses before the app, or 0 when it closed the connection instead. */
async function statusOrClosed(send: () => Promise<Reply>): Promise<number> {
  try {
    return (await send()).status;
  } catch {
    return 0;
  }
}

const headerLimit: AdapterCase = {
  id: 'limits/headers',
  title: 'a request with a 40 KB header is refused with 431 or 400, never answered 200 or 500',
  run: (h) => h.withServer({}, async (s) => {
    const ada = await signIn(s, 'ada');
    const huge = 'x'.repeat(40 * 1024);
    const cookie = `${[...ada.client.jar].map(([n, c]) => `${n}=${c.value}`).join('; ')}; padding=${huge}`;
    const attempts: [string, () => Promise<Reply>][] = [
      ['GET /api/me with a 40 KB cookie', () => s.fetch('/api/me', { headers: { cookie } })],
      ['GET / with a 40 KB header', () => s.fetch('/', { headers: { 'x-padding': huge } })],
      ['POST /auth/login with a 40 KB cookie', () => s.fetch('/auth/login', { json: { username: 'ada', password: 'pw-ada' }, headers: { cookie, origin: s.url } })],
    ];
    for (const [what, send] of attempts) {
      const status = await statusOrClosed(send);
      check(status === 431 || status === 400, `${what}: expected 431 or 400, got ${status === 0 ? 'a closed connection without a response' : status}`);
    }
    expectSub(await ada.request('/api/me'), 'u-ada');
  }),
};

const concurrentBearer: AdapterCase = {
  id: 'concurrency/bearer',
  title: '50 concurrent requests with one access token all succeed',
  run: (h) => h.withServer({ transport: 'bearer' }, async (s) => {
    const ada = await signIn(s, 'ada');
    const replies = await Promise.all(Array.from({ length: 50 }, (_, i) => s.fetch(`/api/me?i=${i}`, bearer(ada.access()))));
    for (const reply of replies) expectSub(reply, 'u-ada');
  }),
};

const concurrentRefresh: AdapterCase = {
  id: 'concurrency/refresh-cookie',
  title: 'cookie transport after expiry: 10 concurrent requests with one refresh cookie all succeed (grace rule), none is a 5xx',
  run: (h) => h.withServer({ config: { cookies: { refreshPath: '/' }, refreshReuseGraceUses: 16 } }, async (s) => {
    const ada = await signIn(s, 'ada');
    const cookie = [...ada.client.jar].map(([n, c]) => `${n}=${c.value}`).join('; ');
    s.advance(11 * 60);
    const replies = await Promise.all(Array.from({ length: 10 }, (_, i) => s.fetch(`/api/me?i=${i}`, { headers: { cookie } })));
    for (const reply of replies) {
      expectSub(reply, 'u-ada');
      check(reply.cookies.some((c) => c.name === 'tessera-at'), `${reply.what}: each transparent refresh must set the new cookies`);
    }
    const second = replies[1]!.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    expectSub(await s.fetch('/api/me', { headers: { cookie: second } }), 'u-ada');
    check(s.errors.length === 0, `no internal error may be reported; onError got ${s.errors.map(String).join('; ')}`);
  }),
};

export const requestCases: readonly AdapterCase[] = [sourcesOff, sourcesOn, bodyLimit, headerLimit, concurrentBearer, concurrentRefresh];
