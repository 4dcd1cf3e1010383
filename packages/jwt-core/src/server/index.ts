/**
 * `@tessera/jwt-core/server`: sign-in, access and refresh tokens, logout and revocation on
 * Web-standard `Request`/`Response`. Framework adapters (`@tessera/node`, ...) only translate.
 * See docs/server.md.
 */
export { createAuth } from './auth.js';
export { createMemoryStore } from './memory-store.js';
/**
 * The response the auth layer sends for a refusal: the status for the code (401, 403, 400/413,
 * 503), the RFC 6750 `WWW-Authenticate` challenge, `Cache-Control: no-store` and the JSON body
 * `{ error, message, hint }`. Adapters use it for the refusals they make themselves (a request
 * they cannot translate, an internal failure), so every refusal has one format.
 */
export { failure as errorResponse } from './responses.js';
export type * from './types.js';
