/**
 * Runs the `js test` examples of docs/jwe.md against the sources (test/docs/examples.test.ts runs
 * them against the built package): each block becomes a module whose `@tessera/jwt-core` import
 * points at src/index.ts, imported in-process. A block fails by throwing (its assertions).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const doc = fileURLToPath(new URL('../../docs/jwe.md', import.meta.url));
const tmp = new URL('./.docs-examples/', import.meta.url);
const index = fileURLToPath(new URL('../../src/index.ts', import.meta.url));

function blocks(): Array<{ line: number; code: string }> {
  const lines = readFileSync(doc, 'utf8').split('\n');
  const out: Array<{ line: number; code: string }> = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() !== '```js test') continue;
    const start = i + 1;
    const body: string[] = [];
    for (i = start; i < lines.length && lines[i]!.trim() !== '```'; i++) body.push(lines[i]!);
    out.push({ line: start + 1, code: body.join('\n') });
  }
  return out;
}

mkdirSync(tmp, { recursive: true });
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('docs/jwe.md examples', () => {
  const list = blocks();
  it('has examples', () => {
    expect(list.length).toBeGreaterThanOrEqual(3);
  });
  for (const ex of list) {
    it(`example at line ${ex.line} runs`, async () => {
      expect(ex.code).toContain("from '@tessera/jwt-core'");
      const file = new URL(`example-${ex.line}.ts`, tmp);
      writeFileSync(file, `${ex.code.replaceAll("from '@tessera/jwt-core'", `from ${JSON.stringify(index)}`)}\nexport {};\n`);
      await import(/* @vite-ignore */ fileURLToPath(file));
    });
  }
});
