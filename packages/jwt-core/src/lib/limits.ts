/**
 * Bounds on everything that input controls. Each is enforced before the expensive work it guards
 * (decoding, parsing, crypto), and each can be changed per call through the options that name it.
 */
export const DEFAULT_LIMITS = Object.freeze({
  /** Characters in a compact token. Browsers keep cookies under 4 KB; 16 KiB leaves room for chunked cookies. */
  maxTokenLength: 16_384,
  /** Decoded bytes of a protected header. */
  maxHeaderBytes: 4_096,
  /** Nesting depth of the header and payload JSON. */
  maxJsonDepth: 32,
  /** Keys tried when a token has no `kid` and several keys fit its `alg`. */
  maxKeysTried: 3,
  /** Keys accepted in one key set or JWKS document. */
  maxKeysInSet: 100,
  /** Largest clock tolerance accepted, in seconds (GHSA-687g-22h4-j4w4: an unbounded one disables exp). */
  maxClockTolerance: 3_600,
});

export type Limits = { -readonly [K in keyof typeof DEFAULT_LIMITS]: number };

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
