/**
 * The checks every example app's server makes before the framework sees a request
 * (request-guard.mjs), over real HTTP through `serve`: repeated credential lines refused with the
 * core's 400, absolute-form targets reduced to their path, and the server's timeouts in place.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, SERVER_TIMEOUTS } from '../src/serve.mjs';

let app;
const seen = [];

beforeAll(async () => {
  app = await serve(async () => ({
    sessions: undefined,
    handler: (req, res) => {
      seen.push({ url: req.url, authorization: req.headers.authorization });
      res.end('{"ok":true}');
    },
  }), { port: 0 });
});

afterAll(() => app.close());

/** Sends `text` on a raw socket; resolves to what came back once the server closes or 2 s pass. */
function raw(text) {
  return new Promise((resolve) => {
    const socket = connect(app.server.address().port, '127.0.0.1');
    let received = '';
    const timer = setTimeout(() => socket.destroy(), 2000);
    socket.on('data', (d) => { received += d; if (received.includes('}')) socket.end(); });
    socket.on('close', () => { clearTimeout(timer); resolve(received); });
    socket.write(text);
  });
}

describe('guardRequest (through serve)', () => {
  it('refuses two Authorization lines with 400 ERR_AUTH_REQUEST_INVALID, before the app sees them', async () => {
    seen.length = 0;
    const answer = await raw('GET /api/me HTTP/1.1\r\nHost: a.test\r\nAuthorization: Bearer one\r\nauthorization: Bearer two\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain('"error":"ERR_AUTH_REQUEST_INVALID"');
    expect(answer).toContain('more than one Authorization header line');
    expect(answer).not.toContain('Bearer one');
    expect(seen).toEqual([]);
  });

  it('refuses two Cookie lines, and lets one of each through', async () => {
    seen.length = 0;
    expect(await raw('GET / HTTP/1.1\r\nHost: a.test\r\nCookie: a=1\r\nCookie: b=2\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 [^]*more than one Cookie header line/);
    expect(await raw('GET / HTTP/1.1\r\nHost: a.test\r\nCookie: a=1; b=2\r\nAuthorization: Bearer x\r\n\r\n')).toMatch(/^HTTP\/1\.1 200 /);
    expect(seen).toEqual([{ url: '/', authorization: 'Bearer x' }]);
  });

  it('hands an absolute-form target to the app as its path and query; refuses a target that is neither', async () => {
    seen.length = 0;
    expect(await raw('GET http://evil.test/api/me?x=1 HTTP/1.1\r\nHost: a.test\r\n\r\n')).toMatch(/^HTTP\/1\.1 200 /);
    expect(seen.map((s) => s.url)).toEqual(['/api/me?x=1']);
    expect(await raw('GET ftp://evil.test/x HTTP/1.1\r\nHost: a.test\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 [^]*neither a path nor an http\(s\) URL/);
  });

  it('bounds how long a client may take to send a request', () => {
    expect(app.server.headersTimeout).toBe(SERVER_TIMEOUTS.headersTimeout);
    expect(app.server.requestTimeout).toBe(SERVER_TIMEOUTS.requestTimeout);
    expect(SERVER_TIMEOUTS.requestTimeout).toBeLessThanOrEqual(10_000);
  });
});
