import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the sources of the core, so they see the same code without a build step.
    alias: [
      { find: /^@tessera\/jwt-core\/server$/, replacement: src('../jwt-core/src/server/index.ts') },
      { find: /^@tessera\/jwt-core$/, replacement: src('../jwt-core/src/index.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
