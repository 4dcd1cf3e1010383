/**
 * The README runner every package uses must fail when an example fails: a block that throws, and a
 * block that prints something other than its `// prints:` line, both reject.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { readmeExamples, runReadmeExample } from '../src/readme.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-readme-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'README.md'), [
  '# x', '', '```js test', "console.log('one', 1 + 1); // prints: one 2", '```', '',
  '```js', 'not run', '```', '',
  '```js test', "console.log('three'); // prints: four", '```', '',
  '```js test', "throw new Error('broken example');", '```', '',
].join('\n'));

it('finds the js test blocks with their lines and what they say they print', () => {
  expect(readmeExamples(dir).map(({ line, prints }) => ({ line, prints }))).toEqual([
    { line: 4, prints: 'one 2' }, { line: 12, prints: 'four' }, { line: 16, prints: undefined },
  ]);
});

it('passes an example that prints what it says, and rejects one that prints something else or throws', async () => {
  const [good, wrong, broken] = readmeExamples(dir);
  expect(await runReadmeExample(dir, good!)).toBe('one 2\n');
  await expect(runReadmeExample(dir, wrong!)).rejects.toThrow('printed "three"; the README says it prints "four"');
  await expect(runReadmeExample(dir, broken!)).rejects.toThrow('broken example');
});
