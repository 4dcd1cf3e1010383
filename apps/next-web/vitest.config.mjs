import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.mjs'],
    environment: 'node',
    // `next build` once per run, before any file starts the app (test/global-setup.mjs).
    globalSetup: ['test/global-setup.mjs'],
    // Every file starts Next.js servers (and the browser tests Chromium): seconds, not milliseconds.
    // One file at a time: they share two cores with the build and the browser.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
