#!/usr/bin/env node
// Builds the core with tsc (when dist/ is missing or older than src/) and bundles an entry that
// imports the BUILT core (dist/index.js) into one IIFE script with esbuild, for loading into an
// isolated EdgeVM (test/edge/edge-vm.test.ts). The bundle targets the browser platform: an import
// of a Node built-in anywhere in the core would fail the bundle, which is itself the first check.
//
//   node scripts/bundle-edge.mjs [entry] [outfile]   write the bundle (default: test/edge/vm-entry.js -> dist/edge/tessera-edge.js)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Run `tsc -p tsconfig.build.json` unless dist/index.js is newer than every file in src/. */
export function buildCoreIfStale() {
  const index = join(ROOT, 'dist', 'index.js');
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(join(ROOT, 'src'))) return { built: false };
  const tsc = require.resolve('typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`building the core failed (tsc -p tsconfig.build.json):\n${r.stdout}${r.stderr}`);
  return { built: true };
}

/**
 * Bundle `entry` (which imports ../../dist/index.js) into an IIFE script string. Throws when the
 * bundle would need anything the Edge runtime does not have.
 */
export async function bundleForEdge(entry = join(ROOT, 'test', 'edge', 'vm-entry.js')) {
  buildCoreIfStale();
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    // The core's only runtime dependencies are @noble/*; nothing may be left external.
    external: [],
    logLevel: 'silent',
    metafile: true,
  });
  const code = result.outputFiles[0].text;
  const inputs = Object.keys(result.metafile.inputs);
  return { code, inputs, bytes: code.length };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const entry = process.argv[2] ? resolve(process.argv[2]) : undefined;
  const out = resolve(process.argv[3] ?? join(ROOT, 'dist', 'edge', 'tessera-edge.js'));
  const { code, bytes } = await bundleForEdge(entry);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, code);
  console.log(`wrote ${out} (${bytes} bytes)`);
}
