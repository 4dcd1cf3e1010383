/**
 * Next.js middleware on the Edge runtime: `authMiddleware(createEdgeAuth(…))` of @tessera/next
 * against the jose-based middleware teams write by hand, each handed a `NextRequest` with the
 * access-token cookie and answering `NextResponse.next()`. Both are bundled for the browser/edge
 * platform with esbuild (next/server included, as Next bundles it) and run in a child process where
 * node:crypto is unreachable (edge-web-preload.mjs) and the bundled code sees no `Buffer`.
 */
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runChild } from '../child.mjs';
import { EDGE } from '../stats.mjs';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const SOURCES = {
  '@tessera/jwt-core/server': here('../../../jwt-core/src/server/index.ts'),
  '@tessera/jwt-core': here('../../../jwt-core/src/index.ts'),
};

/** One ESM file: the middleware, the core's Edge auth and importJwk, and next/server, from source. */
async function bundleMiddleware(dir) {
  const outfile = join(dir, 'middleware.mjs');
  await build({
    stdin: {
      contents: [
        "export { authMiddleware } from './src/middleware.ts';",
        "export { createEdgeAuth } from '@tessera/jwt-core/server';",
        "export { importJwk } from '@tessera/jwt-core';",
        "export { NextRequest, NextResponse } from 'next/server';",
        "export const bufferVisible = typeof Buffer !== 'undefined' || typeof globalThis.Buffer !== 'undefined';",
      ].join('\n'),
      resolveDir: here('../../../next'), // next/server resolves from @tessera/next's own dependencies
      loader: 'ts',
    },
    bundle: true, format: 'esm', platform: 'browser', outfile, logLevel: 'warning',
    conditions: ['edge-light', 'worker', 'browser', 'import', 'default'],
    // What Next's Edge bundler defines too: a production build, and a `__dirname` for its compiled CJS.
    define: { 'process.env.NODE_ENV': '"production"', __dirname: '"/"', 'globalThis.Buffer': 'undefined' },
    // No `Buffer` for the bundled code, as on the Edge (Node's own Response still uses the global one).
    banner: { js: 'const Buffer = undefined;' },
    plugins: [{
      name: 'workspace-sources',
      setup(b) { b.onResolve({ filter: /^@tessera\/jwt-core(\/server)?$/ }, (args) => ({ path: SOURCES[args.path] })); },
    }],
  });
  return pathToFileURL(outfile).href;
}

export async function runEdgeMiddlewareCases({ keys, smoke, log, cfg = EDGE }) {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-edge-mw-'));
  try {
    const input = {
      bundleUrl: await bundleMiddleware(dir), cfg, smoke,
      keys: Object.fromEntries(['HS256', 'ES256'].map((alg) => [alg, { kid: keys[alg].kid, publicJwk: keys[alg].publicJwk, privateJwk: keys[alg].privateJwk }])),
    };
    const file = join(dir, 'input.json');
    writeFileSync(file, JSON.stringify(input));
    const results = await runChild(['--import', here('../edge-web-preload.mjs'), here('../edge-middleware-child.mjs'), file], { log });
    return results.map((r) => ({ ...r, summaries: r.summaries && new Map(r.summaries) }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
