/**
 * The public types of the JWS/JWT operations, gathered for the package entry (`export type *`).
 * Each is defined in the layer it belongs to; nothing inside src/ imports this file (see the
 * layering rules in .dependency-cruiser.cjs).
 */
export type { JwsAlgorithm, JweKeyAlgorithm, JweContentAlgorithm, Algorithm } from './lib/algorithms.js';
export type { BackendName } from './lib/backends/types.js';
export type { JoseHeader } from './lib/types.js';
export type { Duration } from './lib/time.js';
export type { LimitOptions } from './lib/limits.js';
export type { SignJwsOptions, VerifyJwsOptions, VerifyJwsResult } from './jws/types.js';
export type { JwtClaims, SignJwtOptions, JwtClaimOptions, VerifyJwtOptions, VerifyJwtResult } from './jwt/types.js';
