/**
 * The normalized case shapes every consumer of the suite works with. They are plain JSON (no
 * Dates, no bytes), so a whole suite can be passed into an isolated VM or over HTTP as text.
 */

/** A JSON Web Key as it appears in the data (public, private or secret members). */
export interface VectorJwk {
  kty: string;
  [member: string]: unknown;
}

/** A JWK Set (RFC 7517 §5). */
export interface VectorJwks {
  keys: VectorJwk[];
}

/**
 * Verification options as JSON. Names match the core's `verifyJwt`/`verifyJws` options, except
 * `currentDate`, which is a NumericDate (seconds since the epoch); {@link toVerifyOptions} turns it
 * into a `Date`.
 */
export interface VerifyOptionsJson {
  algorithms?: string[];
  issuer?: string | string[];
  audience?: string | string[];
  subject?: string;
  typ?: string;
  clockTolerance?: number | string;
  maxTokenAge?: number | string;
  requiredClaims?: string[];
  critical?: string[];
  currentDate?: number;
  maxTokenLength?: number;
  maxHeaderBytes?: number;
  maxJsonDepth?: number;
  maxKeysTried?: number;
  [option: string]: unknown;
}

/** What a verification must produce. */
export type Expectation =
  | {
      ok: true;
      /** JWT: the claims the verifier must return (deep equality). */
      payload?: Record<string, unknown>;
      /** JWS: the payload octets as UTF-8 text. */
      payloadText?: string;
    }
  | {
      ok: false;
      /** The `JoseError` code the verifier must throw. */
      code: string;
      /** The claim the error must name (`error.claim`), for claim errors. */
      claim?: string;
      /** Facts the message must contain (case-insensitive), so that it names the cause: a kid, an alg, a time. */
      messageIncludes?: string[];
    };

/** One verification case: verify `token` with `keys` and `options`, and compare with `expect`. */
export interface VerifyCase {
  /** Unique across the suite, e.g. `rfc7515-A.2` or `neg-alg-none`. */
  id: string;
  /** Where the case comes from: RFC section, advisory IDs, Tessera rule. */
  source: string;
  description: string;
  /** `jws`: verify as a JWS (payload is any octets); `jwt`: verify as a JWT (payload is claims). */
  kind: 'jws' | 'jwt';
  /** The `alg` the token's header claims (or that its signature uses, for malformed headers). */
  alg: string;
  token: string;
  /** Verification keys (public or secret JWKs), each with `alg` set. */
  keys: VectorJwks;
  /** `single`: import `keys.keys[0]` and pass that key; `set`: pass the whole JWKS as a key set. */
  keyMode: 'single' | 'set';
  options: VerifyOptionsJson;
  expect: Expectation;
}

/** A deterministic signing case: signing must reproduce `expectedCompact` exactly. */
export interface SignCase {
  id: string;
  source: string;
  alg: string;
  /** The private or secret JWK, with `alg` set. */
  key: VectorJwk;
  /** The payload as UTF-8 text. */
  payloadText: string;
  /** Protected header members besides `alg`, in the order they appear after `alg`. */
  header: Record<string, unknown>;
  expectedCompact: string;
}

/** A JWK that must import; `publicJwk` is the public form an export must give (when known). */
export interface JwkCase {
  id: string;
  source: string;
  jwk: VectorJwk;
  publicJwk: VectorJwk;
}

/** An RFC 7638 thumbprint. */
export interface ThumbprintCase {
  id: string;
  source: string;
  jwk: VectorJwk;
  /** base64url SHA-256 thumbprint. */
  thumbprint: string;
}

/** A source case the suite does not run, and why (e.g. JSON serialization in a compact-only core). */
export interface SkippedCase {
  id: string;
  reason: string;
}

/** Everything, as one JSON-serializable object. */
export interface VectorSuite {
  rfc: VerifyCase[];
  negative: VerifyCase[];
  signing: SignCase[];
  jwk: JwkCase[];
  thumbprints: ThumbprintCase[];
  skipped: SkippedCase[];
}

/** What a verifier did: returned a result, or threw. */
export type Outcome =
  | { ok: true; payload: unknown; header?: unknown }
  | { ok: false; error: unknown };
