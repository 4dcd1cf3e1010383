/** docs/benchmarks.md from one run's results. */
import { caseRatios, httpRatios, koaRatios, redisRatios } from './ratios.mjs';

const us = (v) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const ops = (v) => Math.round(v).toLocaleString('en-US');
const x = (v) => (v === undefined ? '—' : `${v.toFixed(2)}×`);
const ci = (c) => (c === undefined ? '' : ` (90% CI ${c[0].toFixed(2)}–${c[1].toFixed(2)})`);

function caseTable(c) {
  const r = caseRatios(c);
  const lines = [
    `### ${c.id}`,
    '',
    `Token: ${c.tokenLength} characters.${r ? ` **Ours / best peer: ${x(r.vsBestPeer)}**${ci(r.vsBestPeerCI)}${r.bestPeer ? ` (${r.bestPeer})` : ''}; **ours / ${r.floor ?? 'floor'}: ${x(r.vsFloor)}**${ci(r.vsFloorCI)}.` : ''}`,
    '',
    '| Implementation | kind | median µs/op (CPU) | p10–p90 | ops/s | wall median µs | time vs ours |',
    '|---|---|---:|---:|---:|---:|---:|',
  ];
  for (const impl of c.impls) {
    const s = c.summaries.get(impl.name);
    const rel = r ? s.median / r.oursMedian : undefined;
    const name = impl.group === 'ours' ? `**${impl.name}**` : impl.name;
    lines.push(`| ${name} | ${impl.group} | ${us(s.median)} | ${us(s.p10)}–${us(s.p90)} | ${ops(s.opsPerSec)} | ${us(s.wallMedian)} | ${x(rel)} |`);
  }
  return lines.join('\n');
}

export function httpTable(h) {
  const r = httpRatios(h);
  const lines = [
    `### ${h.id}`,
    '',
    `${h.concurrency} keep-alive connections from a raw-socket load generator (pre-encoded requests, one in flight per connection; Node's own http client would cost as much CPU as the servers), ${h.durationMs / 1000} s per server in ${h.rounds} rounds of ${(h.durationMs / h.rounds / 1000).toFixed(1)} s taken in turns (figures: the median round), each server in its own process on 127.0.0.1. **@tessera/node serves ${(r.shareOfFloor * 100).toFixed(1)}% of the raw floor's req/s.**`,
    '',
    '| Server | req/s (median round) | range over rounds | % of floor req/s | server CPU µs/request | floor CPU / this CPU |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const row of h.rows) {
    const name = row.group === 'ours' ? `**${row.name}**` : row.name;
    lines.push(`| ${name} | ${ops(row.rps)} | ${ops(row.min)}–${ops(row.max)} | ${((row.rps / r.floor.rps) * 100).toFixed(0)}% | ${us(row.cpuPerRequest)} | ${((r.floor.cpuPerRequest / row.cpuPerRequest) * 100).toFixed(0)}% |`);
  }
  lines.push('', 'req/s depends on everything else running on the machine (the load generator shares the 2 cores); the server\'s CPU time per request does not, and "floor CPU / this CPU" is the req/s share a server would reach where CPU is the limit.');
  return lines.join('\n');
}

/** The Koa rows of the same HTTP run: each against koa-jwt, and its auth cost over the Koa ceiling. */
export function koaTable(h) {
  const r = koaRatios(h);
  const lines = [
    `### ${h.id}`,
    '',
    `The same run as the table above (the ${h.servers} servers took turns in the same rounds, same token, same load). One Koa 3 app: \`GET /protected\` answers \`{"sub":...}\` behind the middleware, nothing else. **@tessera/koa: ${x(r.rpsVsPeer)} koa-jwt's req/s; ${x(r.cpuVsPeer)} its server CPU per request; auth cost ${us(r.authCost(r.ours))} µs against ${us(r.authCost(r.peer))} µs (${x(r.authCostVsPeer)}).**`,
    '',
    'Both do the same revocation work per request. Tessera (`authenticate` of @tessera/koa over `createAuth`, bearer, HS256, `createMemoryStore()`): after the signature and the claims, one `checkAccess` on the store, three `Map` lookups (`jti:<jti>`, `fam:<sid>`, `epoch:<sub>`, each dropped when expired), then the `invalidateBefore` and user-epoch cut-off on `auth_time`. koa-jwt 4 (jsonwebtoken, the secret as a KeyObject, HS256 allow-list, issuer, audience) with an async `isRevoked` doing the same three lookups in one `Map` and the same epoch comparison.',
    '',
    '| Server | req/s (median round) | range over rounds | req/s vs koa-jwt | server CPU µs/request | CPU vs koa-jwt | auth cost µs/request (CPU − Koa no auth) |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of h.rows) {
    const name = row.group === 'ours' ? `**${row.name}**` : row.name;
    const cost = row.group === 'baseline' ? '—' : us(r.authCost(row));
    lines.push(`| ${name} | ${ops(row.rps)} | ${ops(row.min)}–${ops(row.max)} | ${x(row.rps / r.peer.rps)} | ${us(row.cpuPerRequest)} | ${x(row.cpuPerRequest / r.peer.cpuPerRequest)} | ${cost} |`);
  }
  return lines.join('\n');
}

/** The Redis store against the memory store, and what Redis itself counted. */
export function redisTable(h) {
  if (h === undefined) return '';
  const r = redisRatios(h);
  if (r === undefined) return `### ${h.id}\n\nNot measured in this run: no redis-server could be started (see the run's log).`;
  const c = h.commands;
  const names = Object.entries(c.commands).map(([n, k]) => `${n.toUpperCase()} ${k.toLocaleString('en-US')}`).join(', ');
  const lines = [
    `### ${h.id}`,
    '',
    `The same run as the tables above (the Redis row took its turns in the same rounds, same token, same load). Both servers are the \`tessera\` node:http server, \`createMiddleware\` over the same \`createAuth\`; one with \`createMemoryStore()\`, one with \`createRedisStore({ url, keyPrefix })\` of @tessera/redis (its node-redis client: one connection) on a private \`redis-server\` (no persistence) on 127.0.0.1, started for this row so that nothing else talks to it. **The Redis store: ${x(r.rps)} the memory store's req/s, ${x(r.cpu)} its server CPU per request.**`,
    '',
    '| Server | req/s (median round) | range over rounds | req/s vs memory store | server CPU µs/request | CPU vs memory store |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const row of h.rows) {
    lines.push(`| **${row.name}** | ${ops(row.rps)} | ${ops(row.min)}–${ops(row.max)} | ${x(row.rps / r.memory.rps)} | ${us(row.cpuPerRequest)} | ${x(row.cpuPerRequest / r.memory.cpuPerRequest)} |`);
  }
  lines.push('',
    `Redis's own \`INFO commandstats\`, read before the Redis server's warm-up and after its last round (less the bench's one \`INFO\` between the readings): ${c.requests.toLocaleString('en-US')} authenticated requests, Redis counted ${names}: **${c.perRequest.toFixed(2)} command per authenticated request${c.mgetPerRequest === c.perRequest ? ', all `MGET`' : ''}** (\`checkAccess\`: the jti, the session and the user in one round trip). The checks before the load show a forged or missing token sends nothing to Redis. The server CPU above is the Node process's; the redis-server process used ${us(c.redisCpuPerRequest)} µs of CPU per request on top (its \`used_cpu_user\` + \`used_cpu_sys\`), on the same cores: together ${us(r.redis.cpuPerRequest + c.redisCpuPerRequest)} µs per request against the memory store's ${us(r.memory.cpuPerRequest)} µs (${x((r.redis.cpuPerRequest + c.redisCpuPerRequest) / r.memory.cpuPerRequest)}). One run, without a confidence interval: read a difference of a few percent against the ranges over rounds.`);
  return lines.join('\n');
}

function memoryTable(m) {
  const mib = (b) => (b / 1048576).toFixed(1);
  return [
    `### Memory: ${m.done.toLocaleString('en-US')} distinct tokens through \`createVerifier({ cache: { max: ${m.cacheMax.toLocaleString('en-US')} } })\``,
    '',
    `heapUsed after a full GC (\`--expose-gc\`, child process), ${m.seconds.toFixed(0)} s. The cache holds ${m.cacheMax.toLocaleString('en-US')} entries (${mib(m.cacheBytes)} MiB, ~${Math.round(m.cacheBytes / m.cacheMax)} B per entry); after it is full the heap must stay flat: growth ${mib(m.growthAfterFull)} MiB, allowed ${mib(m.allowed)} MiB: **${m.ok ? 'bounded' : 'NOT bounded'}**.`,
    '',
    '| tokens verified | heapUsed MiB |',
    '|---:|---:|',
    ...m.samples.map((s) => `| ${s.tokens.toLocaleString('en-US')} | ${mib(s.heapUsed)} |`),
  ].join('\n');
}

function targetTable(rows) {
  const mark = (m) => (m === true ? '**met**' : m === false ? '**not met**' : '—');
  return ['| Target (issue 6; Koa: issue 11; Redis: issue 12) | Measured | Result |', '|---|---|---|', ...rows.map((t) => `| ${t.target} | ${t.measured} | ${mark(t.met)}${t.note ? ` (${t.note})` : ''} |`)].join('\n');
}

/** The whole document. `profile` is the generated profile section, `notes` the hand-written analysis. */
export function renderMarkdown({ env, results, targets, profile, notes }) {
  const { jws = [], jwe = [], cache = [], edge = [], http, koa, redis, memory } = results;
  const met = targets.filter((t) => t.met === true).length;
  const noisy = targets.filter((t) => t.note.startsWith('within noise')).length;
  return `# Benchmarks

<!-- Generated by \`pnpm --filter @tessera/bench bench\` (packages/bench/src/run.mjs). Do not edit by hand: the
analysis comes from packages/bench/notes/analysis.md. -->

![Ratios of Tessera to the best peer and to the raw node:crypto floor](./benchmarks.svg)

Run: ${env.date} · Node ${env.node} · ${env.cpu} · ${env.cores} cores · ${env.note}

**${met} of ${targets.length} targets met in this run** (by the medians; ${noisy} of the verdicts are within noise: their 90% confidence interval straddles the threshold, so this run cannot tell which side the true ratio is on).

## How it is measured

- One process, the same keys, claims and tokens for everyone; tokens carry ${env.claimsBytes} bytes of claims (an HS256 token is ${jws[0]?.tokenLength ?? '~300'} characters).
- Every implementation is **checked before it is timed**: a verifier must return the signed claims and refuse the same token with one signature character changed; a signer's token must verify with the node:crypto floor to the claims it was given. JWE: decrypt gives the plaintext and refuses a forged tag; encrypt's output decrypts with the floor.
- Each implementation is calibrated (batches of ~${env.cfg.batchMs} ms), warmed up (${env.cfg.warmupMs} ms), then measured in batches over ${env.cfg.rounds} rounds in which the implementations of a case take turns (${env.cfg.budgetMs} ms each, at most ${env.cfg.maxBatches} batches; Edge mode ${env.edgeCfg.budgetMs} ms over ${env.edgeCfg.rounds} rounds). Reported: the median of the batch means (µs/op), the 10th–90th percentile of the batches, ops/s = 1/median, and for each ratio a 90% bootstrap confidence interval (300 resamples of the batches). Even on a quiet moment this virtual machine shows a wide batch-to-batch spread, so ratios within ~5% of each other are not distinguishable in one run. Batches are timed in **CPU time of the whole process** (\`process.cpuUsage\`: all threads, so WebCrypto's thread-pool work counts) because this machine is shared and other processes inflate wall time at random; CPU time omits only the idle wait of asynchronous calls, which flatters the WebCrypto-based implementations (jose, the WebCrypto floor), never Tessera's synchronous node:crypto path. The wall-time median is shown alongside.
- Tessera is built from the workspace sources with esbuild (ESM, unminified; same code as \`dist/\`). Its prepared forms (\`createVerifier\`, \`createSigner\`) are "ours" in the ratios; the one-shot functions are shown alongside.
- Peers get their fastest documented setup: keys imported once (jose: CryptoKeys, fast-jwt: its prepared sync verifier/signer, jsonwebtoken: KeyObjects) and the same checks (allow-list, issuer, audience).
- Floors are hand-written and do the least work: split, decode the signature, one primitive call, compare, \`JSON.parse\` the payload. No header parsing, no claim checks.
- Edge mode: a child process whose preload removes \`process.getBuiltinModule\` and \`Buffer\` before anything loads (node:crypto unreachable, as in Next.js middleware); the child proves it by forcing the node backend, which must fail.

## Targets

${targetTable(targets)}

## Where the time goes

${notes}

${profile}

## Results on Node

${jws.map(caseTable).join('\n\n')}

## JWE

${jwe.map(caseTable).join('\n\n')}

## Verified-token cache

${cache.map(caseTable).join('\n\n')}

## Edge mode (node:crypto unavailable)

${edge.map(caseTable).join('\n\n')}

## HTTP

${http ? httpTable(http) : 'Not run.'}${koa ? `\n\n${koaTable(koa)}` : ''}${redis ? `\n\n${redisTable(redis)}` : ''}

## Memory

${memory ? memoryTable(memory) : 'Not run.'}
`;
}
