/**
 * The store behind the real auth layer (`createAuth` of `@tessera/jwt-core/server`), on a private
 * redis-server: an authenticated request costs exactly one Redis command (seen by MONITOR); with
 * Redis stopped the request is refused with 503 and Retry-After, never let through, and the log
 * names Redis and its address (the client is not told it); with Redis back the same auth object
 * serves it again.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generateSecret } from '@tessera/jwt-core';
import { createAuth, type Auth } from '@tessera/jwt-core/server';
import { createRedisStore, type RedisStore } from '../src/index.js';
import { eventually } from './support/eventually.js';
import { Monitor } from './support/monitor.js';
import { RedisServer } from './support/redis-server.js';
import { newClient, type TestClient } from './support/shared-redis.js';

let server: RedisServer;
let store: RedisStore;
let auth: Auth;
let monitor: Monitor;
let probe: TestClient;
let authorization: string;

/** What the auth layer logged (it logs every 503 with its cause). */
const logged: string[] = [];
const users = [{ id: 'u1', username: 'ada', password: 'correct horse' }];
const api = (): Request => new Request('https://app.example/api/me', { headers: { authorization } });

beforeAll(async () => {
  server = await RedisServer.start();
  store = createRedisStore({ url: server.url, commandTimeout: 300 });
  await store.ready();
  auth = createAuth({
    keys: generateSecret('HS256'), issuer: 'https://app.example', audience: 'api', origin: 'https://app.example',
    transport: 'bearer', store, logger: { warn: (m) => logged.push(m) },
    authenticate: ({ username, password }) => users.find((u) => u.username === username && u.password === password) ?? null,
    loadUser: (sub) => users.find((u) => u.id === sub) ?? null,
    claims: (user) => ({ sub: user.id }),
  });
  const login = await auth.handle(new Request('https://app.example/auth/login', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'ada', password: 'correct horse' }),
  }));
  authorization = `Bearer ${((await login!.json()) as { access_token: string }).access_token}`;
  probe = newClient(server.url);
  await probe.connect();
  monitor = await Monitor.start(server.url);
});

afterAll(async () => {
  await monitor?.stop();
  probe?.destroy();
  await store?.close();
  await server?.stop();
});

it('an authenticated request costs exactly one Redis command (MGET)', async () => {
  let ok = false;
  const received = await monitor.during(probe, async () => {
    ok = (await auth.authenticate(api())).ok;
  });
  expect(ok).toBe(true);
  expect(received).toEqual(['MGET']);
});

it('with Redis stopped the request gets 503 with Retry-After, the log names Redis and its address; once it is back, access resumes', async () => {
  await monitor.stop();
  probe.destroy();
  await server.kill('SIGKILL');
  const result = await auth.authenticate(api());
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.response.status).toBe(503);
  expect(result.response.headers.get('retry-after')).toBeTruthy();
  const body = (await result.response.json()) as { error: string; message: string };
  expect(body.error).toBe('ERR_AUTH_UNAVAILABLE');
  // The client is not told the server's internals; the operator's log names Redis and its address.
  expect(body.message).not.toContain('127.0.0.1');
  expect(body.message).toContain('access is denied');
  expect(logged.some((m) => m.includes(`Redis at 127.0.0.1:${server.port}`) && m.includes('checkAccess')), 'the server log names Redis').toBe(true);

  await server.restart();
  expect(await eventually(async () => {
    const again = await auth.authenticate(api());
    if (!again.ok) throw again.error;
    return again.ok;
  })).toBe(true);
});
