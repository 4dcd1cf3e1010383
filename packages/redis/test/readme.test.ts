/**
 * Runs the package README's `js test` blocks as written (the shared runner of
 * `@tessera/test-vectors/readme`) against the Redis at 127.0.0.1:6379; the keys they leave
 * (`{readme-<pid>:}…`) are deleted.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readmeExamples, runReadmeExample } from '@tessera/test-vectors/readme';
import { connectShared, SHARED_URL, type TestClient } from './support/shared-redis.js';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const examples = readmeExamples(pkg);

let client: TestClient;

beforeAll(async () => {
  client = await connectShared();
});

afterAll(async () => {
  if (client === undefined) return;
  const keys: string[] = [];
  for await (const batch of client.scanIterator({ MATCH: 'readme-*', COUNT: 1000 })) keys.push(...batch);
  if (keys.length > 0) await client.unlink(keys);
  await client.close();
});

it('the README has runnable examples, each saying what it prints', () => {
  expect(examples.length).toBeGreaterThan(0);
  for (const example of examples) expect(example.prints, `README line ${example.line}`).toBeDefined();
});

for (const example of examples) {
  it(`README example at line ${example.line} runs and prints "${example.prints}"`, () => runReadmeExample(pkg, example, { env: { REDIS_URL: SHARED_URL } }), 40_000);
}
