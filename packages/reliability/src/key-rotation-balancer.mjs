/**
 * A small round-robin HTTP balancer on 127.0.0.1 for the key-rotation scenario: each request goes to
 * the next enabled backend, over a keep-alive agent. A rolling restart drains one backend (no new
 * requests, then wait for those in flight), restarts it and adds it back. A backend that fails
 * mid-request is answered 502 `BALANCER_UPSTREAM_FAILED`, which the load counts as a failed request.
 */
import { Agent, createServer, request } from 'node:http';
import { freePort } from '@tessera/test-vectors/apps';

/** The longest a drain waits for the requests in flight. */
const DRAIN_LIMIT_MS = 10_000;

/**
 * Starts the balancer over `backends` (base URLs): `{ url, drain(i), enable(i, url), forwarded,
 * upstreamErrors, stop() }`. `forwarded[i]` counts the requests backend `i` answered.
 */
export async function startBalancer(backends) {
  const pool = backends.map((url) => ({ url: new URL(url), enabled: true, inflight: 0, idle: [] }));
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const forwarded = pool.map(() => 0);
  let upstreamErrors = 0;
  let next = 0;

  const choose = () => {
    for (let k = 0; k < pool.length; k++) {
      const i = (next + k) % pool.length;
      if (pool[i].enabled) {
        next = i + 1;
        return i;
      }
    }
    return -1;
  };
  const fail = (res, message) => {
    upstreamErrors++;
    if (res.headersSent) return void res.destroy();
    res.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'BALANCER_UPSTREAM_FAILED', message }));
  };

  const server = createServer((req, res) => {
    const i = choose();
    if (i < 0) return fail(res, 'no backend enabled');
    const backend = pool[i];
    backend.inflight++;
    let settled = false;
    const settle = () => { if (!settled) { settled = true; backend.inflight--; } };
    const upstream = request({ host: backend.url.hostname, port: backend.url.port, method: req.method, path: req.url, headers: req.headers, agent }, (answer) => {
      res.writeHead(answer.statusCode, answer.headers);
      answer.pipe(res);
      answer.on('end', () => { forwarded[i]++; settle(); });
      answer.on('error', (error) => { settle(); fail(res, error.message); });
    });
    upstream.on('error', (error) => { settle(); fail(res, `backend ${i}: ${error.code ?? error.message}`); });
    req.pipe(upstream);
  });
  const port = await freePort();
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });

  return {
    url: `http://127.0.0.1:${port}`,
    forwarded,
    upstreamErrors: () => upstreamErrors,
    /** Stops sending to backend `i` and resolves once its requests in flight are answered. */
    async drain(i) {
      pool[i].enabled = false;
      const deadline = Date.now() + DRAIN_LIMIT_MS;
      while (pool[i].inflight > 0) {
        if (Date.now() > deadline) throw new Error(`backend ${i} still had ${pool[i].inflight} requests in flight after ${DRAIN_LIMIT_MS} ms`);
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    /** Sends to backend `i` again, now at `url`. */
    enable(i, url) {
      pool[i].url = new URL(url);
      pool[i].enabled = true;
    },
    async stop() {
      agent.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
