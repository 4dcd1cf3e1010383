/**
 * toRequestHead: over real HTTP, the head answers exactly what toWebRequest's Request answers (every
 * header name sent plus absent ones, forwarding rules with and without trust, the URL), validates
 * Host at once, computes the URL lazily and builds the full Request once, on demand.
 */
import type { IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { JoseError } from '@tessera/jwt-core';
import { errorResponse } from '@tessera/jwt-core/server';
import { sendWebResponse, toRequestHead, toWebRequest, type BridgeOptions } from '../src/bridge.js';
import { listen, send, sendRaw, type Running } from './helpers/http.js';

let server: Running | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const NAMES = ['authorization', 'Authorization', 'cookie', 'x-multi', 'accept', 'host', 'forwarded', 'x-forwarded-proto',
  'x-forwarded-host', 'x-forwarded-for', 'set-cookie', 'content-type', 'x-absent'];

/** Compares head and Web Request for each request the server receives; answers the differences. */
async function compare(options: BridgeOptions = {}): Promise<Running> {
  server = await listen(async (req: IncomingMessage, res) => {
    const head = toRequestHead(req, options);
    const web = toWebRequest(req, options);
    const diff: Record<string, [string | null, string | null]> = {};
    for (const name of NAMES) {
      if (head.headers.get(name) !== web.headers.get(name)) diff[name] = [head.headers.get(name), web.headers.get(name)];
    }
    if (head.url !== web.url) diff['(url)'] = [head.url, web.url];
    if (head.method !== web.method) diff['(method)'] = [head.method, web.method];
    // Web Headers throws on a pseudo-header name; the head just has no such header.
    if (head.headers.get(':authority') !== null) diff[':authority'] = [head.headers.get(':authority'), null];
    await sendWebResponse(res, Response.json({ diff, url: head.url, auth: head.headers.get('authorization') }));
  });
  return server;
}

describe('toRequestHead', () => {
  it('answers what the Web Request answers, repeated headers and cookies included', async () => {
    const { url } = await compare();
    const reply = await send(`${url}/a/b?x=1&y=%20`, {
      method: 'POST',
      headers: {
        authorization: 'Bearer abc.def.ghi', 'x-multi': ['a', 'b'], cookie: ['a=1', 'b=2'], accept: 'application/json',
        'set-cookie': ['s=1', 's=2'], 'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'k=v',
    });
    expect(reply.json()).toMatchObject({ diff: {}, auth: 'Bearer abc.def.ghi' });
  });

  it('hides forwarding headers from an untrusted peer and passes them behind a trusted proxy', async () => {
    const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'app.example.com', 'x-forwarded-for': '203.0.113.9', forwarded: 'for=203.0.113.9' };
    const untrusted = await compare();
    const seen = (await send(`${untrusted.url}/p`, { headers: forwarded })).json<{ diff: object; url: string }>();
    expect(seen).toEqual({ diff: {}, url: `${untrusted.url}/p`, auth: null });
    await untrusted.close();
    const trusted = await compare({ trustProxy: (ip) => ip === '127.0.0.1' });
    const behind = (await send(`${trusted.url}/p`, { headers: forwarded })).json<{ diff: object; url: string }>();
    expect(behind).toEqual({ diff: {}, url: 'https://app.example.com/p', auth: null });
  });

  it('keeps scheme and host from the connection for an absolute-form request line', async () => {
    const { port } = await compare();
    const raw = await sendRaw(port, 'GET https://evil.example//x?y=1 HTTP/1.1\r\nHost: good.example\r\nConnection: close\r\n\r\n');
    expect(raw).toContain('"diff":{}');
    expect(raw).toContain('"url":"http://good.example//x?y=1"');
  });

  it('refuses an invalid Host at once, with the same 400 JoseError (ERR_AUTH_REQUEST_INVALID)', async () => {
    server = await listen(async (req, res) => {
      let head: unknown;
      try {
        head = toRequestHead(req);
      } catch (error) {
        const e = error as JoseError;
        return sendWebResponse(res, Response.json({ bridge: e instanceof JoseError, status: errorResponse(e).status }));
      }
      return sendWebResponse(res, Response.json({ head: typeof head }));
    });
    expect((await send(`${server.url}/p`, { headers: { host: 'a b/c' } })).json()).toEqual({ bridge: true, status: 400 });
  });

  it('computes the URL on first read and builds the full Request once, with its body', async () => {
    server = await listen(async (req, res) => {
      const head = toRequestHead(req);
      const first = head.toRequest!();
      const same = head.toRequest!() === first;
      await sendWebResponse(res, Response.json({ same, url: head.url === first.url, body: await first.text() }));
    });
    const reply = await send(`${server.url}/upload`, { method: 'POST', body: 'access_token=t' });
    expect(reply.json()).toEqual({ same: true, url: true, body: 'access_token=t' });
  });
});
