/**
 * A real auth layer (`createAuth` from the core) behind this package's handler and middleware, on a
 * real HTTP server on 127.0.0.1, with an injected clock and an in-test user directory.
 */
import { importSecret } from '@tessera/jwt-core';
import { createAuth, createMemoryStore, type Auth, type AuthConfig, type AuthStore } from '@tessera/jwt-core/server';
import { authenticate, createMiddleware, createNodeHandler, sendWebResponse, type AuthenticatedRequest, type NodeHandlerOptions } from '../../src/index.js';
import { listen, type Running } from './http.js';

export interface TestUser {
  id: string;
  username: string;
  password: string;
  roles: string[];
  locked?: boolean;
  extra?: Record<string, unknown>;
}

export const START = Date.parse('2026-11-22T10:00:00Z');

export class Clock {
  ms = START;
  now = (): Date => new Date(this.ms);
  advance(seconds: number): void {
    this.ms += seconds * 1000;
  }
}

export interface AuthServer extends Running {
  auth: Auth;
  clock: Clock;
  users: Map<string, TestUser>;
  warnings: string[];
  errors: unknown[];
}

export interface AuthServerOptions {
  config?: Partial<AuthConfig<TestUser>> | ((url: string) => Partial<AuthConfig<TestUser>>);
  adapter?: NodeHandlerOptions;
  store?: AuthStore;
}

export const SECRET = 'tessera-node-adapter-tests-secret-0123456789abcdef';

export function defaultUsers(): Map<string, TestUser> {
  return new Map([
    ['ada', { id: 'u-ada', username: 'ada', password: 'pw-ada', roles: ['user'] }],
    ['root', { id: 'u-root', username: 'root', password: 'pw-root', roles: ['user', 'admin'] }],
  ]);
}

/**
 * Routes of the test app: `/api/me` (middleware), `/api/admin` (middleware requiring role admin),
 * `/api/fn` (the `authenticate` function); everything under /auth and the JWKS go to the core.
 */
export async function startAuthServer(options: AuthServerOptions = {}): Promise<AuthServer> {
  const clock = new Clock();
  const users = defaultUsers();
  const warnings: string[] = [];
  const errors: unknown[] = [];
  // The server listens first (the URL feeds the config), then gets its handler.
  const route: { handler?: (req: never, res: never) => unknown } = {};
  const running = await listen((req, res) => void route.handler?.(req as never, res as never));
  const key = await importSecret(SECRET, { alg: 'HS256', kid: 'k1' });
  const byId = (id: string) => [...users.values()].find((u) => u.id === id);
  const overrides = typeof options.config === 'function' ? options.config(running.url) : options.config;
  const auth = createAuth<TestUser>({
    keys: key,
    issuer: 'https://issuer.test',
    audience: 'tessera-tests',
    now: clock.now,
    store: options.store ?? createMemoryStore({ now: clock.now }),
    logger: { warn: (m) => warnings.push(m) },
    authenticate: ({ username, password }) => {
      const user = users.get(username);
      return user && !user.locked && user.password === password ? user : null;
    },
    loadUser: (sub) => {
      const user = byId(sub);
      return user && !user.locked ? user : null;
    },
    claims: (user) => ({ sub: user.id, roles: user.roles, ...user.extra }),
    ...overrides,
  });
  const adapter = { onError: (e: unknown) => void errors.push(e), ...options.adapter };
  const requireUser = createMiddleware(auth, adapter);
  const requireAdmin = createMiddleware(auth, { ...adapter, require: { roles: ['admin'] } });
  const json = (res: import('node:http').ServerResponse, body: unknown) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body));
  };
  route.handler = createNodeHandler(auth, {
    ...adapter,
    fallback: async (req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/api/me') return requireUser(req, res, () => json(res, { claims: (req as AuthenticatedRequest).auth }));
      if (path === '/api/admin') return requireAdmin(req, res, () => json(res, { admin: true }));
      if (path === '/api/fn') {
        const result = await authenticate(auth, req, res, adapter);
        return result.ok ? json(res, { sub: result.claims.sub }) : sendWebResponse(res, result.response);
      }
      res.statusCode = 404;
      res.end();
    },
  });
  return { ...running, auth, clock, users, warnings, errors };
}
