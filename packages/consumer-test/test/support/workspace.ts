/**
 * The workspace as the consumer test sees it: its public packages (packages/* without
 * `"private": true`, the ones `changeset publish` publishes) and their entry points.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../../../', import.meta.url));

export interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  exports?: Record<string, unknown>;
  bin?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

export interface PublicPackage {
  dir: string;
  manifest: Manifest;
}

/** Every public package of packages/, read from its package.json. */
export function publicPackages(): PublicPackage[] {
  const dir = join(root, 'packages');
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .filter((pkg) => existsSync(join(pkg, 'package.json')))
    .map((pkg) => ({ dir: pkg, manifest: JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as Manifest }))
    .filter(({ manifest }) => manifest.private !== true);
}

/**
 * The module specifiers a user can import: one per `exports` entry that is a module (not
 * `./package.json`, not a wildcard of data files such as `./vectors/*`).
 */
export function entryPoints(manifest: Manifest): string[] {
  return Object.keys(manifest.exports ?? {})
    .filter((subpath) => subpath !== './package.json' && !subpath.includes('*'))
    .map((subpath) => (subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`));
}

/** The folder a package lands in under a project's node_modules. */
export function installedDir(project: string, name: string): string {
  return join(project, 'node_modules', ...name.split('/'));
}
