import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the sources of the workspace packages, so the example app (which imports the
    // package names) and this package's tests see the same code without a build step in between.
    alias: [
      { find: /^@tessera\/jwt-core\/server$/, replacement: src('../jwt-core/src/server/index.ts') },
      { find: /^@tessera\/jwt-core$/, replacement: src('../jwt-core/src/index.ts') },
      { find: /^@tessera\/node\/bridge$/, replacement: src('../node/src/bridge.ts') },
      { find: /^@tessera\/koa$/, replacement: src('./src/index.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
