/**
 * Runs the package README's `js test` blocks as written, so the quick start a newcomer copies works.
 * Each block is written into this package (so `@tessera/koa` resolves to the built package by
 * self-reference, and `@tessera/jwt-core` through the workspace link) and run in a child Node process.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';

const run = promisify(execFile);
const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const tmp = join(pkg, 'test', '.examples');

function blocks(markdown: string): { line: number; code: string }[] {
  const lines = markdown.split('\n');
  const found: { line: number; code: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() !== '```js test') continue;
    const start = i + 1;
    const body: string[] = [];
    for (i = start; i < lines.length && lines[i]!.trim() !== '```'; i++) body.push(lines[i]!);
    found.push({ line: start, code: body.join('\n') });
  }
  return found;
}

const examples = blocks(readFileSync(join(pkg, 'README.md'), 'utf8'));
mkdirSync(tmp, { recursive: true });
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

it('the README has a runnable quick start', () => {
  expect(examples.length).toBeGreaterThan(0);
});

for (const example of examples) {
  it(`README example at line ${example.line} runs`, async () => {
    const file = join(tmp, `readme_${example.line}.mjs`);
    writeFileSync(file, example.code);
    const { stdout } = await run(process.execPath, [file], { cwd: pkg, timeout: 30_000 });
    // Blocks assert their own results (they throw), and print what the README says they print.
    const expected = /\/\/ prints: (.+)$/m.exec(example.code)?.[1];
    expect(expected, 'each example says what it prints').toBeDefined();
    expect(stdout.trim()).toBe(expected!.trim());
  }, 40_000);
}
