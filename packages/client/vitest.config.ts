import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // The servers the tests talk to run the workspace packages' sources, without a build step.
    alias: [
      { find: /^@tessera\/jwt-core\/server$/, replacement: src('../jwt-core/src/server/index.ts') },
      { find: /^@tessera\/jwt-core$/, replacement: src('../jwt-core/src/index.ts') },
      { find: /^@tessera\/node\/bridge$/, replacement: src('../node/src/bridge.ts') },
      { find: /^@tessera\/node$/, replacement: src('../node/src/index.ts') },
      { find: /^@tessera\/client$/, replacement: src('./src/index.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
