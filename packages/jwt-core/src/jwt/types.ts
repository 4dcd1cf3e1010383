/** Public option and result types of JWT signing, verification and decryption (RFC 7519). */
import type { DecryptJweOptions, EncryptJweOptions } from '../jwe/types.js';
import type { Key } from '../jwk/key.js';
import type { KeyInput } from '../jwks/types.js';
import type { VerifyJwsOptions } from '../jws/types.js';
import type { JwsAlgorithm } from '../lib/algorithms.js';
import type { BackendName } from '../lib/backends/types.js';
import type { Duration } from '../lib/time.js';
import type { JoseHeader } from '../lib/types.js';

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

/**
 * `signJwt(..., { encrypt })`: after signing, encrypt the JWS to the recipient as a nested JWT
 * (RFC 7519 §5.2, §7.1 step 5: the JWE header carries `cty: "JWT"`).
 */
export interface JwtEncryptOptions extends EncryptJweOptions {
  /** The recipient's encryption key (public key, shared secret or password), bound to `alg`. */
  key: Key;
}

/**
 * `verifyJwt(..., { decrypt })`: the token must be a JWE whose plaintext is a signed JWT
 * (`cty: "JWT"`); it is decrypted with these keys and allow-lists, then verified as usual.
 */
export interface JwtDecryptOptions extends Omit<DecryptJweOptions, 'context'> {
  /** The decryption key(s): a private key, a secret, a key set or a resolver (given the verify `context`). */
  keys: KeyInput;
}

/** Options of `decryptJwt`: the decryptJwe options plus the claim checks of verifyJwt. */
export interface DecryptJwtOptions extends DecryptJweOptions, JwtClaimOptions {}
