/**
 * Preloaded into the Edge-middleware child. Node's own `Request`/`Response` (undici) use the global
 * `Buffer` inside, so it stays for them; the code under test is bundled with its own `Buffer`
 * shadowed (see cases/edge-middleware.mjs). `process.getBuiltinModule` (Tessera's only way to
 * node:crypto) is removed before anything loads, after the lazily loaded Web globals are loaded.
 */
void [globalThis.Request, globalThis.Response, globalThis.Headers, globalThis.FormData, globalThis.fetch];
delete process.getBuiltinModule;
