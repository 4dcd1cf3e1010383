#!/usr/bin/env node
// Packs every public package of the workspace (packages/* without "private": true) with `pnpm pack`
// into one folder, default `.tarballs/` at the root: `npx --yes pnpm@10 run pack:tarballs [dir]`.
// pnpm, not npm: `pnpm pack` rewrites the `workspace:` ranges to the versions being packed, as
// `pnpm publish` does; an `npm pack` tarball keeps `workspace:^` and npm cannot install it.
// The packages must be built first (`npx --yes pnpm@10 run build`): dist/ is what they ship.
// Prints one tarball path a line. The consumer test (packages/consumer-test) runs this script.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const dest = resolve(process.argv[2] ?? join(root, '.tarballs'));
// The pnpm running this script (npm_execpath under `pnpm run`), else pnpm 10 through npx.
const pnpm = /pnpm/.test(process.env.npm_execpath ?? '') ? [process.execPath, process.env.npm_execpath] : ['npx', '--yes', 'pnpm@10'];

/** The public packages: their directory and manifest. */
export function publicPackages() {
  const dir = join(root, 'packages');
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .filter((pkg) => existsSync(join(pkg, 'package.json')))
    .map((pkg) => ({ dir: pkg, manifest: JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => manifest.private !== true);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const packages = publicPackages();
  const unbuilt = packages.filter(({ dir, manifest }) => manifest.files?.includes('dist') && !existsSync(join(dir, 'dist')));
  if (unbuilt.length > 0) {
    console.error(`no dist/ in ${unbuilt.map((p) => p.manifest.name).join(', ')}: build first (npx --yes pnpm@10 run build)`);
    process.exit(1);
  }
  mkdirSync(dest, { recursive: true });
  // Tarballs of an earlier version would be installed alongside the new ones by a glob: remove them.
  for (const file of readdirSync(dest)) if (file.startsWith('tessera-') && file.endsWith('.tgz')) rmSync(join(dest, file));
  // One pnpm process packs them all (`pnpm -r pack`, filtered to the public packages).
  const filters = packages.flatMap(({ manifest }) => ['--filter', manifest.name]);
  await run(pnpm[0], [...pnpm.slice(1), '-r', ...filters, 'pack', '--pack-destination', dest], { cwd: root, timeout: 300_000 });
  const tarballs = readdirSync(dest).filter((f) => f.startsWith('tessera-') && f.endsWith('.tgz'));
  if (tarballs.length !== packages.length) {
    console.error(`packed ${tarballs.length} tarballs for ${packages.length} public packages in ${dest}`);
    process.exit(1);
  }
  console.log(tarballs.map((f) => join(dest, f)).join('\n'));
}
