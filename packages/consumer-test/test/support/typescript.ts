/**
 * A strict TypeScript consumer written into the scratch project: one file importing every public
 * entry point, the `ts typecheck` blocks of the installed READMEs, a file using the core's API with
 * its types, and (NodeNext only) a CommonJS file that require()s every entry point. `tsc` from the
 * scratch project checks it under each module resolution a user may configure.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { installedDir } from './workspace.js';

const run = promisify(execFile);

export type Resolution = 'NodeNext' | 'Bundler' | 'node10';

/** The ```` ```ts typecheck ```` blocks of a README, with the line each starts at. */
export function typecheckBlocks(readme: string): { line: number; code: string }[] {
  const lines = readFileSync(readme, 'utf8').split('\n');
  const found: { line: number; code: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() !== '```ts typecheck') continue;
    const start = i + 1;
    const body: string[] = [];
    for (i = start; i < lines.length && lines[i]!.trim() !== '```'; i++) body.push(lines[i]!);
    found.push({ line: start + 1, code: body.join('\n') });
  }
  return found;
}

/**
 * Writes the consumer's sources into `<app>/src`; returns how many README blocks it took. Entry
 * points of `bundlerOnly` packages go to `bundler-entries.ts`, which only the resolutions a bundler
 * uses check.
 */
export function writeConsumer(app: string, packages: { name: string; entries: string[]; bundlerOnly: boolean }[]): number {
  const src = join(app, 'src');
  mkdirSync(src, { recursive: true });
  const portable = packages.filter((p) => !p.bundlerOnly).flatMap((p) => p.entries);
  const bundled = packages.filter((p) => p.bundlerOnly).flatMap((p) => p.entries);
  const imports = (entries: string[]) => entries.map((e, i) => `import * as entry${i} from '${e}';`).join('\n');
  const table = (entries: string[]) => `export const entryPoints: Record<string, object> = {\n${entries.map((e, i) => `  '${e}': entry${i},`).join('\n')}\n};\n`;
  writeFileSync(join(src, 'entries.ts'), `${imports(portable)}\n\n/** Every public entry point, by specifier. */\n${table(portable)}`);
  writeFileSync(join(src, 'bundler-entries.ts'), `${imports(bundled)}\n\n/** The entry points meant for a bundler (Next.js). */\n${table(bundled)}`);
  const requires = portable.map((e, i) => `import entry${i} = require('${e}');`).join('\n');
  writeFileSync(join(src, 'require.cts'), `${requires}\n\n${table(portable)}`);
  copyFileSync(fileURLToPath(new URL('../fixtures/usage.ts', import.meta.url)), join(src, 'usage.ts'));
  let blocks = 0;
  for (const { name } of packages) {
    const readme = join(installedDir(app, name), 'README.md');
    if (!existsSync(readme)) continue;
    for (const block of typecheckBlocks(readme)) {
      writeFileSync(join(src, `readme-${name.split('/')[1]}-${block.line}.ts`), `${block.code}\n`);
      blocks++;
    }
  }
  return blocks;
}

const MODULE: Record<Resolution, object> = {
  NodeNext: { module: 'NodeNext', moduleResolution: 'NodeNext' },
  Bundler: { module: 'ESNext', moduleResolution: 'Bundler' },
  // What an older CommonJS project has; esModuleInterop lets it default-import node:http as the README does.
  node10: { module: 'CommonJS', moduleResolution: 'node10', esModuleInterop: true },
};

/**
 * Runs the scratch project's `tsc` in strict mode under one module resolution, with declaration
 * files checked (no skipLibCheck) so that an error in a Tessera package's types fails. Errors that
 * tsc reports inside a third-party package's own declarations (Next.js's need a newer DOM lib than
 * Node 20's) are not this project's to fix and are left out. Resolves to tsc's output; rejects with
 * the remaining errors.
 */
export async function typecheck(app: string, resolution: Resolution): Promise<string> {
  const config = join(app, `tsconfig.${resolution}.json`);
  writeFileSync(config, JSON.stringify({
    compilerOptions: {
      ...MODULE[resolution],
      target: 'ES2022', lib: ['ES2022', 'DOM', 'DOM.Iterable'], types: ['node'],
      strict: true, noUncheckedIndexedAccess: true, noEmit: true, skipLibCheck: false,
    },
    // `import x = require()` is CommonJS: only NodeNext tells .cts files apart. Next.js's own
    // modules (next/server, next/headers) resolve only through a bundler or node10: `next` has no
    // exports map, so NodeNext leaves out what imports them.
    ...(resolution === 'NodeNext' ? { include: ['src'], exclude: ['src/bundler-entries.ts'] } : { include: ['src/**/*.ts'] }),
  }, null, 2));
  const tsc = join(app, 'node_modules', 'typescript', 'bin', 'tsc');
  const output = await run(process.execPath, [tsc, '-p', config, '--pretty', 'false'], { cwd: app, timeout: 280_000, maxBuffer: 64 * 1024 * 1024 })
    .then(({ stdout }) => stdout, (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ''}${error.stderr ?? ''}`);
  const ours = output.split('\n').filter((line) => /(^|\s)error TS\d+:/.test(line) && !isThirdParty(line));
  if (ours.length > 0) throw new Error(`tsc (${resolution}) found errors in the scratch project:\n${ours.join('\n')}`);
  return output;
}

/** An error located in a declaration file of a package other than @tessera/*. */
function isThirdParty(line: string): boolean {
  return line.startsWith('node_modules/') && !line.startsWith('node_modules/@tessera/');
}
