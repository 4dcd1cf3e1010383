/**
 * Every rejection Tessera makes is a {@link JoseError}: a stable machine-readable `code`, a message
 * that names the exact cause, a `hint` with the likely fix, and structured details.
 *
 * Messages never contain a token, a key or a secret: they name kids, algorithms, claims and times.
 */

/** The stable error codes. New codes are only ever added, never renamed. */
export type JoseErrorCode =
  | 'ERR_JWS_INVALID'
  | 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'
  | 'ERR_JOSE_ALG_NOT_ALLOWED'
  | 'ERR_JOSE_NOT_SUPPORTED'
  | 'ERR_JOSE_INVALID_OPTION'
  | 'ERR_JWT_INVALID'
  | 'ERR_JWT_EXPIRED'
  | 'ERR_JWT_NOT_YET_VALID'
  | 'ERR_JWT_CLAIM_VALIDATION_FAILED'
  | 'ERR_JWK_INVALID'
  | 'ERR_JWKS_NO_MATCHING_KEY'
  | 'ERR_JWKS_INVALID'
  | 'ERR_JWKS_TIMEOUT'
  | 'ERR_JWE_INVALID'
  | 'ERR_JWE_DECRYPTION_FAILED'
  | 'ERR_JWT_REVOKED'
  | 'ERR_TOKEN_MISSING'
  // The auth layer (`@tessera/jwt-core/server`).
  | 'ERR_AUTH_CREDENTIALS_INVALID'
  | 'ERR_AUTH_REFRESH_INVALID'
  | 'ERR_AUTH_REQUEST_INVALID'
  | 'ERR_AUTH_FORBIDDEN'
  | 'ERR_AUTH_UNAVAILABLE'
  // Refusals an adapter makes with the core's toolkit (`@tessera/jwt-core/server`).
  | 'ERR_AUTH_NOT_FOUND'
  | 'ERR_AUTH_INTERNAL';

/** Structured details carried by a {@link JoseError}; every member is optional. */
export interface JoseErrorDetails {
  /** The likely fix, for the developer reading the log. */
  hint?: string;
  /** The claim that failed (`exp`, `aud`, ...). */
  claim?: string;
  /** A short machine-readable reason within the code (`check_failed`, `missing`, `type`, ...). */
  reason?: string;
  /** The `alg` involved. */
  alg?: string;
  /** The `kid` asked for. */
  kid?: string;
  /** The kids that were known when the key was looked up. */
  knownKids?: readonly string[];
  /** The algorithms the caller allowed. */
  allowed?: readonly string[];
  /** The limit that was exceeded and its value. */
  limit?: string;
  /** The error this one wraps (never shown in the message). */
  cause?: unknown;
}

/**
 * The one error class of Tessera.
 *
 * @example
 * ```ts
 * try {
 *   await verifyJwt(token, key, { algorithms: ['HS256'] });
 * } catch (err) {
 *   if (err instanceof JoseError && err.code === 'ERR_JWT_EXPIRED') {
 *     // ask the client to refresh
 *   }
 * }
 * ```
 */
/** Marks a JoseError for every copy of the core in a process (see `Symbol.hasInstance` below). */
const BRAND = Symbol.for('@tessera/jwt-core.JoseError');

export class JoseError extends Error {
  /**
   * `instanceof JoseError` is true for a JoseError of any copy of the core loaded in the process:
   * bundlers give each bundle its own copy (Next.js bundles `proxy.ts` and every route apart), and
   * an auth object made by one copy refuses with errors that the other copy's adapter must know.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
  }

  override readonly name = 'JoseError';
  /** Stable machine-readable code; switch on this, never on the message. */
  readonly code: JoseErrorCode;
  /** The likely fix. */
  readonly hint: string | undefined;
  readonly claim: string | undefined;
  readonly reason: string | undefined;
  readonly alg: string | undefined;
  readonly kid: string | undefined;
  readonly knownKids: readonly string[] | undefined;
  readonly allowed: readonly string[] | undefined;
  readonly limit: string | undefined;

  constructor(code: JoseErrorCode, message: string, details: JoseErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    Object.defineProperty(this, BRAND, { value: true });
    this.code = code;
    this.hint = details.hint;
    this.claim = details.claim;
    this.reason = details.reason;
    this.alg = details.alg;
    this.kid = details.kid;
    this.knownKids = details.knownKids;
    this.allowed = details.allowed;
    this.limit = details.limit;
  }

  /** A plain object for logs and JSON responses: code, message and hint, never key material. */
  toJSON(): { name: string; code: JoseErrorCode; message: string; hint?: string } {
    return this.hint === undefined
      ? { name: this.name, code: this.code, message: this.message }
      : { name: this.name, code: this.code, message: this.message, hint: this.hint };
  }
}

/**
 * What the core passes when it raises an error: the details, with the hint required. Every
 * refusal tells the developer how to fix it (test/lib/hints.test.ts walks the sources for this).
 */
export type RaisedErrorDetails = JoseErrorDetails & { readonly hint: string };

/**
 * Shorthand used across the core: build and return a JoseError (callers `throw` it).
 *
 * @example
 * ```ts
 * throw joseError('ERR_JWS_INVALID', 'header is not valid JSON', { reason: 'json', hint: 'the token was altered in transit' });
 * ```
 */
export function joseError(code: JoseErrorCode, message: string, details: RaisedErrorDetails): JoseError {
  return new JoseError(code, message, details);
}

/**
 * A programmer error in options, reported at the call that passed them, with the fix as hint.
 *
 * @example
 * ```ts
 * throw invalidOption('algorithms is required', "e.g. { algorithms: ['RS256'] }");
 * ```
 */
export function invalidOption(message: string, hint: string): JoseError {
  return new JoseError('ERR_JOSE_INVALID_OPTION', message, { hint });
}
