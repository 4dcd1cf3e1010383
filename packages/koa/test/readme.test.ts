/**
 * Runs the package README's `js test` blocks as written (the shared runner of
 * `@tessera/test-vectors/readme`), so the examples a newcomer copies work and print what they say.
 */
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { readmeExamples, runReadmeExample } from '@tessera/test-vectors/readme';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const examples = readmeExamples(pkg);

it('the README has runnable examples, each saying what it prints', () => {
  expect(examples.length).toBeGreaterThan(0);
  for (const example of examples) expect(example.prints, `README line ${example.line}`).toBeDefined();
});

for (const example of examples) {
  it(`README example at line ${example.line} runs and prints "${example.prints}"`, () => runReadmeExample(pkg, example), 40_000);
}
