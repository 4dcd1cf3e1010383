/** docs/benchmarks.md from one run's results. */
import { caseRatios, serverRatios } from './ratios.mjs';

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

const ms = (v) => (v / 1000).toFixed(2);

/** What each table's servers do per request, beyond the token's signature and claims. */
const TABLE_NOTES = {
  http: 'Every authenticating server reads the bearer token, verifies the signature and the claims (issuer, audience, expiry; the floor also `iat` and the types of `sub`, `jti`, `sid`, `auth_time`, as Tessera does) and does the revocation lookup of Tessera\'s memory store: three lookups in one `Map` (`jti:<jti>`, `fam:<sid>`, `epoch:<sub>`, each dropped when expired) and the epoch cut-off on `auth_time`. Tessera: `createMiddleware` of @tessera/node over `createAuth` (bearer, `createMemoryStore()`, whose `checkAccess` is that lookup). The floor: node:crypto HMAC or signature verify, `JSON.parse`, the claim checks, the `Map`, no library. The peers: each library\'s prepared verifier with the same allow-list, issuer and audience, then the same `Map` lookup.',
  es256: 'The same servers with an ES256 token (same claims): the signature check (~50 µs of OpenSSL) dominates, so the ratios are closer to 1.',
  express: 'One Express 5 app: `GET /protected` answers `res.json({ sub })` behind the middleware. Tessera: `createMiddleware` of @tessera/node (connect-style). express-jwt 8 (jsonwebtoken; the key as a KeyObject, HS256 allow-list, issuer, audience) with an async `isRevoked` doing the same `Map` lookup, and an error handler answering its refusals with 401. The floor: the same hand-written verification, claim checks and `Map` as Express middleware. Auth cost: over Express with no auth.',
  koa: 'One Koa 3 app: `GET /protected` answers `{"sub":...}` behind the middleware. Tessera: `authenticate` of @tessera/koa over `createAuth`. koa-jwt 4 (jsonwebtoken, the key as a KeyObject, HS256 allow-list, issuer, audience) with an async `isRevoked` doing the same `Map` lookup. The floor: the same hand-written verification, claim checks and `Map` as Koa middleware. Auth cost: over Koa with no auth.',
  redis: 'Tessera with `createRedisStore({ url, keyPrefix })` of @tessera/redis (node-redis, one connection) on a private `redis-server` (no persistence) on 127.0.0.1; the floor and fast-jwt with the same revocation question as one `MGET` of the same three keys through a node-redis client, on a second private `redis-server`. Server CPU is the Node process\'s; each redis-server\'s own CPU is not in it.',
};

/** One table of the HTTP case: req/s, latency, server CPU and the auth cost of each server. */
export function serverTable(t) {
  if (t === undefined) return '';
  const r = serverRatios(t);
  if (r === undefined) return `### ${t.id}\n\nNot measured in this run: no redis-server could be started (see the run's log).`;
  const summary = [
    r.bestPeer === undefined ? '' : `${x(r.rpsVsBestPeer)} the req/s of the fastest peer (${r.bestPeer.name})`,
    `auth cost ${us(r.ours.authCost)} µs against the floor's ${us(r.floor.authCost)} µs (${x(r.authCostVsFloor)})`,
  ].filter(Boolean).join('; ');
  const rows = t.table === 'redis' && t.memory ? [{ ...t.memory, name: `${t.memory.name} (memory store, for reference)` }, ...t.rows] : t.rows;
  const lines = [
    `### ${t.id}`,
    '',
    `${TABLE_NOTES[t.table]} **${r.ours.name}: ${summary}.**`,
    '',
    '| Server | req/s (median round) | range over rounds | p50 / p99 latency ms | server CPU µs/request | auth cost µs/request | auth cost / floor\'s |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  if (!rows.some((row) => row.group === 'baseline')) lines.push(`| ${t.ceiling.name} (ceiling) | ${ops(t.ceiling.rps)} | ${ops(t.ceiling.min)}–${ops(t.ceiling.max)} | ${ms(t.ceiling.p50)} / ${ms(t.ceiling.p99)} | ${us(t.ceiling.cpuPerRequest)} | — | — |`);
  for (const row of rows) {
    const name = row.group === 'ours' ? `**${row.name}**` : row.name;
    const cost = row.authCost === undefined ? '—' : us(row.authCost);
    const rel = row.authCost === undefined ? '—' : x(row.authCost / t.floor.authCost);
    lines.push(`| ${name} | ${ops(row.rps)} | ${ops(row.min)}–${ops(row.max)} | ${ms(row.p50)} / ${ms(row.p99)} | ${us(row.cpuPerRequest)} | ${cost} | ${rel} |`);
  }
  if (t.table === 'redis' && t.commands !== undefined) {
    const c = t.commands;
    const names = Object.entries(c.commands).map(([n, k]) => `${n.toUpperCase()} ${k.toLocaleString('en-US')}`).join(', ');
    lines.push('', `Redis's own \`INFO commandstats\` on Tessera's redis-server, read before its server's warm-up and after its last round (less the bench's one \`INFO\`): ${c.requests.toLocaleString('en-US')} authenticated requests, Redis counted ${names}: **${c.perRequest.toFixed(2)} command per authenticated request${c.mgetPerRequest === c.perRequest ? ', all `MGET`' : ''}**. The checks before the load show a forged or missing token sends nothing to Redis. That redis-server used ${us(c.redisCpuPerRequest)} µs of CPU per request on top of the Node process's.`);
  }
  return lines.join('\n');
}

/** Every table of the HTTP case, with how it was measured. */
export function httpTables(results) {
  const t = results.http;
  if (t === undefined) return 'Not run.';
  return [
    `${t.concurrency} keep-alive connections from a raw-socket load generator (pre-encoded requests, one in flight per connection; Node's own http client would cost as much CPU as the servers), ${t.durationMs / 1000} s per server in ${t.rounds} rounds of ${(t.durationMs / t.rounds / 1000).toFixed(2)} s, all ${t.servers} servers taking turns in the same rounds (figures: the median round; latency over all rounds, from the load generator), each server in its own process on 127.0.0.1. **Auth cost** = the server's CPU per request minus its framework's no-auth CPU per request; req/s depends on everything else running on the machine (the load generator shares the cores), CPU time per request much less.`,
    ...['http', 'es256', 'express', 'koa', 'redis'].map((k) => serverTable(results[k])).filter(Boolean),
  ].join('\n\n');
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
  return ['| Target (issue 6; Koa: issue 11; Redis: issue 12; HTTP: issue 16) | Measured | Result |', '|---|---|---|', ...rows.map((t) => `| ${t.target} | ${t.measured} | ${mark(t.met)}${t.note ? ` (${t.note})` : ''} |`)].join('\n');
}

/** The whole document. `profile` is the generated profile section, `notes` the hand-written analysis. */
export function renderMarkdown({ env, results, targets, profile, notes }) {
  const { jws = [], jwe = [], cache = [], edge = [], memory } = results;
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

${httpTables(results)}

## Memory

${memory ? memoryTable(memory) : 'Not run.'}
`;
}
