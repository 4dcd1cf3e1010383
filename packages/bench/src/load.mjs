/**
 * A small HTTP load generator: `concurrency` keep-alive connections, each sending GET requests
 * back to back until the deadline. Bounded in time (and in requests: `maxRequests`). Counts
 * responses by status; only 200s count as served.
 *
 * The client writes pre-encoded HTTP/1.1 requests on raw sockets and parses only the status line
 * and Content-Length of each response: Node's own `http.request` costs as much CPU per request as
 * the servers being measured, so on a 2-core machine it, not the server, would set the pace.
 *
 * Latency: from writing a request to the end of its response, per request, into Node's bounded HDR
 * histogram (`perf_hooks.createHistogram`, µs); the caller merges the runs of one server.
 */
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { createHistogram, performance } from 'node:perf_hooks';

function once(agent, port, path, headers) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** The server's CPU time so far, in µs (its /__cpu endpoint). */
export async function serverCpu(port) {
  const agent = new Agent({ keepAlive: false });
  try {
    return await new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/__cpu', agent }, (res) => {
        let body = '';
        res.on('data', (d) => { body += d; });
        res.on('end', () => resolve(JSON.parse(body).cpuUs));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
  } finally {
    agent.destroy();
  }
}

/** One request: its status code. */
export async function probe(port, token) {
  const agent = new Agent({ keepAlive: false });
  try {
    return await once(agent, port, '/protected', token === undefined ? {} : { authorization: `Bearer ${token}` });
  } finally {
    agent.destroy();
  }
}

/**
 * One keep-alive connection sending `request` again as soon as each response is complete, until
 * `end`. Responses are parsed just enough: status code, Content-Length, body length.
 */
function connection(port, requestBytes, end, counts, maxRequests, latency) {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    socket.setNoDelay(true);
    let buffered = '';
    let sentAt = 0;
    const next = () => {
      sentAt = performance.now();
      if (sentAt < end && counts.ok + counts.other < maxRequests) socket.write(requestBytes);
      else socket.end();
    };
    socket.on('connect', next);
    socket.on('data', (chunk) => {
      buffered += chunk.toString('latin1');
      for (;;) {
        const headEnd = buffered.indexOf('\r\n\r\n');
        if (headEnd < 0) return;
        const head = buffered.slice(0, headEnd).toLowerCase();
        const m = /\r\ncontent-length: *(\d+)/.exec(head);
        let total;
        if (m !== null) total = headEnd + 4 + Number(m[1]);
        else if (head.includes('\r\ntransfer-encoding: chunked')) {
          // Small bodies: wait for the last chunk (RFC 9112 §7.1).
          const last = buffered.indexOf('\r\n0\r\n\r\n', headEnd);
          total = last < 0 ? Infinity : last + 7;
        } else return reject(new Error('load: response without Content-Length or chunked encoding'));
        if (buffered.length < total) return;
        latency.record(Math.max(1, Math.round((performance.now() - sentAt) * 1000)));
        if (head.startsWith('http/1.1 200 ')) counts.ok++;
        else counts.other++;
        buffered = buffered.slice(total);
        next();
      }
    });
    socket.on('error', reject);
    socket.on('close', resolve);
  });
}

/**
 * Load `port` for `durationMs`; returns { ok, other, seconds, rps, cpuPerRequest (server µs),
 * latency (a histogram of µs per request) }.
 */
export async function load(port, token, { durationMs, concurrency = 16, maxRequests = 5_000_000 }) {
  const cpu0 = await serverCpu(port);
  const requestBytes = Buffer.from(`GET /protected HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${token}\r\nConnection: keep-alive\r\n\r\n`, 'latin1');
  const counts = { ok: 0, other: 0 };
  const latency = createHistogram();
  const t0 = performance.now();
  const end = t0 + durationMs;
  await Promise.all(Array.from({ length: concurrency }, () => connection(port, requestBytes, end, counts, maxRequests, latency)));
  const seconds = (performance.now() - t0) / 1000;
  const cpu = (await serverCpu(port)) - cpu0;
  return { ...counts, seconds, rps: counts.ok / seconds, cpuUs: cpu, cpuPerRequest: cpu / (counts.ok + counts.other), latency };
}
