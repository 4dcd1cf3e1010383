/**
 * Several instances of one example app sharing a Redis (apps/README.md, REDIS_URL), black-box over
 * real HTTP: two processes of the app (`node src/server.mjs`, as `npm start`) on 127.0.0.1 with one
 * signing key, one TESSERA_ORIGIN and the Redis at 127.0.0.1:6379 under a key prefix of this run
 * (deleted afterwards). Each app runs it unchanged: `multiInstanceSuite({ appDir, name })`.
 *
 * - a token signed in on A is accepted by B;
 * - logout and logout-all on A are refused by B within 1 s (measured from A's answer to B's first
 *   refusal, polling B every 20 ms for at most 2 s, and printed);
 * - 1,000 concurrent refreshes of one refresh token, alternating A and B: each instance rotates it
 *   once and hands that rotation to all its parallel requests (the core shares a rotation within
 *   the grace window in one process), so the store records the first use and one grace use, every
 *   answer is 200 (or a fail-closed 503), all of one instance's answers carry the same new refresh
 *   token, and the session stays alive on both;
 * - a spent refresh token used again after the grace window (TESSERA_REFRESH_GRACE=10s, the
 *   default: the test waits about 11 s) revokes its session on both;
 * - with REDIS_URL, a start without a signing key, or with a Redis that does not answer, exits 1
 *   naming the variables.
 */
import { createHash, createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppStartError, launchApp } from '@tessera/test-vectors/apps';

const START = [process.execPath, 'src/server.mjs']; // what `npm start` runs in every app
const REDIS_URL = 'redis://127.0.0.1:6379';
const ORIGIN = 'https://api.tessera.test'; // one public origin (and issuer) for both instances
// TESSERA_REFRESH_GRACE: the default, 10 s. A burst must fit in the window (each instance shares its
// rotation only within it); under CI load 1,000 refreshes through Next.js took about 5 s.
const GRACE_SECONDS = 10;
const BURST = 1000;
const POLL_MS = 20;
const POLL_LIMIT_MS = 2000;
const ADA = { username: 'ada', password: 'correct horse battery staple' };
const GRACE = { username: 'grace', password: 'hopper-1906-cobol' };

/** An ES256 key made for this run as a PKCS#8 PEM (generated encoded and re-imported: see contract-suite.mjs). */
function es256Pem() {
  const generated = generateKeyPairSync('ec', { namedCurve: 'P-256', privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  return createPrivateKey(generated.privateKey).export({ format: 'pem', type: 'pkcs8' });
}

/** A connected client of the test's Redis, or an Error saying it is not running and how to start it. */
async function connectRedis() {
  const client = createClient({ url: REDIS_URL, socket: { connectTimeout: 1000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return client;
  } catch (error) {
    client.destroy();
    throw new Error(`the multi-instance test needs Redis at 127.0.0.1:6379, which is not reachable (${error?.message ?? error}). `
      + 'Start one, e.g. `redis-server --port 6379 --save "" --appendonly no --daemonize yes` or `docker run -d -p 6379:6379 redis:7`, then run the tests again', { cause: error });
  }
}

/** Every key of the run's prefix (the store wraps it in braces: `{prefix}kind:id`). */
async function keysOf(redis, prefix) {
  const keys = [];
  for await (const batch of redis.scanIterator({ MATCH: `${prefix}{*`, COUNT: 1000 })) keys.push(...(Array.isArray(batch) ? batch : [batch]));
  return keys;
}

/**
 * One HTTP request through `agent`, bounded by `timeoutMs`: `{ status, body, at }`, `at` the
 * performance.now() when the answer was complete.
 */
function call(agent, base, method, path, { token, json } = {}, timeoutMs = 20_000) {
  return new Promise((resolve, reject) => {
    const payload = json === undefined ? undefined : JSON.stringify(json);
    const headers = { accept: 'application/json' };
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    if (payload !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
    const req = request(new URL(path, base), { method, headers, agent, timeout: timeoutMs }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body;
        try {
          body = JSON.parse(text);
        } catch {
          body = { unparsed: text.slice(0, 200) };
        }
        resolve({ status: res.statusCode, body, at: performance.now() });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${path} did not answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/** A port on 127.0.0.1 nothing listens on right now. */
async function closedPort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The AppStartError of a start that must fail (an Error if the app started instead). */
async function startFailure(appDir, env) {
  return launchApp({ command: START, cwd: appDir, env, maxPolls: 60 }).then(
    async (app) => {
      await app.stop();
      return new Error(`it started on ${app.url}`);
    },
    (e) => e,
  );
}

/**
 * Runs the multi-instance suite on the app in `appDir` (its `src/server.mjs`); `name` labels it.
 *
 * @example
 * ```js
 * multiInstanceSuite({ appDir: fileURLToPath(new URL('..', import.meta.url)), name: 'apps/koa-api' });
 * ```
 */
export function multiInstanceSuite({ appDir, name }) {
  describe(`${name}: two instances sharing one Redis (REDIS_URL)`, () => {
    const prefix = `tessera-mi-${process.pid}-${Date.now().toString(36)}:`;
    const agent = new Agent({ keepAlive: true, maxSockets: BURST / 2 });
    let redis;
    let keyDir;
    let a;
    let b;
    const on = (app, method, path, options) => call(agent, app.url, method, path, options);
    const signIn = async (app, user) => {
      const res = await on(app, 'POST', '/auth/login', { json: user });
      expect(res.status).toBe(200);
      return res.body;
    };
    /** Milliseconds from `since` (performance.now()) to `app`'s first 401 for `token`, polling every 20 ms for at most 2 s. */
    const firstRefusal = async (app, token, since) => {
      for (;;) {
        const res = await on(app, 'GET', '/api/me', { token });
        if (res.status !== 200) {
          expect(res.status).toBe(401);
          expect(res.body.error).toBe('ERR_JWT_REVOKED');
          return res.at - since;
        }
        if (res.at - since > POLL_LIMIT_MS) throw new Error(`${app.url} still accepted the token ${Math.round(res.at - since)} ms after the revocation on the other instance`);
        await sleep(POLL_MS);
      }
    };
    /** Both instances refuse the access token and the refresh token of a revoked session. */
    const refusedOnBoth = async (tokens) => {
      for (const app of [a, b]) {
        const me = await on(app, 'GET', '/api/me', { token: tokens.access_token });
        expect([me.status, me.body.error]).toEqual([401, 'ERR_JWT_REVOKED']);
        const refresh = await on(app, 'POST', '/auth/refresh', { json: { refresh_token: tokens.refresh_token } });
        expect([refresh.status, refresh.body.error]).toEqual([401, 'ERR_JWT_REVOKED']);
      }
    };

    beforeAll(async () => {
      redis = await connectRedis();
      keyDir = mkdtempSync(join(tmpdir(), 'tessera-multi-'));
      const keyFile = join(keyDir, 'signing-key.pem');
      writeFileSync(keyFile, es256Pem(), { mode: 0o600 });
      const env = {
        TRANSPORT: 'bearer', TESSERA_ORIGIN: ORIGIN, TESSERA_SIGNING_KEY_FILE: keyFile, TESSERA_REFRESH_GRACE: `${GRACE_SECONDS}s`,
        REDIS_URL, TESSERA_REDIS_PREFIX: prefix,
      };
      [a, b] = await Promise.all([launchApp({ command: START, cwd: appDir, env }), launchApp({ command: START, cwd: appDir, env })]);
    }, 30_000);

    afterAll(async () => {
      await Promise.all([a?.stop(), b?.stop()]);
      agent.destroy();
      if (keyDir) rmSync(keyDir, { recursive: true, force: true });
      if (redis) {
        const keys = await keysOf(redis, prefix);
        for (let i = 0; i < keys.length; i += 500) await redis.del(keys.slice(i, i + 500));
        redis.destroy();
      }
    }, 30_000);

    it('both instances say they keep sessions in the Redis', () => {
      for (const app of [a, b]) expect(app.output()).toContain(`Sessions: Redis at 127.0.0.1:6379, key prefix ${prefix}`);
    });

    it('a token signed in on A is accepted by B, and the session is in Redis under the prefix', async () => {
      const session = await signIn(a, ADA);
      const me = await on(b, 'GET', '/api/me', { token: session.access_token });
      expect(me.status).toBe(200);
      expect(me.body.claims.sub).toBe('u-ada');
      expect((await keysOf(redis, prefix)).length).toBeGreaterThan(0);
    });

    it('a logout on A is refused by B within 1 s', async () => {
      const session = await signIn(a, ADA);
      expect((await on(b, 'GET', '/api/me', { token: session.access_token })).status).toBe(200);
      const logout = await on(a, 'POST', '/auth/logout', { token: session.access_token });
      expect(logout.status).toBe(200);
      const ms = await firstRefusal(b, session.access_token, logout.at);
      console.log(`[${name}] logout on A -> first refusal on B after ${ms.toFixed(1)} ms`);
      expect(ms).toBeLessThan(1000);
    });

    it('a logout-all on A ends another session of the user on B within 1 s', async () => {
      const first = await signIn(a, GRACE);
      const second = await signIn(b, GRACE);
      expect((await on(b, 'GET', '/api/me', { token: second.access_token })).status).toBe(200);
      const all = await on(a, 'POST', '/auth/logout-all', { token: first.access_token });
      expect(all.status).toBe(200);
      const ms = await firstRefusal(b, second.access_token, all.at);
      console.log(`[${name}] logout-all on A -> first refusal on B of another session after ${ms.toFixed(1)} ms`);
      expect(ms).toBeLessThan(1000);
      const refresh = await on(b, 'POST', '/auth/refresh', { json: { refresh_token: second.refresh_token } });
      expect([refresh.status, refresh.body.error]).toEqual([401, 'ERR_JWT_REVOKED']);
    });

    it(`${BURST} concurrent refreshes of one refresh token over A and B: one rotation per instance, shared by its requests, and the session stays alive`, async () => {
      const session = await signIn(a, ADA);
      const started = performance.now();
      const results = await Promise.all(Array.from({ length: BURST }, (_, i) =>
        on(i % 2 === 0 ? a : b, 'POST', '/auth/refresh', { json: { refresh_token: session.refresh_token } })));
      const ms = performance.now() - started;
      const outcome = (r) => `${r.status}${r.body.error ? ` ${r.body.error}` : ''}`;
      const counts = {};
      for (const r of results) counts[outcome(r)] = (counts[outcome(r)] ?? 0) + 1;
      // What the store recorded on the presented token, by its documented layout: the owner
      // `<prefix>{rt:<sha256>}` holds the user's tag, and the record is `<prefix><tag>rt:<sha256>`.
      const hash = createHash('sha256').update(session.refresh_token).digest('base64url');
      const owner = await redis.get(`${prefix}{rt:${hash}}`);
      expect(owner).toMatch(/^\{u:[A-Za-z0-9_-]{16}\}$/);
      const record = await redis.hGetAll(`${prefix}${owner}rt:${hash}`);
      const tokensOn = (parity) => new Set(results.filter((r, i) => r.status === 200 && i % 2 === parity).map((r) => r.body.refresh_token));
      console.log(`[${name}] ${BURST} concurrent refreshes (alternating A and B) in ${ms.toFixed(0)} ms: ${JSON.stringify(counts)}; `
        + `new refresh tokens handed out by A ${tokensOn(0).size}, by B ${tokensOn(1).size}; store: usedAt ${record.usedAt}, graceUses ${record.graceUses ?? 0}`);
      // Every answer is a success or a fail-closed 503 (a Redis call past the store's 500 ms
      // commandTimeout while both instances are saturated): parallel requests are not theft.
      expect(Object.keys(counts).filter((k) => !['200', '503 ERR_AUTH_UNAVAILABLE'].includes(k))).toEqual([]);
      // One rotation per instance: the first use, and the other instance's one grace use.
      expect(record.usedAt).toBeDefined();
      expect(Number(record.graceUses ?? 0)).toBe(1);
      const [fromA, fromB] = [[...tokensOn(0)], [...tokensOn(1)]];
      expect([fromA.length, fromB.length]).toEqual([1, 1]);
      expect(fromA[0]).not.toBe(fromB[0]);
      // Both children are live sessions of the same user, on either instance.
      const last = results.filter((r) => r.status === 200);
      for (const tokens of [last.find((r) => r.body.refresh_token === fromA[0]).body, last.find((r) => r.body.refresh_token === fromB[0]).body]) {
        for (const app of [a, b]) expect((await on(app, 'GET', '/api/me', { token: tokens.access_token })).status).toBe(200);
      }
      expect((await on(b, 'POST', '/auth/refresh', { json: { refresh_token: fromA[0] } })).status).toBe(200);
      expect((await on(a, 'POST', '/auth/refresh', { json: { refresh_token: fromB[0] } })).status).toBe(200);
    }, 60_000);

    it(`a spent refresh token used again after the grace window (${GRACE_SECONDS} s) revokes the session on both`, async () => {
      const session = await signIn(a, ADA);
      const refreshed = await on(b, 'POST', '/auth/refresh', { json: { refresh_token: session.refresh_token } });
      expect(refreshed.status).toBe(200);
      // The store compares whole seconds: used at second s, the grace covers s..s+GRACE_SECONDS.
      const usedAt = Math.floor(Date.now() / 1000);
      await sleep((usedAt + GRACE_SECONDS + 1) * 1000 + 100 - Date.now());
      expect((await on(b, 'GET', '/api/me', { token: refreshed.body.access_token })).status).toBe(200);
      const reuse = await on(a, 'POST', '/auth/refresh', { json: { refresh_token: session.refresh_token } });
      expect([reuse.status, reuse.body.error]).toEqual([401, 'ERR_JWT_REVOKED']);
      expect(reuse.body.message).toContain('already used');
      await refusedOnBoth(refreshed.body);
    }, 40_000);

    it('both instances stop on SIGTERM with exit code 0, closing their Redis connection', async () => {
      await Promise.all([a.stop(), b.stop()]);
      expect([a.child.exitCode, b.child.exitCode]).toEqual([0, 0]);
    }, 15_000);
  });

  describe(`${name} with REDIS_URL refuses to start without what several instances need`, () => {
    it('without TESSERA_SIGNING_KEY(_FILE): exit 1 naming both (a generated key would differ per instance)', async () => {
      const error = await startFailure(appDir, { REDIS_URL });
      expect(error).toBeInstanceOf(AppStartError);
      expect(error.exitCode).toBe(1);
      expect(error.output).toContain('cannot start: REDIS_URL is set');
      expect(error.output).toContain('TESSERA_SIGNING_KEY or TESSERA_SIGNING_KEY_FILE');
    });

    it('with a Redis that does not answer: exit 1 naming Redis and REDIS_URL, never the password', async () => {
      const port = await closedPort();
      const keyDir = mkdtempSync(join(tmpdir(), 'tessera-multi-'));
      try {
        const keyFile = join(keyDir, 'signing-key.pem');
        writeFileSync(keyFile, es256Pem(), { mode: 0o600 });
        const error = await startFailure(appDir, { REDIS_URL: `redis://user:s3cret-pw@127.0.0.1:${port}`, TESSERA_SIGNING_KEY_FILE: keyFile });
        expect(error).toBeInstanceOf(AppStartError);
        expect(error.exitCode).toBe(1);
        expect(error.output).toContain(`cannot start: Redis at 127.0.0.1:${port} (REDIS_URL) did not accept a connection within 2000 ms`);
        expect(error.output).not.toContain('s3cret-pw');
      } finally {
        rmSync(keyDir, { recursive: true, force: true });
      }
    }, 15_000);
  });
}
