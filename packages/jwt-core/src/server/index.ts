/**
 * `@tessera/jwt-core/server`: sign-in, access and refresh tokens, logout and revocation on
 * Web-standard `Request`/`Response`. Framework adapters (`@tessera/node`, ...) only translate.
 * See docs/server.md.
 */
export { createAuth } from './auth.js';
export { createMemoryStore } from './memory-store.js';
export { createEdgeAuth, type EdgeAuth, type EdgeAuthConfig } from './edge-auth.js';
export { cookieHeaderAfter } from './cookies.js';
/**
 * The response the auth layer sends for a refusal: the status for the code (401, 403, 400, 404,
 * 405, 413, 415, 431, 500, 503), the RFC 6750 `WWW-Authenticate` challenge, `Cache-Control:
 * no-store` and the JSON body `{ error, message, hint }` (the hint written for the client).
 * Adapters use it, with `adapterRefusal`, for the refusals they make themselves, so every refusal
 * has one format.
 */
export { failure as errorResponse } from './responses.js';
export * from './adapter/index.js';
export type * from './types.js';
