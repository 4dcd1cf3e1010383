/** Public option and result types of JWS signing and verification (RFC 7515). */
import type { Key } from '../jwk/key.js';
import type { JwsAlgorithm } from '../lib/algorithms.js';
import type { BackendName } from '../lib/backends/types.js';
import type { LimitOptions } from '../lib/limits.js';
import type { JoseHeader } from '../lib/types.js';

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
