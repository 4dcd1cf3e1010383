/**
 * @tessera/jwt-core: JWS/JWT signing and verification, keys and key sets, on Web standards only.
 * The same build runs in Node >= 20, the Edge runtime, Deno, Bun and browsers.
 */
export { JoseError } from './errors.js';
export type { JoseErrorCode, JoseErrorDetails } from './errors.js';
export type * from './types.js';
export type { Key, KeyKind } from './jwk/key.js';
export type { Jwk, JwkSet } from './jwk/types.js';
export type { KeySet, KeyResolver, KeyInput, KeySelection } from './jwks/types.js';
