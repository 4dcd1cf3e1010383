/**
 * A small HTTP load generator: `concurrency` keep-alive connections, each sending GET requests
 * back to back until the deadline. Bounded in time (and in requests: `maxRequests`). Counts
 * responses by status; only 200s count as served.
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

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

/** Load `port` for `durationMs`; returns { ok, other, seconds, rps, cpuPerRequest (server µs) }. */
export async function load(port, token, { durationMs, concurrency = 16, maxRequests = 5_000_000 }) {
  const cpu0 = await serverCpu(port);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const headers = { authorization: `Bearer ${token}` };
  const counts = { ok: 0, other: 0 };
  const t0 = performance.now();
  const end = t0 + durationMs;
  const worker = async () => {
    while (performance.now() < end && counts.ok + counts.other < maxRequests) {
      const status = await once(agent, port, '/protected', headers);
      if (status === 200) counts.ok++;
      else counts.other++;
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    agent.destroy();
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = (await serverCpu(port)) - cpu0;
  return { ...counts, seconds, rps: counts.ok / seconds, cpuUs: cpu, cpuPerRequest: cpu / (counts.ok + counts.other) };
}
