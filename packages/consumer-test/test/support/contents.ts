/**
 * What an installed package holds, checked file by file: the links of its shipped Markdown and the
 * sources of its source maps must point at files it ships (or at an absolute URL).
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** Every file under `dir`, relative to it. */
export function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    return statSync(path).isDirectory() ? listFiles(path, base) : [relative(base, path)];
  });
}

/** Relative Markdown links (and images) of the shipped .md files whose target is not in the package. */
export function brokenDocLinks(pkgDir: string, files: string[]): string[] {
  const broken: string[] = [];
  for (const file of files.filter((f) => f.endsWith('.md'))) {
    const text = readFileSync(join(pkgDir, file), 'utf8');
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^(?:[a-z][a-z0-9+.-]*:|#)/i.test(target!)) continue; // https:, mailto:, an anchor
      const path = resolve(pkgDir, dirname(file), target!.split('#')[0]!);
      if (!path.startsWith(`${pkgDir}/`) || !existsSync(path)) broken.push(`${file}: ${target}`);
    }
  }
  return broken;
}

/** Sources named by the shipped source maps (.js.map, .d.ts.map) that the package does not ship. */
export function missingMapSources(pkgDir: string, files: string[]): string[] {
  const missing: string[] = [];
  for (const file of files.filter((f) => f.endsWith('.map'))) {
    const map = JSON.parse(readFileSync(join(pkgDir, file), 'utf8')) as { sources?: string[]; sourceRoot?: string };
    for (const source of map.sources ?? []) {
      const path = resolve(pkgDir, dirname(file), map.sourceRoot ?? '', source);
      if (!path.startsWith(`${pkgDir}/`) || !existsSync(path)) missing.push(`${file}: ${source}`);
    }
  }
  return missing;
}
