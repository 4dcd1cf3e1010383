/**
 * The adapter conformance suite (`@tessera/test-vectors/adapters`), unchanged, against the route
 * handlers of the fixture app's production build, served by Next.js's own server (`next start`'s,
 * run in this process through `next({ dev: false })`: the suite builds a new auth layer per case
 * here and hands it to the server, which a separate process could not receive). The conformance
 * build has no middleware, so this is also every route and page reached without one.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as core from '@tessera/jwt-core';
import { createAuth, createMemoryStore, type Auth } from '@tessera/jwt-core/server';
import { APP_FAILURE_MESSAGE, adapterCases, adapterHarness, type AdapterSetup, type RunningAdapter, type StartAdapter } from '@tessera/test-vectors/adapters';
import { appDir } from './helpers/apps.js';

Object.assign(process.env, { NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', TESSERA_APP_FAILURE: APP_FAILURE_MESSAGE });

const SLOT = Symbol.for('@tessera/next.conformance');
type Handler = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<void>;
let handler: Handler;

beforeAll(async () => {
  const { default: next } = (await import('next')) as unknown as { default: (options: object) => { prepare(): Promise<void>; getRequestHandler(): Handler } };
  const app = next({ dev: false, dir: appDir('conformance'), hostname: '127.0.0.1', quiet: true });
  await app.prepare();
  handler = app.getRequestHandler();
});

afterAll(() => {
  delete (globalThis as Record<symbol, unknown>)[SLOT];
});

async function serve(slot: AdapterSetup<Auth>): Promise<RunningAdapter> {
  (globalThis as Record<symbol, unknown>)[SLOT] = slot;
  const server: Server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    }),
  };
}

const start: StartAdapter<Auth> = ({ auth, trustProxy, onError }) => serve({ auth, trustProxy, onError });

describe('adapter conformance: the route handlers under Next.js\'s production server', () => {
  const harness = adapterHarness({ api: { ...core, createAuth, createMemoryStore }, start });
  for (const c of adapterCases()) it(c.title, () => c.run(harness));
});

describe('pages and route handlers reached without any middleware', () => {
  let running: RunningAdapter;
  let auth: Auth;
  beforeAll(async () => {
    const users = [{ id: 'u-ada', username: 'ada', password: 'pw-ada', roles: ['user'] }];
    auth = createAuth({
      keys: core.importSecret(crypto.getRandomValues(new Uint8Array(32)), { alg: 'HS256', kid: 'k1' }),
      issuer: 'http://127.0.0.1', audience: 'next-tests', transport: 'bearer', store: createMemoryStore(), logger: { warn: () => undefined },
      authenticate: ({ username, password }) => users.find((u) => u.username === username && u.password === password) ?? null,
      loadUser: (sub) => users.find((u) => u.id === sub) ?? null,
      claims: (u) => ({ sub: u.id, roles: u.roles }),
    });
    running = await serve({ auth, trustProxy: false, onError: () => undefined });
  });
  afterAll(() => running?.close());

  const skip = { 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware' };
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${running.url}${path}`, { headers, redirect: 'manual' });

  it('requireAuth() in a server component redirects a request without a session to the sign-in page, x-middleware-subrequest or not', async () => {
    for (const headers of [{}, skip]) {
      const res = await get('/dashboard', headers);
      expect(res.status).toBe(307);
      expect(res.headers.get('location')).toBe('/sign-in');
    }
  });

  it('requireAuth({ roles }) answers 403 without the role, and the page renders for the signed-in user', async () => {
    const login = await fetch(`${running.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'ada', password: 'pw-ada' }) });
    const { access_token: token } = (await login.json()) as { access_token: string };
    const bearer = { authorization: `Bearer ${token}` };
    const admin = await get('/admin', { ...bearer, ...skip });
    expect(admin.status).toBe(403);
    expect(await admin.text()).not.toContain('u-ada');
    const page = await get('/dashboard', bearer);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('u-ada');
    await auth.revokeUser('u-ada');
    expect((await get('/dashboard', bearer)).status).toBe(307); // revoked through the store: the full check
    expect((await get('/api/seen', bearer)).status).toBe(401);
  });
});
