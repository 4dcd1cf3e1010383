/**
 * The core's tests run twice: in Node (`node` project) and in vitest's `edge-runtime` environment
 * (`edge` project: the Edge globals from @edge-runtime/vm). That environment keeps Node's
 * `process`, `Buffer` and `require`, so it proves little on its own; the real Edge check is
 * test/edge/edge-vm.test.ts, which loads the bundled core into an isolated EdgeVM where they are
 * undefined. Vectors also run with each crypto backend forced (test/vectors).
 *
 * Node-only tests (not run in the edge project):
 * - test/edge/**: builds and bundles the core with tsc and esbuild, then drives an EdgeVM from Node;
 * - test/interop/**: the peers (jsonwebtoken, fast-jwt) are Node libraries using node:crypto;
 * - test/docs/**: runs README examples as Node scripts;
 * - any `*.node.test.ts`: the convention for a test that needs Node itself.
 */
import { defineConfig } from 'vitest/config';

const NODE_ONLY = ['test/edge/**', 'test/interop/**', 'test/docs/**', 'test/**/*.node.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    projects: [
      { extends: true, test: { name: 'node', include: ['test/**/*.test.ts'], environment: 'node', provide: { testProject: 'node' } } },
      {
        extends: true,
        test: { name: 'edge', include: ['test/**/*.test.ts'], exclude: NODE_ONLY, environment: 'edge-runtime', provide: { testProject: 'edge' } },
      },
    ],
  },
});
