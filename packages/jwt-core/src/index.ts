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
export { signJws } from './jws/sign.js';
export { verifyJws } from './jws/verify.js';
export { signJwt } from './jwt/sign.js';
export { verifyJwt } from './jwt/verify.js';
export { decodeJwt } from './jwt/decode.js';
export { createSigner } from './jwt/create-signer.js';
export { createVerifier } from './jwt/create-verifier.js';
export type { JwtSigner } from './jwt/sign.js';
export type { JwtVerifier } from './jwt/verify.js';
export type { CreateSignerOptions } from './jwt/create-signer.js';
export type { CreateVerifierOptions } from './jwt/create-verifier.js';
export type { DecodeJwtOptions } from './jwt/decode.js';
export { encryptJwe } from './jwe/encrypt.js';
export { decryptJwe } from './jwe/decrypt.js';
export type { EncryptJweOptions, DecryptJweOptions, DecryptJweResult } from './jwe/types.js';
export { importJwk } from './jwk/import.js';
export type { ImportJwkOptions } from './jwk/import.js';
export { importSecret } from './jwk/import-secret.js';
export type { ImportSecretOptions } from './jwk/import-secret.js';
export { exportJwk } from './jwk/export.js';
export type { ExportJwkOptions } from './jwk/export.js';
export { thumbprint } from './jwk/thumbprint.js';
export type { ThumbprintHash } from './jwk/thumbprint.js';
export { createKeySet } from './jwks/key-set.js';
export type { CreateKeySetOptions } from './jwks/key-set.js';
export { createKeyRing } from './jwks/key-ring.js';
export type { KeyRing, KeyRingOptions, RetiredKey } from './jwks/key-ring.js';
export { createRemoteKeySet } from './jwks/remote.js';
export type { RemoteKeySet, RemoteKeySetOptions, RemoteKeySetStatus } from './jwks/remote.js';
export type { IgnoredKey } from './jwks/remote-keys.js';
export type { FetchLike } from './jwks/remote-fetch.js';
export { fromIssuer } from './jwks/discovery.js';
export type { IssuerKeySet } from './jwks/discovery.js';
export { jwksResponse } from './jwks/publish.js';
export type { JwksResponseOptions } from './jwks/publish.js';
export { generateKeyPair, generateSecret } from './jwk/generate.js';
export type { GenerateKeyPairOptions, GenerateSecretOptions, GeneratedKeyPair } from './jwk/generate.js';
