/**
 * The adapter's own behaviour with a stand-in auth object, where a real auth layer cannot go: a core
 * that throws, rejects or answers nonsense denies with 503 (never access, never the fallback), the
 * default 404 without a fallback, the fallback's unread body, the bridge's own body limit, an
 * untranslatable request, onError for the app's failures. Everything the real auth layer does
 * through the adapter over HTTP is the conformance suite's (conformance.test.ts).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AccessClaims, Auth } from '@tessera/jwt-core/server';
import { authenticate, createMiddleware, createNodeHandler, sendWebResponse, type AuthenticatedRequest } from '../src/index.js';
import { listen, send, type Running } from './helpers/http.js';

let server: Running | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const claims = { sub: 'u1', iat: 1, exp: 2, jti: 'j', sid: 's', auth_time: 1 } as AccessClaims;

function fakeAuth(parts: Partial<Auth>): Auth {
  const never = () => Promise.reject(new Error('not expected in this test'));
  // handles(): every path is offered to handle(), which each test scripts.
  return { handles: () => true, handle: never, authenticate: never, require: never, authorize: never, basePath: '/auth', transport: 'cookie', ...parts } as Auth;
}

describe('createNodeHandler', () => {
  it('answers 404 JSON for other paths, or hands them to the fallback with their body unread', async () => {
    const auth = fakeAuth({ handle: async () => null });
    server = await listen(createNodeHandler(auth));
    const reply = await send(`${server.url}/nope`);
    expect(reply.status).toBe(404);
    expect(reply.json()).toMatchObject({ error: 'ERR_AUTH_NOT_FOUND' });
    await server.close();

    server = await listen(
      createNodeHandler(auth, {
        fallback: (req, res) => {
          const chunks: Buffer[] = [];
          req.on('data', (c: Buffer) => chunks.push(c));
          req.on('end', () => res.end(`app got ${Buffer.concat(chunks).toString()}`));
        },
      }),
    );
    expect((await send(`${server.url}/app`, { method: 'POST', body: 'payload' })).body).toBe('app got payload');
  });

  it('answers 503 (never a fallback, never a hang) when auth.handle throws', async () => {
    const onError = vi.fn();
    const fallback = vi.fn();
    const auth = fakeAuth({ handle: () => Promise.reject(new Error('store down')) });
    server = await listen(createNodeHandler(auth, { onError, fallback }));
    const reply = await send(`${server.url}/auth/refresh`, { method: 'POST' });
    expect(reply.status).toBe(503);
    expect(reply.json()).toMatchObject({ error: 'ERR_AUTH_UNAVAILABLE' });
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(onError).toHaveBeenCalledOnce();
    expect(fallback).not.toHaveBeenCalled();
  });

  it('builds no Web Request for a path that auth.handles() says is not an endpoint', async () => {
    const handle = vi.fn(async () => new Response('endpoint'));
    const auth = fakeAuth({ handles: (target) => target.startsWith('/auth/'), handle });
    server = await listen(createNodeHandler(auth, { fallback: (_req, res) => void res.end('app') }));
    expect((await send(`${server.url}/app`)).body).toBe('app');
    expect(handle).not.toHaveBeenCalled();
    expect((await send(`${server.url}/auth/login`, { method: 'POST' })).body).toBe('endpoint');
    expect(handle).toHaveBeenCalledOnce();
  });

  it('answers 500 when the fallback app throws, and reports the error', async () => {
    const onError = vi.fn();
    const auth = fakeAuth({ handle: async () => null });
    server = await listen(createNodeHandler(auth, { onError, fallback: () => Promise.reject(new Error('app bug')) }));
    const reply = await send(`${server.url}/app`);
    expect(reply.status).toBe(500);
    expect(reply.json()).toMatchObject({ error: 'ERR_AUTH_INTERNAL' });
    expect(reply.body).not.toContain('app bug');
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'app bug' }));
  });

  it('answers 413 when the core reads a body over maxBodySize', async () => {
    const auth = fakeAuth({ handle: async (request) => Response.json({ len: (await request.text()).length }) });
    server = await listen(createNodeHandler(auth, { maxBodySize: 8, onError: () => undefined }));
    const reply = await send(`${server.url}/auth/login`, { method: 'POST', body: 'x'.repeat(9) });
    expect(reply.status).toBe(413);
    expect(reply.json()).toMatchObject({ error: 'ERR_AUTH_REQUEST_INVALID' });
    expect((await send(`${server.url}/auth/login`, { method: 'POST', body: 'x'.repeat(8) })).json()).toEqual({ len: 8 });
  });
});

describe('authenticate', () => {
  it.each([
    ['rejects', () => Promise.reject(new Error('key resolver failed'))],
    ['throws synchronously', () => { throw new TypeError('bug'); }],
    ['resolves to nothing', async () => undefined],
    ['resolves to a malformed success', async () => ({ ok: 'yes', claims })],
  ])('denies with 503 when the core %s', async (_name, impl) => {
    const onError = vi.fn();
    const auth = fakeAuth({ authenticate: impl as unknown as Auth['authenticate'] });
    server = await listen(async (req, res) => {
      const result = await authenticate(auth, req, res, { onError });
      await sendWebResponse(res, result.ok ? new Response('ACCESS') : result.response);
    });
    const reply = await send(server.url);
    expect(reply.status).toBe(503);
    expect(reply.body).not.toContain('ACCESS');
    expect(reply.json()).toMatchObject({ error: 'ERR_AUTH_UNAVAILABLE' });
    // The same response format as the core's own refusals: no-store, and a retry hint for 503.
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(reply.headers['retry-after']).toBe('5');
    expect(onError).toHaveBeenCalledOnce();
  });
});

describe('createMiddleware', () => {
  async function app(auth: Auth, options = {}) {
    const next = vi.fn();
    const middleware = createMiddleware(auth, { onError: () => undefined, ...options });
    server = await listen((req, res) => {
      middleware(req, res, () => {
        next();
        res.end(`hello ${(req as AuthenticatedRequest).auth.sub}`);
      });
    });
    return next;
  }

  it('answers 503 and never calls next when the core throws', async () => {
    const next = await app(fakeAuth({ authenticate: () => Promise.reject(new Error('store down')) }));
    const reply = await send(server!.url);
    expect(reply.status).toBe(503);
    expect(next).not.toHaveBeenCalled();
  });

  it('answers 500 when the handler after it throws, without an unhandled rejection', async () => {
    const onError = vi.fn();
    const middleware = createMiddleware(fakeAuth({ authenticate: async () => ({ ok: true, claims, headers: new Headers() }) }), { onError });
    server = await listen((req, res) => middleware(req, res, () => { throw new Error('route bug'); }));
    const reply = await send(server.url);
    expect(reply.status).toBe(500);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'route bug' }));
  });

  it('answers 400 and never calls next when the request cannot be translated', async () => {
    const authenticateSpy = vi.fn();
    const next = await app(fakeAuth({ authenticate: authenticateSpy }));
    const reply = await send(server!.url, { headers: { host: 'bad host' } });
    expect(reply.status).toBe(400);
    expect(reply.json()).toMatchObject({ error: 'ERR_AUTH_REQUEST_INVALID' });
    expect(next).not.toHaveBeenCalled();
    expect(authenticateSpy).not.toHaveBeenCalled();
  });
});
