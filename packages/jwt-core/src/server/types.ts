/**
 * Public types of `@tessera/jwt-core/server`: the token life cycle (sign-in, access tokens, refresh
 * tokens, logout, revocation) on Web-standard `Request`/`Response`. Adapters (`@tessera/node`,
 * Koa, Next.js) translate their framework objects to these and back; they hold no auth logic.
 */
import type { JoseError } from '../errors.js';
import type { Key } from '../jwk/key.js';
import type { JwkSet } from '../jwk/types.js';
import type { KeySet } from '../jwks/types.js';
import type { Duration, JwsAlgorithm, JwtClaims } from '../types.js';

/**
 * How tokens travel between server and client.
 * - `cookie`: HttpOnly access and refresh cookies; transparent refresh in `authenticate`. For browsers.
 * - `bearer`: tokens in the JSON body of login/refresh; requests send `Authorization: Bearer`. For API clients.
 * - `split`: `header.payload` of the access token in a cookie page scripts can read, its signature in
 *   an HttpOnly cookie; the two are joined on read. Scripts see the claims but cannot steal a usable token.
 */
export type Transport = 'cookie' | 'bearer' | 'split';

/** A key ring (one signing key plus verify-only keys) as produced by `createKeyRing`. */
export interface SigningKeyRing extends KeySet {
  /** The key new tokens are signed with. */
  readonly signingKey: Key;
}

/** The claims `claims(user)` returns: `sub` is required; `roles`/`permissions` feed `auth.require`. */
export interface UserClaims {
  /** The user's stable id; `loadUser(sub)` is called with it on every refresh. */
  sub: string;
  /** Role names checked by `auth.require(request, { roles })`. */
  roles?: string[];
  /** Permission names checked by `auth.require(request, { permissions })`. */
  permissions?: string[];
  [claim: string]: unknown;
}

/** The verified claims of an access token issued by this layer. */
export interface AccessClaims extends JwtClaims {
  sub: string;
  iat: number;
  exp: number;
  jti: string;
  /** Session id: the refresh-token family this access token belongs to (revoked by logout). */
  sid: string;
  /** When the user signed in (OIDC `auth_time`); logout-all and `invalidateBefore` compare against it. */
  auth_time: number;
  roles?: string[];
  permissions?: string[];
}

/** Credentials taken from a login request (JSON body, form body, or HTTP Basic; RFC 7617). */
export interface Credentials {
  username: string;
  password: string;
}

/** Where warnings go (large tokens, development settings). Defaults to `console`. */
export interface AuthLogger {
  warn(message: string): void;
}

/** Cookie settings. Every member has a secure default. */
export interface AuthCookieOptions {
  /**
   * `Secure` attribute. Default `'auto'`: Secure, except when the public origin (`origin` option, or
   * the request's URL when `origin` is unset) is `http://localhost`, `http://127.0.0.1` or
   * `http://[::1]` (development). `true` with a plain-http public origin throws at start-up unless
   * `trustProxy` is set.
   */
  secure?: boolean | 'auto';
  /** Default `'Lax'`. `'None'` forces `Secure`. */
  sameSite?: 'Strict' | 'Lax' | 'None';
  /** Optional `Domain`; when set, the `__Host-` prefix cannot be used. */
  domain?: string;
  /** Use the `__Host-` prefix when the cookie is Secure, has no Domain and Path=/ (default true). */
  hostPrefix?: boolean;
  /**
   * `Path` of the refresh cookie (default: `basePath`, so it reaches refresh, logout and session but
   * not the app). Set `'/'` to let `authenticate` refresh transparently on every route, at the cost of
   * sending the refresh token with every request.
   */
  refreshPath?: string;
  /** Cookie base names (defaults `tessera-at`, `tessera-rt`, `tessera-as` for the split signature). */
  names?: { access?: string; refresh?: string; signature?: string };
  /** Bytes of token per cookie before it is split into numbered chunks (default 3800). */
  chunkSize?: number;
  /** Most chunks accepted or written per token (default 5). */
  maxChunks?: number;
}

/** Optional extra places to find the access token. All off by default. */
export interface TokenSourceOptions {
  /** Query parameter name (e.g. `access_token`, for EventSource/WebSocket; RFC 6750 §2.3 discourages it). */
  queryParam?: string;
  /** Form field name in `application/x-www-form-urlencoded` POST bodies (RFC 6750 §2.2). */
  formField?: string;
  /** An alternative header carrying `Bearer <token>` or the bare token, for proxies that strip `Authorization`. */
  header?: string;
}

/** Configuration of {@link createAuth}. */
export interface AuthConfig<User = unknown> {
  /** A key ring (`createKeyRing`) or one signing key. HMAC secrets are never published in the JWKS. */
  keys: SigningKeyRing | Key;
  /** Signing algorithm; defaults to the signing key's bound `alg`. Verification allows only this one. */
  algorithm?: JwsAlgorithm;
  /** `iss` of issued tokens, and the only issuer accepted. */
  issuer: string;
  /** `aud` of issued tokens, and the audience(s) accepted. */
  audience: string | readonly string[];
  /** Access-token lifetime (default `'10m'`). */
  accessTokenTtl?: Duration;
  /** Refresh-token lifetime, renewed by each rotation (default `'14d'`). */
  refreshTokenTtl?: Duration;
  /** Absolute lifetime of a sign-in across rotations (default `'30d'`); then the user signs in again. */
  sessionMaxAge?: Duration;
  /** Leeway for `exp`/`nbf`/`iat` (default `'5s'`). */
  clockTolerance?: Duration;
  /** Checks credentials; returns the user or `null`. Only called by `POST {basePath}/login`. */
  authenticate(credentials: Credentials, request: Request): User | null | Promise<User | null>;
  /** Re-reads the user by `sub` on every refresh; `null` (locked, deleted) refuses and revokes the session. */
  loadUser(sub: string): User | null | Promise<User | null>;
  /** What goes in the access token. Keep it small: a warning is logged when a token grows large. */
  claims(user: User): UserClaims | Promise<UserClaims>;
  /** Refresh tokens, revocations, user epochs. Default: a bounded in-memory store (single instance only). */
  store?: AuthStore;
  /** Default `'cookie'`. */
  transport?: Transport;
  /** Base path of the endpoints (default `'/auth'`). */
  basePath?: string;
  /** Path of the public JWKS, or `false` to not serve it (default `'/.well-known/jwks.json'`). */
  jwksPath?: string | false;
  /** The public origin of the app (e.g. `https://app.example.com`): decides `Secure`, and is allowed for CSRF. */
  origin?: string;
  /** Origins allowed to make state-changing cookie-authenticated requests (CSRF). `origin` is always included. */
  allowedOrigins?: readonly string[];
  /** The app runs behind a TLS-terminating proxy whose adapter rewrites the request URL scheme. */
  trustProxy?: boolean;
  cookies?: AuthCookieOptions;
  tokenSources?: TokenSourceOptions;
  /** Tokens (access and refresh) issued before this instant are refused with ERR_JWT_REVOKED. */
  invalidateBefore?: Date | (() => Date | undefined);
  /** Window after a refresh token's first use in which a second use is a second tab, not theft (default `'10s'`). */
  refreshReuseGrace?: Duration;
  /** Children a refresh token may mint within the grace window (parallel requests, tabs; default 8). */
  refreshReuseGraceUses?: number;
  /** Largest login/logout request body read, in bytes (default 16384). */
  maxBodyBytes?: number;
  /** Size of the Set-Cookie/Authorization material above which a warning is logged (default 6144 bytes). */
  warnTokenBytes?: number;
  /** The clock. Inject in tests to expire tokens without waiting. */
  now?: () => Date;
  logger?: AuthLogger;
}

/** Success of `auth.authenticate` / `auth.require`. */
export interface AuthSuccess {
  ok: true;
  claims: AccessClaims;
  /** Headers the adapter must add to the response (Set-Cookie after a transparent refresh; may be empty). */
  headers: Headers;
}

/** Failure of `auth.authenticate` / `auth.require`: the error and the ready 401/403/503 response. */
export interface AuthFailure {
  ok: false;
  error: JoseError;
  response: Response;
}

export type AuthResult = AuthSuccess | AuthFailure;

/** What `auth.require` checks: every listed role and every listed permission must be in the claims. */
export interface Requirement {
  roles?: readonly string[];
  permissions?: readonly string[];
}

/** The object {@link createAuth} returns. */
export interface Auth {
  /** Serves the endpoints; `null` when the request is not for one of them (the app handles it). */
  handle(request: Request): Promise<Response | null>;
  /** Finds, verifies and revocation-checks the access token; in cookie modes refreshes it transparently. */
  authenticate(request: Request): Promise<AuthResult>;
  /** `authenticate` plus role/permission checks: 401 when unauthenticated, 403 without the right. */
  require(request: Request, requirement?: Requirement): Promise<AuthResult>;
  /** Revokes every session of `sub` on every device (what `POST logout-all` does), e.g. on password change. */
  revokeUser(sub: string): Promise<void>;
  /** The public JWKS served at `jwksPath`. */
  jwks(): JwkSet;
  /** The resolved transport, for adapters and diagnostics. */
  readonly transport: Transport;
  /** The resolved base path. */
  readonly basePath: string;
}

// ---------------------------------------------------------------- store

/**
 * One refresh token as stored: never the token itself, only its SHA-256 (base64url). Times are
 * NumericDate seconds.
 */
export interface RefreshRecord {
  /** base64url(SHA-256(token)). */
  hash: string;
  /** The sign-in this token descends from; also the access tokens' `sid`. */
  family: string;
  sub: string;
  /** When the family began (the sign-in); logout-all and `invalidateBefore` compare against it. */
  signedInAt: number;
  issuedAt: number;
  /** This token's own expiry. */
  expiresAt: number;
  /** The family's absolute expiry (`sessionMaxAge` after sign-in); children never outlive it. */
  familyExpiresAt: number;
  /** When it was first rotated (used); absent while unused. */
  usedAt?: number;
  /** Children minted from it within the grace window after its first use. */
  graceUses?: number;
}

/** Outcome of {@link AuthStore.rotateRefresh}. */
export type RotateOutcome =
  /** Unknown or expired token. Nothing was written. */
  | { status: 'missing' }
  /** The family was revoked. Nothing was written. */
  | { status: 'revoked'; record: RefreshRecord }
  /** First use (or an allowed use within the grace window): `child` was stored, `record` marked used. */
  | { status: 'rotated'; record: RefreshRecord; grace: boolean }
  /** Reuse outside the grace rule (theft): the whole family was revoked, nothing minted. */
  | { status: 'reused'; record: RefreshRecord };

/** Arguments of {@link AuthStore.rotateRefresh}. */
export interface RotateRequest {
  /** Hash of the presented token. */
  hash: string;
  /** The new token to store if rotation is allowed (same `family`). */
  child: RefreshRecord;
  /** The current time (NumericDate seconds). */
  now: number;
  /** Grace window after `usedAt`, in seconds. */
  graceSeconds: number;
  /** Most children minted within the grace window per token. */
  maxGraceUses: number;
}

/**
 * The state behind the auth layer. Every method is async so a shared store (Redis, a database) can
 * implement it; a single in-process store is only correct for a single instance. Times are NumericDate
 * seconds. Atomicity requirements are stated per method; for Redis, a MULTI/EXEC or a Lua script.
 */
export interface AuthStore {
  /** A value, or undefined when absent or expired. */
  get(key: string): Promise<string | undefined>;
  /** Sets a value that expires after `ttlSeconds`. Must not silently drop the write: throw when it cannot keep it. */
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Stores a new refresh token (sign-in); expires at `record.expiresAt`. */
  insertRefresh(record: RefreshRecord): Promise<void>;
  /** The refresh record for a hash, or undefined (logout uses it to find the family). */
  findRefresh(hash: string): Promise<RefreshRecord | undefined>;
  /**
   * ATOMIC (one indivisible step, e.g. one Lua script): look up `hash`; if the family is revoked, return
   * `revoked`; if unused, mark it used at `now` and store `child`; if `graceSeconds > 0`, it was used at
   * most `graceSeconds` ago (`now - usedAt <= graceSeconds`) and fewer
   * than `maxGraceUses` grace children were minted, count one more and store `child`; otherwise revoke
   * the family and return `reused`. Two concurrent calls must never both see the token unused
   * (GHSA-392p-2q2v-4372).
   */
  rotateRefresh(request: RotateRequest): Promise<RotateOutcome>;
  /** Marks the family revoked until `until` (its absolute expiry); every later rotate of a member is `revoked`. */
  revokeFamily(family: string, until: number): Promise<void>;
  /** Whether the family was revoked. */
  isFamilyRevoked(family: string): Promise<boolean>;
  /** The user's epoch: tokens issued before it are revoked (logout-all). */
  getUserEpoch(sub: string): Promise<number | undefined>;
  /** ATOMIC max: raise the user's epoch to `epoch` (never lower it), kept for `ttlSeconds`. */
  raiseUserEpoch(sub: string, epoch: number, ttlSeconds: number): Promise<void>;
}

/** Options of `createMemoryStore`. */
export interface MemoryStoreOptions {
  /** Most entries held (default 100000). Expired entries are evicted first; see `createMemoryStore`. */
  maxEntries?: number;
  /** The clock driving expiry; `createAuth` passes its own `now` to the default store. */
  now?: () => Date;
}

/**
 * The signatures exported by `@tessera/jwt-core/server` (implemented in auth.ts and memory-store.ts):
 * `createAuth<User>(config: AuthConfig<User>): Auth` validates the configuration at start-up (throws
 * ERR_JOSE_INVALID_OPTION) and `createMemoryStore(options?: MemoryStoreOptions): AuthStore`.
 */
export type CreateAuth = <User>(config: AuthConfig<User>) => Auth;
export type CreateMemoryStore = (options?: MemoryStoreOptions) => AuthStore;
