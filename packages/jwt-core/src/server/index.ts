/**
 * `@tessera/jwt-core/server`: sign-in, access and refresh tokens, logout and revocation on
 * Web-standard `Request`/`Response`. Framework adapters (`@tessera/node`, ...) only translate.
 * See docs/server.md.
 */
export { createAuth } from './auth.js';
export { createMemoryStore } from './memory-store.js';
export type * from './types.js';
