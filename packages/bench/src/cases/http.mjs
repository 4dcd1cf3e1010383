/**
 * The HTTP figure: each server variant in its own process on 127.0.0.1, loaded from this process
 * with keep-alive connections at a fixed concurrency. Every server is first checked: 200 with the
 * valid token, 401 with a forged one and without a token. Servers take turns over the rounds: the
 * plain node:http servers and the Koa 3 servers in one run with one token, reported as two tables.
 * The node:http Tessera server with the Redis store takes its turns in the same rounds against a
 * private redis-server, and Redis's own `INFO commandstats` counts the commands it sends: a third
 * table. Without a redis-server that answers, that row is skipped and said so (the smoke run fails).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { AUDIENCE, ISSUER } from '../fixtures.mjs';
import { nodeFloor } from '../floors.mjs';
import { forge } from '../check.mjs';
import { load, probe } from '../load.mjs';
import { counted, describeCommands, oneMgetEach, REDIS_VARIANT, SMOKE_REDIS_REQUESTS, startRedisVariant } from './http-redis.mjs';

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

export { REDIS_VARIANT, SMOKE_REDIS_REQUESTS } from './http-redis.mjs';

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
  let redis;
  let commands;
  try {
    const check = async (v, s) => {
      const good = await probe(s.port, token);
      if (good !== 200) throw new Error(`HTTP ${v.name}: a valid token got ${good}, expected 200`);
      if (v.group !== 'baseline') {
        const forged = await probe(s.port, forge(token));
        const none = await probe(s.port, undefined);
        if (forged !== 401 || none !== 401) throw new Error(`HTTP ${v.name}: forged token got ${forged}, no token got ${none}; expected 401`);
      }
    };
    for (const v of [...HTTP_VARIANTS.map((h) => ({ ...h, table: 'http' })), ...KOA_VARIANTS.map((h) => ({ ...h, table: 'koa' }))]) {
      const s = await startServer(v.variant, env);
      servers.push({ ...v, ...s, runs: [] });
      await check(v, s);
    }
    redis = await startRedisVariant({ env, smoke, log, startServer });
    if (redis !== undefined) {
      servers.push(redis);
      // The three checks cost one command: a forged or missing token never reaches the store.
      const probes = await counted(redis, async () => { await check(redis, redis); return 1; });
      if (!oneMgetEach(probes)) throw new Error(`HTTP ${redis.name}: the valid, forged and missing token checks sent ${describeCommands(probes)} to Redis; expected 1 MGET (the valid token's)`);
    }
    log(`http: ${servers.length} servers checked (200 valid, 401 forged / missing): ${servers.map((s) => s.name).join(', ')}`);
    if (smoke) {
      if (redis !== undefined) {
        commands = await counted(redis, async () => {
          const run = await load(redis.port, token, { durationMs: 60_000, maxRequests: SMOKE_REDIS_REQUESTS, concurrency });
          if (run.other > 0) throw new Error(`HTTP ${redis.name}: ${run.other} responses were not 200`);
          return run.ok + run.other;
        });
      }
    } else {
      const redisRuns = [];
      const loadAll = async () => {
        for (const s of servers) {
          const warm = await load(s.port, token, { durationMs: 500, concurrency }); // warm-up
          if (s === redis) redisRuns.push(warm);
        }
        for (let r = 0; r < rounds; r++) {
          for (let j = 0; j < servers.length; j++) {
            const s = servers[(j + r) % servers.length];
            const run = await load(s.port, token, { durationMs: durationMs / rounds, concurrency });
            if (run.other > 0) throw new Error(`HTTP ${s.name}: ${run.other} responses were not 200 under load`);
            s.runs.push(run);
            if (s === redis) redisRuns.push(run);
          }
        }
        return redisRuns.reduce((a, r) => a + r.ok + r.other, 0);
      };
      // Redis counts over the whole load of its server (warm-up and every round); only that server uses it.
      if (redis === undefined) await loadAll();
      else commands = await counted(redis, loadAll);
    }
    if (commands !== undefined) {
      log(`http: Redis INFO commandstats over ${commands.requests} authenticated requests to ${REDIS_VARIANT.name}: ${describeCommands(commands)} (${commands.perRequest.toFixed(2)} per request)`);
      if (!oneMgetEach(commands)) throw new Error(`HTTP ${REDIS_VARIANT.name}: ${commands.requests} authenticated requests sent ${describeCommands(commands)} to Redis; expected exactly one MGET each`);
    }
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
  if (smoke) return [undefined, undefined, redis === undefined ? undefined : { commands }];
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
  const http = { ...common, id: 'HTTP: GET /protected with an HS256 bearer token', rows: rowsOf(servers.filter((s) => s.table === 'http')) };
  const memoryRow = http.rows.find((r) => r.name === 'Tessera (@tessera/node)');
  return [
    http,
    { ...common, id: 'HTTP on Koa 3: the same route and token behind each Koa middleware', rows: rowsOf(servers.filter((s) => s.table === 'koa')) },
    {
      ...common,
      id: 'HTTP: @tessera/node with the Redis store against the memory store',
      rows: redis === undefined ? [memoryRow] : [memoryRow, ...rowsOf([redis])],
      commands,
      skipped: redis === undefined,
    },
  ];
}
