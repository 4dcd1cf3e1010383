/**
 * The benchmark: `node src/run.mjs` (full run; writes docs/benchmarks.md and docs/benchmarks.svg at
 * the repository root) or `runBench({ smoke: true })` (checks every implementation, times nothing).
 * Options: --only=jws,jwe,cache,edge,http,memory,profile  --memory-tokens=N  --no-write
 */
import { cpus } from 'node:os';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildTessera } from './bundle.mjs';
import { makeClaims, makeKeys } from './fixtures.mjs';
import { EDGE, FULL, measureCase } from './stats.mjs';
import { runJwsCases } from './cases/jws.mjs';
import { runJweCases } from './cases/jwe.mjs';
import { runCacheCase } from './cases/cache.mjs';
import { runEdgeCases } from './cases/edge.mjs';
import { runHttpCase } from './cases/http.mjs';
import { runMemoryCase } from './cases/memory.mjs';
import { renderProfiles, runProfiles } from './profile.mjs';
import { evaluateTargets } from './targets.mjs';
import { renderMarkdown } from './report.mjs';
import { renderSvg } from './svg.mjs';

const root = (p) => fileURLToPath(new URL(`../../../${p}`, import.meta.url));
const ALL = ['jws', 'jwe', 'cache', 'edge', 'http', 'memory', 'profile'];

/** Run the selected parts; in smoke mode every check runs and nothing is timed. */
export async function runBench({ smoke = false, only = ALL, memoryTokens = 1_000_000, write = !smoke, log = console.log } = {}) {
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
  if (only.includes('edge')) results.edge = await runEdgeCases(ctx);
  if (only.includes('http')) results.http = (await runHttpCase(smoke ? { ...ctx, durationMs: 0 } : ctx))[0];
  if (only.includes('memory')) {
    results.memory = smoke
      ? await runMemoryCase({ urls, tokens: 3000, cacheMax: 500, maxSeconds: 30, log })
      : await runMemoryCase({ urls, tokens: memoryTokens, cacheMax: 10_000, maxSeconds: 150, log });
    log(`memory: ${results.memory.done} tokens, growth after a full cache ${(results.memory.growthAfterFull / 1048576).toFixed(1)} MiB (${results.memory.ok ? 'bounded' : 'NOT bounded'})`);
  }
  const profiles = !smoke && only.includes('profile') ? await runProfiles({ urls, log }) : [];
  if (smoke) return { results, targets: [] };
  const targets = evaluateTargets(results);
  if (write) {
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
    let notes = '';
    try {
      notes = readFileSync(fileURLToPath(new URL('../notes/analysis.md', import.meta.url)), 'utf8').trim();
    } catch {
      notes = '_No analysis notes (packages/bench/notes/analysis.md)._';
    }
    mkdirSync(root('docs'), { recursive: true });
    writeFileSync(root('docs/benchmarks.md'), renderMarkdown({ env, results, targets, profile: renderProfiles(profiles), notes }));
    writeFileSync(root('docs/benchmarks.svg'), renderSvg(results));
    log('wrote docs/benchmarks.md and docs/benchmarks.svg');
  }
  for (const t of targets) log(`${t.met === true ? 'MET    ' : t.met === false ? 'NOT MET' : '—      '} ${t.target}: ${t.measured}`);
  return { results, targets };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  await runBench({
    only: arg('only')?.split(',') ?? ALL,
    memoryTokens: Number(arg('memory-tokens') ?? 1_000_000),
    write: !process.argv.includes('--no-write'),
  });
}
