/**
 * Runs the examples of the READMEs and docs, so that what a newcomer copies works. A fenced block
 * whose info string is `js test` (GitHub highlights it as JavaScript) is written to a temporary
 * module inside this package, where `@tessera/jwt-core` resolves to the built package by
 * self-reference, and run in a child Node process. A block fails the test by throwing or exiting
 * non-zero; blocks assert their own results.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const pkg = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const root = join(pkg, '..', '..');
const tmp = join(pkg, 'test', '.examples');

function docs(): string[] {
  const files = [join(root, 'README.md'), join(pkg, 'README.md')];
  const docDir = join(pkg, 'docs');
  if (existsSync(docDir)) for (const f of readdirSync(docDir)) if (f.endsWith('.md')) files.push(join(docDir, f));
  return files.filter((f) => existsSync(f));
}

interface Example { file: string; line: number; code: string }

function examples(file: string): Example[] {
  const found: Example[] = [];
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() !== '```js test') continue;
    const start = i + 1;
    const body: string[] = [];
    for (i = start; i < lines.length && lines[i]!.trim() !== '```'; i++) body.push(lines[i]!);
    found.push({ file, line: start, code: body.join('\n') });
  }
  return found;
}

mkdirSync(tmp, { recursive: true });
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

for (const file of docs()) {
  const list = examples(file);
  if (list.length === 0) continue;
  describe(relative(root, file), () => {
    for (const ex of list) {
      it(`example at line ${ex.line} runs`, async () => {
        const script = join(tmp, `${relative(root, ex.file).replace(/[^a-z0-9]+/gi, '_')}_${ex.line}.mjs`);
        writeFileSync(script, ex.code);
        const { stdout } = await run(process.execPath, [script], { cwd: pkg, timeout: 30_000 });
        expect(typeof stdout).toBe('string');
      });
    }
  });
}

it('the root README has runnable examples', () => {
  expect(examples(join(root, 'README.md')).length).toBeGreaterThan(0);
});
