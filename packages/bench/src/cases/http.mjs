/**
 * The HTTP figure: each server variant in its own process on 127.0.0.1, loaded from this process
 * with keep-alive connections at a fixed concurrency. Every server is first checked: 200 with the
 * valid token, 401 with a forged one and without a token. Servers take turns over the rounds: the
 * plain node:http servers and the Koa 3 servers in one run with one token, reported as two tables.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { AUDIENCE, ISSUER } from '../fixtures.mjs';
import { nodeFloor } from '../floors.mjs';
import { forge } from '../check.mjs';
import { load, probe } from '../load.mjs';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));

export const HTTP_VARIANTS = [
  { name: 'no auth', variant: 'none', group: 'baseline' },
  { name: 'node:crypto floor', variant: 'floor', group: 'floor', primary: true },
  { name: 'Tessera (@tessera/node)', variant: 'tessera', group: 'ours', primary: true },
  { name: 'Tessera core only (createVerifier in the handler)', variant: 'tessera-core', group: 'ours' },
  { name: 'jsonwebtoken', variant: 'jsonwebtoken', group: 'peer' },
  { name: 'fast-jwt', variant: 'fast-jwt', group: 'peer' },
  { name: 'jose', variant: 'jose', group: 'peer' },
];

/** The same Koa 3 app in front of each (http-koa.mjs). */
export const KOA_VARIANTS = [
  { name: 'Koa, no auth', variant: 'koa-none', group: 'baseline' },
  { name: 'Tessera (@tessera/koa)', variant: 'koa-tessera', group: 'ours', primary: true },
  { name: 'koa-jwt + Map isRevoked', variant: 'koa-jwt', group: 'peer' },
];

function startServer(variant, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [here('../http-server.mjs'), variant], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`server ${variant} did not start in 20 s: ${err}`)); }, 20_000);
    child.stderr.on('data', (d) => { err += d; });
    child.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n')[0];
      if (out.includes('\n')) {
        clearTimeout(timer);
        const { port } = JSON.parse(line);
        resolve({ port, stop: () => new Promise((r) => { child.once('close', r); child.kill('SIGTERM'); }) });
      }
    });
    child.on('close', (code) => { clearTimeout(timer); if (!out.includes('\n')) reject(new Error(`server ${variant} exited with ${code}: ${err}`)); });
  });
}

/** Claims of an access token as Tessera's auth layer issues it (sid, jti, auth_time are required there). */
function accessClaims(claims) {
  return { ...claims, sid: 'session-1', auth_time: claims.iat, iss: ISSUER, aud: AUDIENCE };
}

export async function runHttpCase({ urls, keys, claims, smoke, log, durationMs = 3000, rounds = 6, concurrency = 16 }) {
  const k = keys.HS256;
  const token = nodeFloor('HS256', k).sign(accessClaims(claims));
  const env = {
    BENCH_SECRET: k.secret.toString('base64url'), BENCH_KID: k.kid,
    BENCH_CORE_URL: urls.core, BENCH_SERVER_URL: urls.server, BENCH_NODE_URL: urls.node, BENCH_KOA_URL: urls.koa,
  };
  const servers = [];
  try {
    for (const v of [...HTTP_VARIANTS, ...KOA_VARIANTS.map((k) => ({ ...k, framework: 'koa' }))]) {
      const s = await startServer(v.variant, env);
      servers.push({ ...v, ...s, runs: [] });
      const good = await probe(s.port, token);
      if (good !== 200) throw new Error(`HTTP ${v.name}: a valid token got ${good}, expected 200`);
      if (v.group !== 'baseline') {
        const forged = await probe(s.port, forge(token));
        const none = await probe(s.port, undefined);
        if (forged !== 401 || none !== 401) throw new Error(`HTTP ${v.name}: forged token got ${forged}, no token got ${none}; expected 401`);
      }
    }
    log(`http: ${servers.length} servers checked (200 valid, 401 forged / missing): ${servers.map((s) => s.name).join(', ')}`);
    if (smoke) return [];
    for (const s of servers) await load(s.port, token, { durationMs: 500, concurrency }); // warm-up
    for (let r = 0; r < rounds; r++) {
      for (let j = 0; j < servers.length; j++) {
        const s = servers[(j + r) % servers.length];
        const run = await load(s.port, token, { durationMs: durationMs / rounds, concurrency });
        if (run.other > 0) throw new Error(`HTTP ${s.name}: ${run.other} responses were not 200 under load`);
        s.runs.push(run);
      }
    }
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
  // Short rounds in turns, and the median round: a burst of other activity on the machine spoils
  // one round of one server, not the figure.
  const median = (values) => {
    const v = [...values].sort((a, b) => a - b);
    return v.length % 2 === 1 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  };
  const rowsOf = (list) => list.map((s) => {
    const rates = s.runs.map((r) => r.rps);
    return {
      name: s.name, group: s.group, primary: s.primary,
      rps: median(rates), min: Math.min(...rates), max: Math.max(...rates),
      requests: s.runs.reduce((a, r) => a + r.ok, 0),
      cpuPerRequest: median(s.runs.map((r) => r.cpuPerRequest)),
    };
  });
  const common = { op: 'http', concurrency, durationMs, rounds, servers: servers.length };
  return [
    { ...common, id: 'HTTP: GET /protected with an HS256 bearer token', rows: rowsOf(servers.filter((s) => s.framework !== 'koa')) },
    { ...common, id: 'HTTP on Koa 3: the same route and token behind each Koa middleware', rows: rowsOf(servers.filter((s) => s.framework === 'koa')) },
  ];
}
