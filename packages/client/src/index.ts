/**
 * @tessera/client: a `fetch` that keeps a Tessera session alive, for browsers, Node, Deno, Bun and
 * React Native. No dependencies; only `fetch` is assumed (Web Locks, BroadcastChannel and
 * `localStorage` are used where they exist).
 */
export { createAuthClient, type AuthClient } from './client.js';
export { AuthClientError, type ClientErrorCode, type ServerRefusal } from './errors.js';
export type { AuthClientOptions, SessionEnd, Transport } from './options.js';
export type { Session } from './session.js';
export { memoryStorage, type StoredTokens, type TokenStorage } from './storage.js';
