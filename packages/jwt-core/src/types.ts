/** Public option and result types of the JWS/JWT operations. */
import type { JwsAlgorithm } from './lib/algorithms.js';
import type { BackendName } from './lib/backends/types.js';
import type { Key } from './jwk/key.js';
import type { JwtDecryptOptions, JwtEncryptOptions } from './jwe/types.js';

export type { JwsAlgorithm, JweKeyAlgorithm, JweContentAlgorithm, Algorithm } from './lib/algorithms.js';
export type { BackendName } from './lib/backends/types.js';

/** A JOSE protected header (RFC 7515 §4). */
export interface JoseHeader {
  alg?: string;
  kid?: string;
  typ?: string;
  cty?: string;
  crit?: string[];
  [parameter: string]: unknown;
}

/** A duration: seconds, or a string such as `'30s'`, `'5m'`, `'2h'`, `'14d'`. */
export type Duration = number | string;

/** Size and count bounds on untrusted input; every member has a safe default (see README "Limits"). */
export interface LimitOptions {
  /** Longest token accepted, in characters (default 16384). Checked before any decoding. */
  maxTokenLength?: number;
  /** Largest decoded protected header, in bytes (default 4096). */
  maxHeaderBytes?: number;
  /** Deepest JSON nesting in header and payload (default 32). */
  maxJsonDepth?: number;
  /** Keys tried for a token without `kid` (default 3). */
  maxKeysTried?: number;
}

export interface SignJwsOptions {
  alg: JwsAlgorithm;
  /** Extra protected header parameters. `alg` cannot be overridden here. */
  header?: Record<string, unknown>;
  /** Force a crypto backend instead of the fastest available. */
  backend?: BackendName;
}

export interface VerifyJwsOptions extends LimitOptions {
  /** Required allow-list of algorithms. The token's `alg` must be in it; `none` is never accepted. */
  algorithms: readonly JwsAlgorithm[];
  /** `crit` extension parameters this caller understands and checks itself (RFC 7515 §4.1.11). Default none. */
  critical?: readonly string[];
  /** Passed to a key resolver function as its second argument. */
  context?: unknown;
  /** Force a crypto backend instead of the fastest available. */
  backend?: BackendName;
}

export interface VerifyJwsResult {
  header: JoseHeader;
  payload: Uint8Array;
  /** The key that verified the signature. */
  key: Key;
}

/** Registered claims (RFC 7519 §4.1) plus any private claims. */
export interface JwtClaims {
  iss?: string;
  sub?: string;
  aud?: string | string[];
  exp?: number;
  nbf?: number;
  iat?: number;
  jti?: string;
  [claim: string]: unknown;
}

export interface SignJwtOptions {
  alg: JwsAlgorithm;
  /** Lifetime from `iat`; sets `exp`. */
  expiresIn?: Duration;
  /** Delay from `iat` before the token is valid; sets `nbf`. */
  notBefore?: Duration;
  issuer?: string;
  audience?: string | readonly string[];
  subject?: string;
  /** A token id, or `true` for a random one. */
  jti?: string | true;
  /** Extra protected header parameters; `typ` defaults to `JWT`. */
  header?: Record<string, unknown>;
  /** The issuing time; defaults to now. */
  currentDate?: Date;
  backend?: BackendName;
  /** Nested JWT: encrypt the signed token to this recipient (JWE with cty "JWT", RFC 7519 §5.2). */
  encrypt?: JwtEncryptOptions;
}

/** The claim checks of verifyJwt (RFC 7519 §4.1), shared with decryptJwt. */
export interface JwtClaimOptions {
  /** Accepted issuer(s): the token's `iss` must equal one of them. */
  issuer?: string | readonly string[];
  /** Accepted audience(s): passes when any of the token's audiences is one of them. */
  audience?: string | readonly string[];
  subject?: string;
  /** Leeway for `exp`, `nbf` and `iat` (default 5 s, at most 1 h). */
  clockTolerance?: Duration;
  /** Refuse tokens whose `iat` is older than this (requires `iat`). */
  maxTokenAge?: Duration;
  /** Claims that must be present. */
  requiredClaims?: readonly string[];
  /** Expected `typ` header (compared per RFC 7515 §4.1.9, `application/` prefix optional). */
  typ?: string;
  /** The time to check against; defaults to now. */
  currentDate?: Date;
}

export interface VerifyJwtOptions extends VerifyJwsOptions, JwtClaimOptions {
  /** Nested JWT: the token must be a JWE (cty "JWT"); decrypt it with these keys and allow-lists, then verify. */
  decrypt?: JwtDecryptOptions;
}

export interface VerifyJwtResult<T extends JwtClaims = JwtClaims> {
  header: JoseHeader;
  payload: T;
  key: Key;
}
