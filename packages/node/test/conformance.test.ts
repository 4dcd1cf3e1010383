/**
 * @tessera/node runs the adapter conformance suite (`@tessera/test-vectors/adapters`) unchanged,
 * over real HTTP on 127.0.0.1, twice: with the app routes protected by `createMiddleware`, and by
 * the `authenticate()` function. Both serve the suite's app contract behind `createNodeHandler`;
 * paths the app does not know get the adapter's own 404 (a handler without a fallback).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import * as core from '@tessera/jwt-core';
import { createAuth, createMemoryStore, type Auth, type Requirement } from '@tessera/jwt-core/server';
import { APP_FAILURE_MESSAGE, adapterCases, adapterHarness, type AdapterSetup, type RunningAdapter, type StartAdapter } from '@tessera/test-vectors/adapters';
import { authenticate, createMiddleware, createNodeHandler, sendWebResponse, type AuthenticatedRequest, type NodeAuthOptions } from '../src/index.js';

type Json = (res: ServerResponse, body: unknown) => void;
/** Runs `then` with the verified claims, or lets the adapter answer the refusal. */
type Guard = (req: IncomingMessage, res: ServerResponse, requirement: Requirement | undefined, then: (claims: AuthenticatedRequest['auth']) => void) => void | Promise<void>;

const json: Json = (res, body) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
};

/** The routes of the app contract, protected by `guard`. */
function app(guard: Guard, notFound: (req: IncomingMessage, res: ServerResponse) => Promise<void>) {
  return (req: IncomingMessage, res: ServerResponse): void | Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/' && req.method === 'GET') return json(res, { service: 'tessera-conformance', public: true });
    if (path === '/api/me') return guard(req, res, undefined, (claims) => json(res, { claims }));
    if (path === '/api/admin') return guard(req, res, { roles: ['admin'] }, (claims) => json(res, { admin: true, sub: claims.sub }));
    if (path === '/api/fail') {
      return guard(req, res, undefined, () => {
        throw new Error(APP_FAILURE_MESSAGE);
      });
    }
    return notFound(req, res);
  };
}

const guards: Record<string, (auth: Auth, options: NodeAuthOptions) => Guard> = {
  createMiddleware: (auth, options) => {
    const user = createMiddleware(auth, options);
    const admin = createMiddleware(auth, { ...options, require: { roles: ['admin'] } });
    return (req, res, requirement, then) => (requirement ? admin : user)(req, res, () => then((req as AuthenticatedRequest).auth));
  },
  'authenticate()': (auth, options) => async (req, res, requirement, then) => {
    const result = await authenticate(auth, req, res, { ...options, ...(requirement ? { require: requirement } : {}) });
    if (!result.ok) return sendWebResponse(res, result.response);
    then(result.claims);
  },
};

function starter(guard: (auth: Auth, options: NodeAuthOptions) => Guard): StartAdapter<Auth> {
  return async ({ auth, trustProxy, onError }: AdapterSetup<Auth>): Promise<RunningAdapter> => {
    const options = { trustProxy, onError };
    const notFound = createNodeHandler(auth, options);
    const server = createServer(createNodeHandler(auth, { ...options, fallback: app(guard(auth, options), notFound) }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    return {
      url: `http://127.0.0.1:${address.port}`,
      close: () => new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
    };
  };
}

const api = { ...core, createAuth, createMemoryStore };

it('the suite has unique case ids and titles, and covers every transport and fault', () => {
  const cases = adapterCases();
  expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  expect(new Set(cases.map((c) => c.title)).size).toBe(cases.length);
  const ids = cases.map((c) => c.id);
  for (const t of ['cookie', 'bearer', 'split']) expect(ids).toContain(`lifecycle/${t}`);
  for (const f of ['store-rejects', 'store-throws', 'key-ring', 'load-user', 'claims', 'authenticate']) expect(ids).toContain(`fail-closed/${f}`);
  expect(ids.filter((id) => id.startsWith('vector/')).length).toBeGreaterThanOrEqual(40);
});

for (const [name, guard] of Object.entries(guards)) {
  describe(`adapter conformance: app routes behind ${name}`, () => {
    const harness = adapterHarness({ api, start: starter(guard) });
    for (const c of adapterCases()) it(c.title, () => c.run(harness));
  });
}
