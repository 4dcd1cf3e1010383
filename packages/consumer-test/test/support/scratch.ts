/**
 * A scratch project in the system's temp folder, outside the workspace: every public package packed
 * with the root's `scripts/pack-tarballs.mjs` (the command the root README documents; it runs
 * `pnpm pack`, which rewrites `workspace:` ranges) and installed from those tarballs with npm, as a
 * user without the monorepo installs them. Nothing of the workspace's node_modules is reachable
 * from there.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { root, type Manifest } from './workspace.js';

const run = promisify(execFile);

export interface Scratch {
  /** The temp folder holding `tarballs/` and `app/`; removed by `dispose`. */
  base: string;
  /** The consumer project, with the tarballs installed in its node_modules. */
  app: string;
  /** Tarball paths, one per public package. */
  tarballs: string[];
  dispose(): void;
}

/**
 * What a TypeScript user of the packages installs beside them, at the versions the workspace uses:
 * the compiler, Node's, Koa's and React's types (those packages ship none), and what the Koa README's
 * examples import.
 * The packages' own peers (koa, redis, next, react) npm installs by itself.
 */
function companions(): string[] {
  const dev = (pkg: string) => (JSON.parse(readFileSync(join(root, 'packages', pkg, 'package.json'), 'utf8')) as Manifest).devDependencies ?? {};
  const koa = dev('koa');
  const next = dev('next');
  const typescript = (createRequire(import.meta.url)('typescript/package.json') as Manifest).version;
  return [
    `typescript@${typescript}`, `@types/node@${koa['@types/node']}`,
    ...['@types/koa', '@koa/router', 'koa-unless'].map((name) => `${name}@${koa[name]}`),
    ...['@types/react', '@types/react-dom'].map((name) => `${name}@${next[name]}`),
  ];
}

/** npm's environment without the settings `pnpm run` exports for pnpm (npm_config_*), keeping the registry and cache. */
function npmEnv(): NodeJS.ProcessEnv {
  const keep = new Set(['npm_config_registry', 'npm_config_cache', 'npm_config_userconfig']);
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_config_') || keep.has(key.toLowerCase())));
}

/** Packs every public package and installs the tarballs into a new scratch project. */
export async function createScratch(): Promise<Scratch> {
  const base = mkdtempSync(join(tmpdir(), 'tessera-consumer-'));
  const dispose = () => rmSync(base, { recursive: true, force: true });
  try {
    const packed = await run(process.execPath, [join(root, 'scripts/pack-tarballs.mjs'), join(base, 'tarballs')], { cwd: root, timeout: 180_000 });
    const tarballs = packed.stdout.trim().split('\n');
    const app = join(base, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), `${JSON.stringify({ name: 'tessera-consumer', private: true, type: 'module' }, null, 2)}\n`);
    // --omit=optional leaves out Next's native compiler and image binaries (hundreds of MB this test
    // never runs); everything the packages import is a regular or peer dependency.
    await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--omit=optional', '--loglevel=error', ...tarballs, ...companions()], {
      cwd: app, env: npmEnv(), timeout: 240_000, maxBuffer: 16 * 1024 * 1024,
    });
    return { base, app, tarballs, dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}
