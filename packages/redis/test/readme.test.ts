/**
 * Runs the package README's `js test` blocks as written, so the quick start a newcomer copies works.
 * Each block is written into this package (so `@tessera/redis` resolves to the built package by
 * self-reference, and `@tessera/jwt-core` through the workspace link) and run in a child Node
 * process against the Redis at 127.0.0.1:6379; the keys it leaves (`{readme-<pid>:}…`) are deleted.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectShared, SHARED_URL, type TestClient } from './support/shared-redis.js';

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
let client: TestClient;

beforeAll(async () => {
  client = await connectShared();
  mkdirSync(tmp, { recursive: true });
});

afterAll(async () => {
  rmSync(tmp, { recursive: true, force: true });
  if (client === undefined) return;
  const keys: string[] = [];
  for await (const batch of client.scanIterator({ MATCH: '{readme-*', COUNT: 1000 })) keys.push(...batch);
  if (keys.length > 0) await client.unlink(keys);
  await client.close();
});

it('the README has a runnable quick start', () => {
  expect(examples.length).toBeGreaterThan(0);
});

for (const example of examples) {
  it(`README example at line ${example.line} runs`, async () => {
    const file = join(tmp, `readme_${example.line}.mjs`);
    writeFileSync(file, example.code);
    const { stdout } = await run(process.execPath, [file], { cwd: pkg, timeout: 30_000, env: { ...process.env, REDIS_URL: SHARED_URL } });
    // Blocks assert their own results (they throw); the quick start also prints what it saw.
    if (example.code.includes('401 ERR_JWT_REVOKED')) expect(stdout).toContain('401 ERR_JWT_REVOKED');
  }, 40_000);
}
