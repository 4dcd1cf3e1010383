/**
 * The packages as a user gets them: every public package is packed (`pnpm pack`, through the root's
 * scripts/pack-tarballs.mjs, as the root README's "Before the first release" says), installed from
 * the tarballs with npm into a scratch project in the system's temp folder, and used there: the
 * README examples run, a strict TypeScript consumer type-checks under NodeNext, Bundler and node10,
 * every entry point loads through import and require, publint and arethetypeswrong pass on every
 * tarball. The scratch folder is removed afterwards.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readmeExamples, runReadmeExample } from '@tessera/test-vectors/readme';
import { brokenDocLinks, listFiles, missingMapSources } from './support/contents.js';
import { createScratch, type Scratch } from './support/scratch.js';
import { typecheck, writeConsumer, type Resolution } from './support/typescript.js';
import { entryPoints, installedDir, publicPackages, root, type Manifest } from './support/workspace.js';

const run = promisify(execFile);
/**
 * Packages that run inside Next.js's bundler only: they import `next/server` and `next/headers`, which
 * resolve through Next's bundler (and TypeScript's Bundler or node10 resolution) but not through
 * Node's ESM resolver or NodeNext, since `next` has no exports map. Next.js apps use
 * `moduleResolution: "bundler"`.
 */
const BUNDLER_ONLY = new Set(['@tessera/next']);
const here = fileURLToPath(new URL('..', import.meta.url));
const packages = publicPackages();
let scratch: Scratch;

/** publint and attw on every tarball, two at a time (each is a CPU-bound process), started once the tarballs exist. */
const linted = new Map<string, Promise<{ publint: string; attw: string }>>();

beforeAll(async () => {
  scratch = await createScratch();
  const queue = packages.map(({ manifest }) => manifest);
  const lint = async (manifest: Manifest) => ({
    publint: await tool('publint', ['run', tarball(manifest), '--strict']),
    attw: await tool('attw', [tarball(manifest), '--no-definitely-typed', '--format', 'ascii']),
  });
  const chain: Promise<unknown>[] = [Promise.resolve(), Promise.resolve()];
  queue.forEach((manifest, i) => {
    const lane = i % 2;
    const result = chain[lane]!.then(() => lint(manifest));
    result.catch(() => undefined); // awaited by the package's tests, which report the failure
    chain[lane] = result.catch(() => undefined);
    linted.set(manifest.name, result);
  });
});
afterAll(() => scratch?.dispose());

/** The tarball of a package (pnpm names it `<scope>-<name>-<version>.tgz`). */
function tarball(manifest: Manifest): string {
  const file = `${manifest.name.replace(/^@/, '').replace('/', '-')}-${manifest.version}.tgz`;
  const found = scratch.tarballs.find((t) => t.endsWith(`/${file}`));
  if (!found) throw new Error(`no tarball ${file} among ${scratch.tarballs.join(', ')}`);
  return found;
}

/** Runs a bin of this package's devDependencies (publint, attw); resolves to its output, rejects with it. */
async function tool(name: string, args: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await run(join(here, 'node_modules', '.bin', name), args, { timeout: 90_000, env: { ...process.env, NO_COLOR: '1' } });
    return stdout + stderr;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${name} ${args.join(' ')} failed:\n${stdout}${stderr}`);
  }
}

it('every public package is a devDependency of this package, so turbo builds it before this test', () => {
  const own = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8')) as Manifest;
  expect(packages.length).toBeGreaterThan(0);
  for (const { manifest } of packages) expect(own.devDependencies, `add "${manifest.name}": "workspace:*"`).toHaveProperty([manifest.name]);
});

for (const { manifest } of packages) {
  describe(manifest.name, () => {
    it('installs with a LICENSE, its README and no workspace: range left', () => {
      const dir = installedDir(scratch.app, manifest.name);
      const files = listFiles(dir);
      expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json']));
      expect(readFileSync(join(dir, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) 2026 The Tessera authors/);
      expect(readFileSync(join(dir, 'package.json'), 'utf8')).not.toContain('workspace:');
    });

    it('ships every file its Markdown links to and its source maps name', () => {
      const dir = installedDir(scratch.app, manifest.name);
      const files = listFiles(dir);
      expect(brokenDocLinks(dir, files)).toEqual([]);
      expect(missingMapSources(dir, files)).toEqual([]);
    });

    it('passes publint, warnings included', async () => {
      expect((await linted.get(manifest.name)!).publint).toMatch(/All good|Suggestions/);
    });

    it('passes arethetypeswrong under node10, node16 (CJS and ESM) and bundler', async () => {
      expect((await linted.get(manifest.name)!).attw).toContain('No problems found');
    });

    // A bundler-only package is loaded by its bundler, not by Node: its entry points are type-checked only.
    if (!BUNDLER_ONLY.has(manifest.name)) it('loads every entry point through import and through require, as one module', async () => {
      const optionalPeers = Object.keys((manifest as { peerDependenciesMeta?: object }).peerDependenciesMeta ?? {});
      const loader = join(scratch.app, 'load.cjs');
      copyFileSync(join(here, 'test/support/load.cjs'), loader);
      const { stdout } = await run(process.execPath, [loader, JSON.stringify(optionalPeers), ...entryPoints(manifest)], { cwd: scratch.app, timeout: 60_000 });
      const report = JSON.parse(stdout) as { loaded: string[]; needsOptionalPeer: Record<string, string> };
      expect(report.loaded.length).toBeGreaterThan(0);
      expect(report.loaded.length + Object.keys(report.needsOptionalPeer).length).toBe(entryPoints(manifest).length);
    });
  });
}

describe('CommonJS', () => {
  it('on a Node without require(esm), require() says to use import or a newer Node', async () => {
    const error = await run(process.execPath, ['--no-experimental-require-module', '-e', "require('@tessera/jwt-core/server')"], { cwd: scratch.app })
      .then(() => undefined, (e: { code?: number; stderr?: string }) => e);
    expect(error?.code).toBe(1);
    expect(error?.stderr).toContain("@tessera/jwt-core/server is an ES module, and this Node");
    expect(error?.stderr).toContain("await import('@tessera/jwt-core/server') from CommonJS");
    expect(error?.stderr).toContain('Node >= 20.19');
  });
});

describe('README examples, run against the installed tarballs', () => {
  // koa's need @koa/router and koa-unless (installed beside); client's and redis's need a running
  // API or Redis, which their own packages' readme tests start.
  for (const name of ['@tessera/jwt-core', '@tessera/node', '@tessera/koa']) {
    it(`${name}'s README`, async () => {
      const examples = readmeExamples(installedDir(scratch.app, name));
      expect(examples.length).toBeGreaterThan(0);
      for (const example of examples) await runReadmeExample(scratch.app, example, { timeoutMs: 60_000 });
    });
  }

  it("the root README's quick start", async () => {
    const examples = readmeExamples(root);
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) await runReadmeExample(scratch.app, example, { timeoutMs: 60_000 });
  });
});

describe('a strict TypeScript consumer of every entry point', () => {
  const resolutions: Resolution[] = ['NodeNext', 'Bundler', 'node10'];
  const checked = new Map<Resolution, Promise<string>>();

  beforeAll(() => {
    const blocks = writeConsumer(scratch.app, packages.map(({ manifest }) => ({ name: manifest.name, entries: entryPoints(manifest), bundlerOnly: BUNDLER_ONLY.has(manifest.name) })));
    expect(blocks).toBeGreaterThan(0); // @tessera/node's middleware example at least
    // The three tsc runs are independent: start them together, each test awaits its own.
    for (const resolution of resolutions) {
      const result = typecheck(scratch.app, resolution);
      result.catch(() => undefined); // reported by the resolution's test
      checked.set(resolution, result);
    }
  });

  for (const resolution of resolutions) {
    it(`type-checks under moduleResolution ${resolution}`, async () => {
      await checked.get(resolution);
    }, 300_000);
  }
});

describe('the tessera command', () => {
  it('runs from node_modules/.bin', async () => {
    const { stdout } = await run(join(scratch.app, 'node_modules', '.bin', 'tessera'), ['--help'], { cwd: scratch.app, timeout: 30_000 });
    expect(stdout).toContain('decode');
  });
});
