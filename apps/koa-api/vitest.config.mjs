import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.mjs'],
    environment: 'node',
    // Each file starts the app in child processes (scrypt-hashed users, a key to load): seconds, not milliseconds.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
