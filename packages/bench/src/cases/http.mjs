/**
 * The HTTP figure: each server variant in its own process on 127.0.0.1, loaded from this process
 * with keep-alive connections at a fixed concurrency. Every server is first checked: 200 with the
 * valid token, 401 with a forged one and without a token. All servers take turns in the same
 * rounds, with one HS256 token and one ES256 token (the same claims), and are reported as five
 * tables (HTTP_TABLES). Every authenticating server does the same work per request: the bearer
 * token, its signature, the claims, and the revocation lookup of Tessera's store (../http/).
 * Redis's own `INFO commandstats` counts the commands of the Tessera server with the Redis store.
 * Without a redis-server that answers, the Redis table is skipped and said so (the smoke run fails).
 */
import { spawn } from 'node:child_process';
import { createHistogram } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { AUDIENCE, ISSUER } from '../fixtures.mjs';
import { nodeFloor } from '../floors.mjs';
import { forge } from '../check.mjs';
import { load, probe } from '../load.mjs';
import { counted, describeCommands, oneMgetEach, REDIS_VARIANT, SMOKE_REDIS_REQUESTS, startRedisVariants } from './http-redis.mjs';
import { HTTP_TABLES } from './http-tables.mjs';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));

export { REDIS_VARIANT, SMOKE_REDIS_REQUESTS } from './http-redis.mjs';
export { HTTP_TABLES } from './http-tables.mjs';

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

const median = (values) => {
  const v = [...values].sort((a, b) => a - b);
  return v.length % 2 === 1 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};

/** One server's figures over the rounds: the median round (req/s, CPU), latency over all rounds. */
function figures(s) {
  const rates = s.runs.map((r) => r.rps);
  const latency = createHistogram();
  for (const r of s.runs) latency.add(r.latency);
  return {
    name: s.name, group: s.group, primary: s.primary,
    rps: median(rates), min: Math.min(...rates), max: Math.max(...rates),
    requests: s.runs.reduce((a, r) => a + r.ok, 0),
    cpuPerRequest: median(s.runs.map((r) => r.cpuPerRequest)),
    p50: latency.percentile(50), p99: latency.percentile(99),
  };
}

/** Check one server: 200 for the valid token, and (when it authenticates) 401 forged and missing. */
async function check(s, token) {
  const good = await probe(s.port, token);
  if (good !== 200) throw new Error(`HTTP ${s.name}: a valid token got ${good}, expected 200`);
  if (s.group !== 'baseline') {
    const forged = await probe(s.port, forge(token));
    const none = await probe(s.port, undefined);
    if (forged !== 401 || none !== 401) throw new Error(`HTTP ${s.name}: forged token got ${forged}, no token got ${none}; expected 401`);
  }
}

export async function runHttpCase({ urls, keys, claims, smoke, log, durationMs = 3000, rounds = 6, concurrency = 16 }) {
  const tokens = {
    HS256: nodeFloor('HS256', keys.HS256).sign(accessClaims(claims)),
    ES256: nodeFloor('ES256', keys.ES256).sign(accessClaims(claims)),
  };
  const common = {
    BENCH_SECRET: keys.HS256.secret.toString('base64url'), BENCH_KID: keys.HS256.kid,
    BENCH_ES256_JWK: JSON.stringify(keys.ES256.privateJwk),
    BENCH_CORE_URL: urls.core, BENCH_SERVER_URL: urls.server, BENCH_NODE_URL: urls.node, BENCH_KOA_URL: urls.koa,
  };
  const envFor = (alg) => ({ ...common, BENCH_ALG: alg });
  /** key `alg:variant` -> server { name, group, primary, alg, token, port, stop, runs }. */
  const servers = new Map();
  let redis;
  let commands;
  try {
    for (const t of HTTP_TABLES.filter((t) => t.table !== 'redis')) {
      for (const v of t.variants) {
        const key = `${t.alg}:${v.variant}`;
        if (servers.has(key)) continue;
        const s = { ...v, alg: t.alg, token: tokens[t.alg], runs: [], ...(await startServer(v.variant, envFor(t.alg))) };
        servers.set(key, s);
        await check(s, s.token);
      }
    }
    redis = await startRedisVariants({ env: envFor('HS256'), smoke, log, startServer });
    if (redis !== undefined) {
      for (const p of [redis.ours, ...redis.peers]) servers.set(`HS256:${p.variant}`, { ...p, alg: 'HS256', token: tokens.HS256, runs: [] });
      const ours = servers.get(`HS256:${REDIS_VARIANT.variant}`);
      for (const p of redis.peers) await check(servers.get(`HS256:${p.variant}`), tokens.HS256);
      // The three checks cost one command: a forged or missing token never reaches the store.
      const probes = await counted(ours, async () => { await check(ours, tokens.HS256); return 1; });
      if (!oneMgetEach(probes)) throw new Error(`HTTP ${ours.name}: the valid, forged and missing token checks sent ${describeCommands(probes)} to Redis; expected 1 MGET (the valid token's)`);
    }
    const list = [...servers.values()];
    log(`http: ${list.length} servers checked (200 valid, 401 forged / missing): ${list.map((s) => s.name).join(', ')}`);
    const ours = redis === undefined ? undefined : servers.get(`HS256:${REDIS_VARIANT.variant}`);
    if (smoke) {
      if (ours !== undefined) {
        commands = await counted(ours, async () => {
          const run = await load(ours.port, ours.token, { durationMs: 60_000, maxRequests: SMOKE_REDIS_REQUESTS, concurrency });
          if (run.other > 0) throw new Error(`HTTP ${ours.name}: ${run.other} responses were not 200`);
          return run.ok + run.other;
        });
      }
    } else {
      let redisRequests = 0;
      const loadAll = async () => {
        for (const s of list) {
          const warm = await load(s.port, s.token, { durationMs: 500, concurrency }); // warm-up
          if (s === ours) redisRequests += warm.ok + warm.other;
        }
        for (let r = 0; r < rounds; r++) {
          for (let j = 0; j < list.length; j++) {
            const s = list[(j + r) % list.length];
            const run = await load(s.port, s.token, { durationMs: durationMs / rounds, concurrency });
            if (run.other > 0) throw new Error(`HTTP ${s.name}: ${run.other} responses were not 200 under load`);
            s.runs.push(run);
            if (s === ours) redisRequests += run.ok + run.other;
          }
        }
        return redisRequests;
      };
      // Redis counts over the whole load of its server (warm-up and every round); only that server uses it.
      if (ours === undefined) await loadAll();
      else commands = await counted(ours, loadAll);
    }
    if (commands !== undefined) {
      log(`http: Redis INFO commandstats over ${commands.requests} authenticated requests to ${REDIS_VARIANT.name}: ${describeCommands(commands)} (${commands.perRequest.toFixed(2)} per request)`);
      if (!oneMgetEach(commands)) throw new Error(`HTTP ${REDIS_VARIANT.name}: ${commands.requests} authenticated requests sent ${describeCommands(commands)} to Redis; expected exactly one MGET each`);
    }
  } finally {
    await Promise.all([...servers.values()].map((s) => s.stop()));
  }
  const base = { op: 'http', concurrency, durationMs, rounds, servers: servers.size };
  if (smoke) return { redis: redis === undefined ? undefined : { ...base, table: 'redis', commands, rows: [] } };
  const out = {};
  for (const t of HTTP_TABLES) {
    if (t.table === 'redis' && redis === undefined) {
      out.redis = { ...base, table: 'redis', id: t.id, rows: [], skipped: true };
      continue;
    }
    const ceiling = figures(servers.get(t.ceiling));
    const floorRow = figures(servers.get(t.floor));
    // Each floor runs on its table's framework: its auth cost is over the same ceiling as Tessera's.
    const floor = { name: floorRow.name, authCost: floorRow.cpuPerRequest - ceiling.cpuPerRequest };
    const withCost = (row) => ({ ...row, authCost: row.group === 'baseline' ? undefined : row.cpuPerRequest - ceiling.cpuPerRequest });
    const rows = t.variants.map((v) => withCost(figures(servers.get(`${t.alg}:${v.variant}`))));
    out[t.table] = { ...base, table: t.table, id: t.id, alg: t.alg, ceiling, floor, rows, ...(t.table === 'redis' ? { commands, memory: withCost(figures(servers.get('HS256:tessera'))) } : {}) };
  }
  return out;
}
