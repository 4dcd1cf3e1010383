/**
 * The adapter's own behaviour with a stand-in auth object: what it forwards, what it sends, and that
 * every failure path (a core that throws, rejects or answers nonsense) denies with 503, never access.
 * The real auth layer over HTTP is exercised in flows.test.ts.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AccessClaims, Auth, AuthResult, Requirement } from '@tessera/jwt-core/server';
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
  return { handle: never, authenticate: never, require: never, basePath: '/auth', transport: 'cookie', ...parts } as Auth;
}

function refreshed(): Headers {
  const headers = new Headers();
  headers.append('set-cookie', 'tessera-at=new; Path=/; HttpOnly');
  headers.append('set-cookie', 'tessera-rt=new; Path=/auth; HttpOnly');
  return headers;
}

const denied = (status: number): AuthResult => {
  const response = Response.json({ error: 'ERR_TOKEN_MISSING' }, { status });
  return { ok: false, error: new Error('denied') as never, response };
};

describe('createNodeHandler', () => {
  it('sends what auth.handle returns, with the Web Request it was given', async () => {
    const seen: Request[] = [];
    const auth = fakeAuth({
      handle: async (request) => {
        seen.push(request);
        const body = await request.text();
        return Response.json({ got: body }, { status: 201, headers: [['set-cookie', 'a=1'], ['set-cookie', 'b=2']] });
      },
    });
    server = await listen(createNodeHandler(auth));
    const reply = await send(`${server.url}/auth/login`, { method: 'POST', body: 'user=ada' });
    expect(reply.status).toBe(201);
    expect(reply.json()).toEqual({ got: 'user=ada' });
    expect(reply.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    expect(seen[0]?.method).toBe('POST');
    expect(new URL(seen[0]!.url).pathname).toBe('/auth/login');
  });

  it('answers 404 JSON for other paths, or hands them to the fallback with their body unread', async () => {
    const auth = fakeAuth({ handle: async () => null });
    server = await listen(createNodeHandler(auth));
    const reply = await send(`${server.url}/nope`);
    expect(reply.status).toBe(404);
    expect(reply.json()).toMatchObject({ error: 'ERR_NOT_FOUND' });
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

  it('answers 500 when the fallback app throws, and reports the error', async () => {
    const onError = vi.fn();
    const auth = fakeAuth({ handle: async () => null });
    server = await listen(createNodeHandler(auth, { onError, fallback: () => Promise.reject(new Error('app bug')) }));
    const reply = await send(`${server.url}/app`);
    expect(reply.status).toBe(500);
    expect(reply.json()).toMatchObject({ error: 'ERR_INTERNAL' });
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
  it('returns the success and puts the refreshed cookies on the response', async () => {
    const auth = fakeAuth({ authenticate: async () => ({ ok: true, claims, headers: refreshed() }) });
    server = await listen(async (req, res) => {
      const result = await authenticate(auth, req, res);
      res.end(result.ok ? result.claims.sub : 'denied');
    });
    const reply = await send(server.url);
    expect(reply.body).toBe('u1');
    expect(reply.headers['set-cookie']).toEqual(['tessera-at=new; Path=/; HttpOnly', 'tessera-rt=new; Path=/auth; HttpOnly']);
  });

  it('calls auth.require with the requirement', async () => {
    const calls: (Requirement | undefined)[] = [];
    const auth = fakeAuth({ require: async (_r, requirement) => (calls.push(requirement), denied(403)) });
    server = await listen(async (req, res) => {
      const result = await authenticate(auth, req, res, { require: { roles: ['admin'] } });
      await sendWebResponse(res, result.ok ? new Response('in') : result.response);
    });
    expect((await send(server.url)).status).toBe(403);
    expect(calls).toEqual([{ roles: ['admin'] }]);
  });

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

  it('sets req.auth, adds refreshed cookies and calls next on success', async () => {
    const next = await app(fakeAuth({ authenticate: async () => ({ ok: true, claims, headers: refreshed() }) }));
    const reply = await send(server!.url);
    expect(reply.body).toBe('hello u1');
    expect(reply.headers['set-cookie']).toHaveLength(2);
    expect(next).toHaveBeenCalledOnce();
  });

  it('sends the core 401/403 response and never calls next', async () => {
    const next = await app(fakeAuth({ require: async () => denied(401) }), { require: { permissions: ['x'] } });
    const reply = await send(server!.url);
    expect(reply.status).toBe(401);
    expect(reply.json()).toEqual({ error: 'ERR_TOKEN_MISSING' });
    expect(next).not.toHaveBeenCalled();
  });

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
