/**
 * Edge mode (node:crypto unavailable, as in Next.js middleware): the core and jose in a child
 * process whose preload removes `process.getBuiltinModule` and `Buffer` (see edge-preload.mjs).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChild } from '../child.mjs';
import { ALGS } from '../fixtures.mjs';
import { nodeFloor } from '../floors.mjs';
import { EDGE } from '../stats.mjs';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));

export async function runEdgeCases({ urls, keys, claims, smoke, log, cfg = EDGE }) {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-edge-'));
  try {
    const input = {
      coreUrl: urls.core, claims, cfg, smoke,
      keys: Object.fromEntries(ALGS.map((alg) => [alg, { kid: keys[alg].kid, publicJwk: keys[alg].publicJwk, privateJwk: keys[alg].privateJwk }])),
      tokens: Object.fromEntries(ALGS.map((alg) => [alg, nodeFloor(alg, keys[alg]).sign(claims)])),
    };
    const file = join(dir, 'input.json');
    writeFileSync(file, JSON.stringify(input));
    const results = await runChild(['--import', here('../edge-preload.mjs'), here('../edge-child.mjs'), file], { log });
    return results.map((r) => ({ ...r, summaries: r.summaries && new Map(r.summaries) }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
