/**
 * Preloaded into an app under test (`node --expose-gc --import <this file> src/server.mjs`), so the
 * app itself has no test-only route: on the IPC message `{ type: 'tessera-reliability:heap' }` it
 * runs a full garbage collection and answers `{ type: 'tessera-reliability:heap', heapUsed, rss }`
 * (bytes, process.memoryUsage()). Without an IPC channel (started by hand) it does nothing.
 */
const TYPE = 'tessera-reliability:heap';

if (typeof process.send === 'function') {
  process.on('message', (message) => {
    if (message?.type !== TYPE) return;
    // Twice: the first collection can leave finalised objects for the second one to free.
    globalThis.gc?.();
    globalThis.gc?.();
    const { heapUsed, rss } = process.memoryUsage();
    process.send({ type: TYPE, heapUsed, rss, gc: typeof globalThis.gc === 'function' });
  });
  // The channel must not keep the app alive after its server closes (SIGTERM ends it as usual).
  process.channel?.unref();
}
