/**
 * The harness: for each scenario it builds a real auth layer with the core's `createAuth` (test
 * users, an HS256 or ES256 key, an injected clock, the memory store or a breakable part), starts
 * the adapter on it, hands the running server to the case, and always closes it.
 */
import { createClient, send } from './client.js';
import { check } from './expect.js';
import { faultParts } from './faults.js';
import type { AdapterApi, AdapterHarness, AuthLike, Scenario, StartAdapter, TestServer, TestUser } from './types.js';

/** The instant every scenario starts at (the clock then moves only when a case advances it). */
export const START = Date.parse('2026-11-22T10:00:00Z');
export const ISSUER = 'https://issuer.test';
export const AUDIENCE = 'tessera-adapter-tests';
/** The HS256 secret of the default scenario (a test secret: never use it anywhere else). */
export const SECRET = 'tessera-adapter-conformance-secret-0123456789abcdef';

/**
 * `ada`/`pw-ada` with roles [user] and `root`/`pw-root` with roles [user, admin], by user name: the
 * directory behind every scenario (a fresh copy per call).
 *
 * @example
 * ```ts
 * testUsers().get('root')!.roles; // ['user', 'admin']
 * ```
 */
export function testUsers(): Map<string, TestUser> {
  return new Map([
    ['ada', { id: 'u-ada', username: 'ada', password: 'pw-ada', roles: ['user'] }],
    ['root', { id: 'u-root', username: 'root', password: 'pw-root', roles: ['user', 'admin'] }],
  ]);
}

/**
 * A harness running the cases against the adapter that `start` starts, with the core functions of
 * `api`. Key pairs (`keyPair`) are generated once per harness.
 *
 * @example
 * ```ts
 * import * as core from '@tessera/jwt-core';
 * import { createAuth, createMemoryStore } from '@tessera/jwt-core/server';
 * import { adapterCases, adapterHarness } from '@tessera/test-vectors/adapters';
 *
 * const harness = adapterHarness({ api: { ...core, createAuth, createMemoryStore }, start: startMyAdapter });
 * for (const c of adapterCases()) it(c.title, () => c.run(harness));
 * ```
 */
export function adapterHarness<A extends AuthLike>(options: { api: AdapterApi<A>; start: StartAdapter<A> }): AdapterHarness<A> {
  const { api, start } = options;
  const pairs = new Map<string, Promise<{ privateKey: unknown; publicKey: unknown }>>();
  const keyPair = (alg: string) => {
    let p = pairs.get(alg);
    if (p === undefined) pairs.set(alg, (p = api.generateKeyPair(alg, { kid: `conformance-${alg}` })));
    return p;
  };

  async function withServer<T>(scenario: Scenario, body: (server: TestServer) => Promise<T>): Promise<T> {
    let ms = START;
    const now = () => new Date(ms);
    const users = testUsers();
    const errors: unknown[] = [];
    const warnings: string[] = [];
    const byId = (id: string) => [...users.values()].find((u) => u.id === id && u.locked !== true) ?? null;
    const callbacks = {
      authenticate: ({ username, password }: { username: string; password: string }) => {
        const user = users.get(username);
        return user !== undefined && user.locked !== true && user.password === password ? user : null;
      },
      loadUser: (sub: string) => byId(sub),
      claims: (user: TestUser) => ({ sub: user.id, roles: user.roles, ...user.extra }),
    };
    const key = scenario.signing === 'ES256'
      ? (await keyPair('ES256')).privateKey
      : await api.importSecret(SECRET, { alg: 'HS256', kid: 'k1' });
    const store = api.createMemoryStore({ now });
    const fault = faultParts(scenario.fault, { store, key, callbacks });
    const trustProxy = scenario.trustProxy === true;
    const auth = api.createAuth({
      keys: key, issuer: ISSUER, audience: AUDIENCE, now, store,
      transport: scenario.transport ?? 'cookie', trustProxy,
      logger: { warn: (message: string) => void warnings.push(message) },
      ...callbacks, ...fault.config, ...scenario.config,
    });
    const running = await start({ auth, trustProxy, onError: (error) => void errors.push(error) });
    try {
      check(/^http:\/\/127\.0\.0\.1:\d+$/.test(running.url), `the adapter must listen on http://127.0.0.1:<port> and give that URL without a path; got ${running.url}`);
      const server: TestServer = {
        url: running.url, scenario, users, errors, warnings, now,
        advance: (seconds) => void (ms += seconds * 1000),
        setFault: fault.setBroken,
        client: (origin) => createClient(running.url, origin === undefined ? running.url : origin),
        fetch: (path, init) => send(running.url, path, init),
      };
      return await body(server);
    } finally {
      await running.close();
    }
  }

  return { api, withServer, keyPair };
}
