/**
 * The benchmark: `node src/run.mjs` (full run; writes docs/benchmarks.md and docs/benchmarks.svg at
 * the repository root) or `runBench({ smoke: true })` (checks every implementation, times nothing).
 * Options: --only=jws,jwe,cache,edge,http,memory,profile  --memory-tokens=N  --no-write
 *          --http-seconds=S --http-rounds=N (the HTTP case's time per server and its rounds; default
 *          3 s in 6 rounds; more rounds make the median round steadier on a busy machine)
 *          --render-only (rewrite the docs from the last full run's saved results, e.g. after
 *          editing notes/analysis.md; nothing is measured)
 */
import { cpus, tmpdir } from 'node:os';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildTessera } from './bundle.mjs';
import { makeClaims, makeKeys } from './fixtures.mjs';
import { EDGE, FULL, measureCase } from './stats.mjs';
import { runJwsCases } from './cases/jws.mjs';
import { runJweCases } from './cases/jwe.mjs';
import { runCacheCase } from './cases/cache.mjs';
import { runEdgeCases } from './cases/edge.mjs';
import { runEdgeMiddlewareCases } from './cases/edge-middleware.mjs';
import { runHttpCase } from './cases/http.mjs';
import { runMemoryCase } from './cases/memory.mjs';
import { renderProfiles, runProfiles } from './profile.mjs';
import { evaluateTargets } from './targets.mjs';
import { httpTables, renderMarkdown } from './report.mjs';
import { renderSvg } from './svg.mjs';

const root = (p) => fileURLToPath(new URL(`../../../${p}`, import.meta.url));
const LAST_RUN = join(tmpdir(), 'tessera-bench-last-run.json');

// Results hold Maps (implementation name -> summary): saved as entries.
const saveable = (results) => JSON.stringify(results, (_k, v) => (v instanceof Map ? { $map: [...v] } : v));
const restore = (text) => JSON.parse(text, (_k, v) => (v !== null && typeof v === 'object' && Array.isArray(v.$map) ? new Map(v.$map) : v));

function writeDocs({ env, results, profiles, log }) {
  const targets = evaluateTargets(results);
  let notes;
  try {
    notes = readFileSync(fileURLToPath(new URL('../notes/analysis.md', import.meta.url)), 'utf8').trim();
  } catch {
    notes = '_No analysis notes (packages/bench/notes/analysis.md)._';
  }
  mkdirSync(root('docs'), { recursive: true });
  writeFileSync(root('docs/benchmarks.md'), renderMarkdown({ env, results, targets, profile: renderProfiles(profiles), notes }));
  writeFileSync(root('docs/benchmarks.svg'), renderSvg(results));
  log('wrote docs/benchmarks.md and docs/benchmarks.svg');
  return targets;
}
const ALL = ['jws', 'jwe', 'cache', 'edge', 'http', 'memory', 'profile'];

/** Run the selected parts; in smoke mode every check runs and nothing is timed. */
export async function runBench({ smoke = false, only = ALL, memoryTokens = 1_000_000, http = {}, write = !smoke, log = console.log } = {}) {
  const t0 = Date.now();
  const urls = await buildTessera();
  const core = await import(urls.core);
  const keys = makeKeys();
  const claims = makeClaims();
  const cfg = FULL;
  const measure = smoke ? async () => null : (impls) => measureCase(impls, cfg);
  const ctx = { core, urls, keys, claims, measure, log, smoke };
  const results = {};
  if (only.includes('jws')) results.jws = await runJwsCases(ctx);
  if (only.includes('jwe')) results.jwe = await runJweCases(ctx);
  if (only.includes('cache')) results.cache = await runCacheCase(ctx);
  if (only.includes('edge')) results.edge = [...await runEdgeCases(ctx), ...await runEdgeMiddlewareCases(ctx)];
  if (only.includes('http')) Object.assign(results, await runHttpCase(smoke ? { ...ctx, durationMs: 0 } : { ...ctx, ...http }));
  if (only.includes('memory')) {
    results.memory = smoke
      ? await runMemoryCase({ urls, tokens: 3000, cacheMax: 500, maxSeconds: 30, log })
      : await runMemoryCase({ urls, tokens: memoryTokens, cacheMax: 10_000, maxSeconds: 150, log });
    log(`memory: ${results.memory.done} tokens, growth after a full cache ${(results.memory.growthAfterFull / 1048576).toFixed(1)} MiB (${results.memory.ok ? 'bounded' : 'NOT bounded'})`);
  }
  const profiles = !smoke && only.includes('profile') ? await runProfiles({ urls, log }) : [];
  if (smoke) return { results, targets: [] };
  let targets = evaluateTargets(results);
  if (write && only.length < ALL.length) log('partial run (--only): the docs are written by full runs only');
  if (results.http && !(write && only.length === ALL.length)) log(`\n${httpTables(results)}\n`);
  if (write && only.length === ALL.length) {
    const env = {
      date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      node: process.version,
      cpu: cpus()[0]?.model ?? 'unknown CPU',
      cores: cpus().length,
      cfg,
      edgeCfg: EDGE,
      claimsBytes: JSON.stringify(claims).length,
      note: `full run took ${Math.round((Date.now() - t0) / 1000)} s`,
    };
    writeFileSync(LAST_RUN, saveable({ env, results, profiles }));
    targets = writeDocs({ env, results, profiles, log });
  }
  for (const t of targets) log(`${t.met === true ? 'MET    ' : t.met === false ? 'NOT MET' : '—      '} ${t.target}: ${t.measured}`);
  return { results, targets };
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--render-only')) {
  if (!existsSync(LAST_RUN)) throw new Error(`no saved full run at ${LAST_RUN}: run the full benchmark first`);
  const saved = restore(readFileSync(LAST_RUN, 'utf8'));
  const targets = writeDocs({ ...saved, log: console.log });
  for (const t of targets) console.log(`${t.met === true ? 'MET    ' : t.met === false ? 'NOT MET' : '—      '} ${t.target}: ${t.measured}`);
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  await runBench({
    only: arg('only')?.split(',') ?? ALL,
    memoryTokens: Number(arg('memory-tokens') ?? 1_000_000),
    http: {
      ...(arg('http-seconds') === undefined ? {} : { durationMs: Math.min(600, Number(arg('http-seconds'))) * 1000 }),
      ...(arg('http-rounds') === undefined ? {} : { rounds: Math.min(100, Number(arg('http-rounds'))) }),
    },
    write: !process.argv.includes('--no-write'),
  });
}
