/**
 * README examples as tests (`@tessera/test-vectors/readme`): every ```` ```js test ```` block of a
 * package's README is run as written, in a child Node process inside the package (so the package
 * name resolves to its built self, and its dependencies through the workspace links), and must
 * print what its `// prints: …` comment says. Each package runs the same runner, so the rule
 * "README examples are run by tests" means the same thing everywhere.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** One runnable block of a README. */
export interface ReadmeExample {
  /** The line of the README where the code starts (1-based, after the fence). */
  line: number;
  code: string;
  /** What the block says it prints (its `// prints: …` comment), or undefined when it says nothing. */
  prints: string | undefined;
}

/**
 * The ```` ```js test ```` blocks of `<packageDir>/README.md`.
 *
 * @example `for (const example of readmeExamples(pkg)) it(\`line ${example.line}\`, () => runReadmeExample(pkg, example));`
 */
export function readmeExamples(packageDir: string): ReadmeExample[] {
  const lines = readFileSync(join(packageDir, 'README.md'), 'utf8').split('\n');
  const found: ReadmeExample[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() !== '```js test') continue;
    const start = i + 1;
    const body: string[] = [];
    for (i = start; i < lines.length && lines[i]!.trim() !== '```'; i++) body.push(lines[i]!);
    const code = body.join('\n');
    found.push({ line: start + 1, code, prints: /\/\/ prints: (.+)$/m.exec(code)?.[1]?.trim() });
  }
  return found;
}

/**
 * Runs one example in `packageDir` (written to `test/.examples/`, removed afterwards) and returns
 * its standard output. Rejects when it throws, exits non-zero, runs past `timeoutMs` (30 s), or
 * prints something other than its `// prints:` line.
 */
export async function runReadmeExample(packageDir: string, example: ReadmeExample, options: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<string> {
  const dir = join(packageDir, 'test', '.examples');
  const file = join(dir, `readme_${example.line}_${process.pid}.mjs`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, example.code);
  try {
    const { stdout } = await run(process.execPath, [file], { cwd: packageDir, timeout: options.timeoutMs ?? 30_000, env: { ...process.env, ...options.env } });
    if (example.prints !== undefined && stdout.trim() !== example.prints) {
      throw new Error(`README example at line ${example.line} printed ${JSON.stringify(stdout.trim())}; the README says it prints ${JSON.stringify(example.prints)}`);
    }
    return stdout;
  } finally {
    rmSync(file, { force: true });
  }
}
