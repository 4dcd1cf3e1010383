/**
 * `@tessera/jwt-core/server`: sign-in, access and refresh tokens, logout and revocation on
 * Web-standard `Request`/`Response`. See docs/server.md.
 */
export type * from './types.js';
