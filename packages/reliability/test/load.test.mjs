/**
 * The load driver against a small node:http server whose answers are known: every answer is
 * checked, 5xx and wrong answers and timeouts are counted, both framings are read, and the run
 * stops at whichever bound comes first.
 */
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer } from '../src/expect.mjs';
import { runLoad } from '../src/load.mjs';

let server;
let url;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/ok') return res.end('{"ok":true}');
    if (req.url === '/chunked') {
      res.write('{"error":');
      return setImmediate(() => res.end('"ERR_JWT_EXPIRED"}'));
    }
    if (req.url === '/boom') return res.writeHead(500).end('{"error":"ERR_AUTH_INTERNAL"}');
    if (req.url === '/close') return res.writeHead(401, { connection: 'close' }).end('{"error":"ERR_TOKEN_MISSING"}');
    if (req.url === '/never') return undefined; // answers nothing: the driver's timeout
    res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${server.address().port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('runLoad', () => {
  it('checks every answer against its request, reading Content-Length and chunked bodies and reconnecting after Connection: close', async () => {
    const report = await runLoad({
      targets: url, seconds: 10, requests: 600, connections: 4,
      mix: [
        { name: 'ok', path: '/ok', weight: 2, expect: answer(200) },
        { name: 'chunked', path: '/chunked', expect: answer(401, 'ERR_JWT_EXPIRED') }, // the server says 200: wrong
        { name: 'close', path: '/close', expect: answer(401, 'ERR_TOKEN_MISSING') },
      ],
    });
    expect(report.sent).toBe(600);
    expect(report.answered).toBe(600);
    expect(report.bySpec.ok).toEqual({ count: 300, wrong: 0, byStatus: { 200: 300 } });
    expect(report.bySpec.chunked).toEqual({ count: 150, wrong: 150, byStatus: { 200: 150 } });
    expect(report.bySpec.close).toEqual({ count: 150, wrong: 0, byStatus: { 401: 150 } });
    expect(report.wrong).toBe(150);
    expect(report.samples[0].reason).toBe('got 200, expected 401 ERR_JWT_EXPIRED');
    expect(report.socketErrors + report.timeouts + report.status5xx).toBe(0);
    expect(report.latency.count).toBe(600);
    expect(report.latency.p50).toBeGreaterThan(0);
    expect(report.latency.p99).toBeGreaterThanOrEqual(report.latency.p50);
    expect(report.latency.max).toBeGreaterThanOrEqual(report.latency.p99);
  });

  it('counts 5xx and timeouts, and ends at the time bound', async () => {
    const started = performance.now();
    const report = await runLoad({
      targets: url, seconds: 1, requests: 1e6, connections: 2, timeoutMs: 200,
      mix: [{ name: 'boom', path: '/boom', expect: answer(401) }, { name: 'never', path: '/never', expect: answer(200) }],
    });
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(2000);
    expect(report.status5xx).toBeGreaterThan(0);
    expect(report.status5xx).toBe(report.bySpec.boom.count);
    expect(report.timeouts).toBeGreaterThan(0);
    expect(report.samples.some((s) => s.reason === 'no answer within 200 ms')).toBe(true);
    expect(report.bySpec.never.count).toBe(0);
  });

  it('counts a refused connection as a socket error and refuses unbounded runs', async () => {
    const closed = createServer();
    await new Promise((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address();
    await new Promise((resolve) => closed.close(resolve));
    const report = await runLoad({ targets: `http://127.0.0.1:${port}`, seconds: 0.3, requests: 10, connections: 1, mix: [{ name: 'x', path: '/', expect: answer(200) }] });
    expect(report.answered).toBe(0);
    expect(report.socketErrors).toBeGreaterThan(0);
    expect(report.samples[0].reason).toBe('ECONNREFUSED');
    await expect(runLoad({ targets: url, seconds: Infinity, requests: 10, mix: [{ name: 'x', path: '/ok', expect: answer(200) }] })).rejects.toThrow(/seconds must be a number/);
    await expect(runLoad({ targets: url, seconds: 1, requests: undefined, mix: [{ name: 'x', path: '/ok', expect: answer(200) }] })).rejects.toThrow(/requests must be a number/);
  });

  it('ends by timeoutMs after its deadline even when the server never closes a connection', async () => {
    // Answers every request, and ignores our half-close: its side of each connection stays open.
    const sockets = new Set();
    const sticky = createNetServer({ allowHalfOpen: true }, (socket) => {
      sockets.add(socket);
      socket.on('data', () => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}'));
      socket.on('error', () => undefined);
    });
    await new Promise((resolve) => sticky.listen(0, '127.0.0.1', resolve));
    try {
      const started = performance.now();
      const report = await runLoad({ targets: `http://127.0.0.1:${sticky.address().port}`, seconds: 0.3, requests: 1e6, connections: 2, timeoutMs: 300, mix: [{ name: 'x', path: '/', expect: answer(200) }] });
      expect(performance.now() - started).toBeLessThan(1500);
      expect(report.answered).toBeGreaterThan(0);
      expect(report.wrong + report.timeouts).toBe(0);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => sticky.close(resolve));
    }
  });
});
