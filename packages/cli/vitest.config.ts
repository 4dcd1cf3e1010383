import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // In-process tests run the core's sources; the binary tests (test/bin.test.ts) run dist/ as users do.
    alias: [
      { find: /^@tessera\/jwt-core\/server$/, replacement: src('../jwt-core/src/server/index.ts') },
      { find: /^@tessera\/jwt-core$/, replacement: src('../jwt-core/src/index.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
