import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { JoseError } from '@tessera/jwt-core';
import { errorResponse } from '@tessera/jwt-core/server';
import { applyHeaders, sendWebResponse, toWebRequest, type BridgeOptions } from '../src/bridge.js';
import { listen, send, sendRaw, type Running } from './helpers/http.js';

let server: Running | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server that translates each request and answers with what the Web Request looked like. */
async function echo(options: BridgeOptions = {}, readBody = true): Promise<Running> {
  server = await listen(async (req, res) => {
    try {
      const request = toWebRequest(req, options);
      const body = readBody && request.body ? await request.text() : null;
      await sendWebResponse(
        res,
        Response.json({ method: request.method, url: request.url, headers: Object.fromEntries(request.headers), body }),
      );
    } catch (error) {
      const e = error as JoseError;
      await sendWebResponse(res, Response.json({ bridge: e instanceof JoseError, code: e.code }, { status: e instanceof JoseError ? errorResponse(e).status : 500 }));
    }
  });
  return server;
}

describe('toWebRequest', () => {
  it('builds method, absolute URL and headers, repeated headers included', async () => {
    const { url, port } = await echo();
    const reply = await send(`${url}/auth/session?x=1`, {
      headers: { 'x-multi': ['a', 'b'], cookie: 'a=1', accept: 'application/json' },
    });
    const seen = reply.json<{ method: string; url: string; headers: Record<string, string> }>();
    expect(seen.method).toBe('GET');
    expect(seen.url).toBe(`http://127.0.0.1:${port}/auth/session?x=1`);
    expect(seen.headers['x-multi']).toBe('a, b');
    expect(seen.headers.cookie).toBe('a=1');
    expect(seen.headers.accept).toBe('application/json');
  });

  it('ignores and strips forwarding headers unless the proxy is trusted', async () => {
    const { url, port } = await echo();
    const seen = (
      await send(`${url}/p`, {
        headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.example', 'x-forwarded-for': '6.6.6.6', forwarded: 'for=6.6.6.6' },
      })
    ).json<{ url: string; headers: Record<string, string> }>();
    expect(seen.url).toBe(`http://127.0.0.1:${port}/p`);
    expect(seen.headers['x-forwarded-proto']).toBeUndefined();
    expect(seen.headers['x-forwarded-host']).toBeUndefined();
    expect(seen.headers.forwarded).toBeUndefined();
    expect(seen.headers['x-forwarded-for']).toBe('127.0.0.1');
  });

  it('honours X-Forwarded-Proto/-Host/-For behind a trusted proxy', async () => {
    const { url } = await echo({ trustProxy: true });
    const seen = (
      await send(`${url}/p?q=1`, {
        headers: { 'x-forwarded-proto': 'https, http', 'x-forwarded-host': 'app.example.com', 'x-forwarded-for': '203.0.113.9, 10.0.0.1' },
      })
    ).json<{ url: string; headers: Record<string, string> }>();
    expect(seen.url).toBe('https://app.example.com/p?q=1');
    expect(seen.headers['x-forwarded-for']).toBe('203.0.113.9, 10.0.0.1');
  });

  it('asks a trustProxy function about the connecting peer', async () => {
    const peers: (string | undefined)[] = [];
    const { url, port } = await echo({ trustProxy: (ip) => (peers.push(ip), ip === '10.9.9.9') });
    const seen = (await send(`${url}/p`, { headers: { 'x-forwarded-proto': 'https' } })).json<{ url: string }>();
    expect(peers).toEqual(['127.0.0.1']);
    expect(seen.url).toBe(`http://127.0.0.1:${port}/p`);
  });

  it('refuses an invalid Host header with a 400 JoseError (ERR_AUTH_REQUEST_INVALID)', async () => {
    const { url } = await echo();
    const reply = await send(`${url}/p`, { headers: { host: 'a b/c' } });
    expect(reply.status).toBe(400);
    expect(reply.json()).toEqual({ bridge: true, code: 'ERR_AUTH_REQUEST_INVALID' });
  });

  it('keeps scheme and host from the connection when the request line is in absolute form', async () => {
    const { port } = await echo();
    const raw = await sendRaw(port, 'GET https://evil.example//x?y=1 HTTP/1.1\r\nHost: good.example\r\nConnection: close\r\n\r\n');
    expect(raw).toContain('"url":"http://good.example//x?y=1"');
  });

  it('passes the body of a POST', async () => {
    const { url } = await echo();
    const seen = (await send(`${url}/auth/login`, { method: 'POST', body: '{"username":"ada"}' })).json<{ body: string }>();
    expect(seen.body).toBe('{"username":"ada"}');
  });

  it('refuses a body over maxBodySize while streaming, and by its Content-Length up front', async () => {
    const { url } = await echo({ maxBodySize: 10 });
    const streamed = await send(`${url}/x`, { method: 'POST', headers: { 'transfer-encoding': 'chunked' }, body: 'x'.repeat(11) });
    expect(streamed.status).toBe(413);
    expect(streamed.json()).toEqual({ bridge: true, code: 'ERR_AUTH_REQUEST_INVALID' });
    const declared = await send(`${url}/x`, { method: 'POST', body: 'y'.repeat(50) });
    expect(declared.status).toBe(413);
    const fits = await send(`${url}/x`, { method: 'POST', body: 'z'.repeat(10) });
    expect(fits.json<{ body: string }>().body).toBe('z'.repeat(10));
  });

  it('reads nothing from the request until the body is read, so a fallback still gets it', async () => {
    server = await listen((req: IncomingMessage, res: ServerResponse) => {
      toWebRequest(req); // built and dropped, as when the core does not handle the request
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => res.end(Buffer.concat(chunks)));
    });
    expect((await send(`${server.url}/app`, { method: 'POST', body: 'untouched' })).body).toBe('untouched');
  });

  /** A body parser that read the whole body before the bridge, keeping it (or not) as rawBody. */
  async function afterBodyParser(options: BridgeOptions): Promise<Running> {
    server = await listen(async (req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      (req as IncomingMessage & { rawBody?: string }).rawBody = Buffer.concat(chunks).toString('utf8');
      const request = toWebRequest(req, options);
      try {
        await sendWebResponse(res, Response.json({ body: await request.text() }));
      } catch (error) {
        const e = (error as { cause?: unknown }).cause ?? error;
        await sendWebResponse(res, e instanceof JoseError ? errorResponse(e) : new Response('not a JoseError', { status: 599 }));
      }
    });
    return server;
  }

  it('after a body parser, uses the raw body it kept (rawBody), within maxBodySize', async () => {
    const { url } = await afterBodyParser({ rawBody: (req) => (req as IncomingMessage & { rawBody?: string }).rawBody, maxBodySize: 20 });
    expect((await send(`${url}/auth/login`, { method: 'POST', body: '{"username":"ada"}' })).json()).toEqual({ body: '{"username":"ada"}' });
    expect((await send(`${url}/auth/login`, { method: 'POST', body: 'x'.repeat(21) })).status).toBe(413);
  });

  it('after a body parser that kept nothing, reading the body refuses clearly (500 ERR_AUTH_INTERNAL naming the body parser)', async () => {
    const { url } = await afterBodyParser({});
    const reply = await send(`${url}/auth/login`, { method: 'POST', body: '{"username":"ada"}' });
    expect(reply.status).toBe(500);
    const body = reply.json<{ error: string; message: string }>();
    expect(body.error).toBe('ERR_AUTH_INTERNAL');
    expect(body.message).toMatch(/body parser/);
  });

  it('after a body parser that kept nothing, a request whose body is never read is translated as usual', async () => {
    server = await listen(async (req: IncomingMessage, res: ServerResponse) => {
      for await (const _ of req) void _;
      const request = toWebRequest(req);
      await sendWebResponse(res, Response.json({ method: request.method, url: new URL(request.url).pathname }));
    });
    expect((await send(`${server.url}/api/me`, { method: 'POST', body: 'x' })).json()).toEqual({ method: 'POST', url: '/api/me' });
  });
});

describe('sendWebResponse and applyHeaders', () => {
  it('writes status, statusText, headers, every Set-Cookie on its own line and a streamed body', async () => {
    server = await listen(async (_req, res) => {
      res.setHeader('set-cookie', 'pre=1');
      const headers = new Headers({ 'content-type': 'text/plain', 'x-a': 'b' });
      headers.append('set-cookie', 'a=1; Path=/; HttpOnly');
      headers.append('set-cookie', 'b=2, with comma; Path=/');
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          for (const part of ['one ', 'two ', 'three']) controller.enqueue(new TextEncoder().encode(part));
          controller.close();
        },
      });
      await sendWebResponse(res, new Response(body, { status: 418, statusText: 'Teapot', headers }));
    });
    const reply = await send(server.url);
    expect(reply.status).toBe(418);
    expect(reply.statusText).toBe('Teapot');
    expect(reply.headers['content-type']).toBe('text/plain');
    expect(reply.headers['x-a']).toBe('b');
    expect(reply.headers['set-cookie']).toEqual(['pre=1', 'a=1; Path=/; HttpOnly', 'b=2, with comma; Path=/']);
    expect(reply.body).toBe('one two three');
  });

  it('sends no body for HEAD and for a null body', async () => {
    server = await listen(async (req, res) => {
      await sendWebResponse(res, req.url === '/empty' ? new Response(null, { status: 204 }) : new Response('body'));
    });
    const head = await send(server.url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect((await send(`${server.url}/empty`)).status).toBe(204);
  });

  it('applyHeaders appends cookies and sets other headers', async () => {
    server = await listen((_req, res) => {
      const headers = new Headers({ 'cache-control': 'no-store' });
      headers.append('set-cookie', 'x=1');
      headers.append('set-cookie', 'y=2');
      applyHeaders(res, headers);
      applyHeaders(res, new Headers([['set-cookie', 'z=3']]));
      res.end('ok');
    });
    const reply = await send(server.url);
    expect(reply.headers['set-cookie']).toEqual(['x=1', 'y=2', 'z=3']);
    expect(reply.headers['cache-control']).toBe('no-store');
  });
});
