/**
 * The code under test, built from the workspace sources with esbuild: the core, its server layer
 * and the Node and Koa adapters as ESM with shared chunks (one JoseError class, one key model),
 * unminified. The Koa adapter imports only types from `koa`, so the bundle needs no `koa` at run time.
 * Building from source keeps the benchmark independent of whether `dist/` is fresh; the code is the
 * same that `tsc` emits, only gathered into fewer files.
 */
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));

const ALIASES = {
  '@tessera/jwt-core/server': here('../../jwt-core/src/server/index.ts'),
  '@tessera/jwt-core': here('../../jwt-core/src/index.ts'),
  '@tessera/node/bridge': here('../../node/src/bridge.ts'),
};

/** Resolve the workspace package names to their sources. */
const workspaceSources = {
  name: 'workspace-sources',
  setup(b) {
    b.onResolve({ filter: /^@tessera\/(jwt-core(\/server)?|node\/bridge)$/ }, (args) => ({ path: ALIASES[args.path] }));
  },
};

let built;
let out;

function outDir() {
  if (out !== undefined) return out;
  // A fresh folder per process: concurrent runs (CI smoke, a full run) never share output.
  out = mkdtempSync(join(tmpdir(), 'tessera-bench-dist-'));
  process.once('exit', () => rmSync(out, { recursive: true, force: true }));
  return out;
}

/**
 * Build once per process; resolves to file URLs of `core`, `server`, `node` and `koa` (the adapters).
 * @returns {Promise<{ core: string, server: string, node: string, koa: string }>}
 */
export function buildTessera() {
  if (built !== undefined) return built;
  const OUT = outDir();
  built = build({
    entryPoints: {
      core: ALIASES['@tessera/jwt-core'],
      server: ALIASES['@tessera/jwt-core/server'],
      node: here('../../node/src/index.ts'),
      koa: here('../../koa/src/index.ts'),
    },
    outdir: OUT,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['import', 'default'],
    target: 'es2022',
    external: ['node:*'],
    plugins: [workspaceSources],
    logLevel: 'error',
    outExtension: { '.js': '.mjs' },
  }).then(() => ({
    core: pathToFileURL(`${OUT}/core.mjs`).href,
    server: pathToFileURL(`${OUT}/server.mjs`).href,
    node: pathToFileURL(`${OUT}/node.mjs`).href,
    koa: pathToFileURL(`${OUT}/koa.mjs`).href,
  }));
  return built;
}

let builtRedis;

/**
 * @tessera/redis from its sources, in the same folder as the bundles above, for the Redis store's
 * HTTP row. Built apart from them because it carries node-redis (CommonJS, Node only): platform
 * `node`, with a `require` for node-redis's own `require` calls. Its `@tessera/jwt-core` import is
 * the core bundle above (one JoseError class). `redis` is resolved from packages/redis, the
 * package's own dependency, as a build of @tessera/redis would.
 * @returns {Promise<string>} file URL of `redis-store.mjs`
 */
export function buildRedisStore() {
  if (builtRedis !== undefined) return builtRedis;
  const OUT = outDir();
  builtRedis = buildTessera().then(() => build({
    entryPoints: { 'redis-store': here('../../redis/src/index.ts') },
    outdir: OUT,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'es2022',
    banner: { js: "import { createRequire as __benchCreateRequire } from 'node:module'; const require = __benchCreateRequire(import.meta.url);" },
    plugins: [{
      name: 'core-bundle',
      setup(b) {
        b.onResolve({ filter: /^@tessera\/jwt-core(\/server)?$/ }, (args) => ({ path: args.path.endsWith('/server') ? './server.mjs' : './core.mjs', external: true }));
      },
    }],
    logLevel: 'error',
    outExtension: { '.js': '.mjs' },
  })).then(() => pathToFileURL(`${OUT}/redis-store.mjs`).href);
  return builtRedis;
}

/** Import the three bundles. */
export async function loadTessera() {
  const urls = await buildTessera();
  const [core, server, node] = await Promise.all([import(urls.core), import(urls.server), import(urls.node)]);
  return { core, server, node };
}
