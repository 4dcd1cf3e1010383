/**
 * Preloaded (`node --import`) into the Edge-mode child: the process then looks like Next.js
 * middleware to the code under test. `process.getBuiltinModule` (Tessera's only way to node:crypto)
 * and the global `Buffer` are removed before any of it loads; WebCrypto and the Web globals stay.
 */
delete process.getBuiltinModule;
delete globalThis.Buffer;
