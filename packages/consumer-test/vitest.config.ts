import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // One suite: packing and the npm install happen once, in its beforeAll (see test/consumer.test.ts).
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
