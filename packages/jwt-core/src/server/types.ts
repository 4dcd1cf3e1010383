/**
 * Public types of `@tessera/jwt-core/server`: the token life cycle (sign-in, access tokens, refresh
 * tokens, logout, revocation) on Web-standard `Request`/`Response`. Adapters (`@tessera/node`,
 * Koa, Next.js) translate their framework objects to these and back; they hold no auth logic.
 */
import type { JoseError } from '../errors.js';
import type { Key } from '../jwk/key.js';
import type { JwkSet } from '../lib/types.js';
import type { KeySet } from '../jwks/types.js';
import type { RemoteKeySetOptions } from '../jwks/remote-options.js';
import type { Duration, JwsAlgorithm, JwtClaims } from '../types.js';
import type { AuthStore, MemoryStoreOptions } from './store.js';

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

/**
 * Where the auth layer reports to the operator. `warn`: internal failures (with their cause),
 * large tokens, development settings. `info`, when present: each refusal of a client request with
 * the operator's hint (the client itself gets a hint written for it). Defaults to `console.warn`
 * only, so refusals are not logged unless you pass an `info`.
 */
export interface AuthLogger {
  warn(message: string): void;
  info?(message: string): void;
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

/** An external identity provider whose access tokens `createAuth` accepts (see `AuthConfig.trustedIssuers`). */
export interface TrustedIssuer {
  /** The provider's `iss`, compared exactly. It must differ from this layer's own `issuer`. */
  issuer: string;
  /** The provider's JWKS endpoint (`https:`; `http:` only on loopback outside production). */
  jwksUrl: string;
  /** The `aud` accepted from this provider (default: this layer's `audience`). */
  audience?: string | readonly string[];
  /** The algorithms accepted from this provider (default `['RS256', 'ES256']`). */
  algorithms?: readonly JwsAlgorithm[];
  /** Caching, staleness and timeout of the JWKS fetches (`createRemoteKeySet`'s options, without `now`). */
  jwks?: Omit<RemoteKeySetOptions, 'now'>;
  /**
   * Whether this provider's `roles` and `permissions` claims are this application's roles and
   * permissions (default false: they are removed, so `require`/`authorize` see none). Enable it only
   * for a provider that issues exactly this application's rights: another issuer's `roles` are its
   * own vocabulary, which its tenants or users may be able to influence.
   */
  trustRoles?: boolean;
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
  /**
   * Refresh tokens, revocations, user epochs (see AuthStore). Default: a bounded in-memory store,
   * correct for a single instance only, so createAuth refuses to start without a store on an Edge
   * runtime and with NODE_ENV=production: pass a shared store there, or `createMemoryStore()` to
   * choose the single-instance store explicitly.
   */
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
  /**
   * The diagnostic endpoint at `<basePath>/diagnostics` for `tessera doctor`: what the server sees
   * of a request (whether Authorization and the cookies arrived, their sizes, the scheme and origin
   * it believes, its clock), never a token, a cookie value or a key. Off by default. `true` turns it
   * on outside production only; in production pass `{ secret }` (32 characters or more), which every
   * diagnostic request must send in `X-Tessera-Diagnostics`.
   */
  diagnostics?: boolean | { secret: string };
  /**
   * External identity providers whose access tokens are accepted too (by `authenticate`, `require`
   * and the adapters), each checked against its own JWKS, `iss`, `aud` and algorithms. The token's
   * `iss` picks the provider; the signature is verified before any claim. Their tokens carry the
   * provider's claims; this layer's revocation (logout, logout-all) does not apply to them. Keys that
   * cannot be served (the JWKS endpoint down past `jwks.maxStale`) deny with 503. At most 16.
   *
   * @example
   * ```ts
   * trustedIssuers: [{ issuer: 'https://login.example.com/', jwksUrl: 'https://login.example.com/jwks', jwks: { timeout: '2s', maxStale: '1h' } }]
   * ```
   */
  trustedIssuers?: readonly TrustedIssuer[];
  /** The clock. Inject in tests to expire tokens without waiting. */
  now?: () => Date;
  logger?: AuthLogger;
}

/**
 * What `auth.authenticate` and `auth.require` read of a request: a Web `Request` is one. An adapter
 * may pass a lighter object instead (no header copy, no URL parsed, no body stream), as
 * `@tessera/node` does; `url` is read only when needed (a query-parameter token source, the CSRF
 * check and cookie policy of the cookie transports), so it may be a lazy getter. The body is needed
 * only by the form-field token source: for a form POST it calls `toRequest()`, and without that
 * method the request is denied with 503 (ERR_AUTH_UNAVAILABLE) rather than the source skipped.
 *
 * @example
 * ```ts
 * const head: AuthRequest = {
 *   method: 'GET',
 *   url: 'https://api.example.com/me',
 *   headers: { get: (name) => (name === 'authorization' ? `Bearer ${token}` : null) },
 * };
 * const result = await auth.authenticate(head);
 * ```
 */
export interface AuthRequest {
  /** The request method, upper case as sent. */
  readonly method: string;
  /** The absolute URL, with the scheme and host the adapter established (trust-proxy rules). */
  readonly url: string;
  /** Header lookup by lower- or mixed-case name; repeated headers joined as `Headers.get` joins them. */
  readonly headers: { get(name: string): string | null };
  /** The full Web `Request`, body included; called at most once, only by paths that read the body. */
  toRequest?(): Request;
}

/** Success of `auth.authenticate` / `auth.require`. */
export interface AuthSuccess {
  ok: true;
  claims: AccessClaims;
  /**
   * Headers the adapter must add to the response (Set-Cookie and Cache-Control after a transparent
   * refresh). When there are none it is a shared, empty, immutable `Headers` (adding to it throws a
   * TypeError): copy it with `new Headers(result.headers)` to add your own.
   */
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

/** Options of `auth.authenticate`. */
export interface AuthenticateOptions {
  /**
   * Whether an expired (or missing) access token may be refreshed transparently with the refresh
   * cookie (default true). Pass `false` where the response cannot carry the new cookies (a
   * Next.js server component): a rotation whose cookies never reach the browser leaves it holding
   * a used refresh token, which is theft once the reuse grace is over. The check is otherwise the
   * full one: signature, claims, revocation.
   */
  refresh?: boolean;
}

/** The object {@link createAuth} returns. */
export interface Auth {
  /** Serves the endpoints; `null` when the request is not for one of them (the app handles it). */
  handle(request: Request): Promise<Response | null>;
  /**
   * Whether a request-target (`/path?query` as received) is one of the endpoints `handle` serves
   * (any method). Adapters ask it first, so application routes skip building a Web `Request`.
   */
  handles(target: string): boolean;
  /**
   * Finds, verifies and revocation-checks the access token; in cookie modes refreshes it
   * transparently (unless `options.refresh` is false). Takes a Web `Request` or an adapter's
   * lighter {@link AuthRequest}.
   */
  authenticate(request: Request | AuthRequest, options?: AuthenticateOptions): Promise<AuthResult>;
  /** `authenticate` plus role/permission checks: 401 when unauthenticated, 403 without the right. */
  require(request: Request | AuthRequest, requirement?: Requirement): Promise<AuthResult>;
  /**
   * The rights check of `require` on claims this layer already verified (`result.claims` of an
   * earlier `authenticate`), without verifying again: for frameworks that authenticate once per
   * request and check rights per route. Synchronous; 403 without the right, with no headers.
   */
  authorize(claims: AccessClaims, requirement?: Requirement): AuthResult;
  /** Revokes every session of `sub` on every device (what `POST logout-all` does), e.g. on password change. */
  revokeUser(sub: string): Promise<void>;
  /** The public JWKS served at `jwksPath`. */
  jwks(): JwkSet;
  /** The resolved transport, for adapters and diagnostics. */
  readonly transport: Transport;
  /** The resolved base path. */
  readonly basePath: string;
}

// ---------------------------------------------------------------- store (store.ts)

export type { AccessQuery, AccessState, AccessTokenRef, AuthStore, MemoryStoreOptions, RefreshRecord, RotateOutcome, RotateRequest, SessionRef } from './store.js';
/**
 * The signatures exported by `@tessera/jwt-core/server` (implemented in auth.ts and memory-store.ts):
 * `createAuth<User>(config: AuthConfig<User>): Auth` validates the configuration at start-up (throws
 * ERR_JOSE_INVALID_OPTION) and `createMemoryStore(options?: MemoryStoreOptions): AuthStore`.
 */
export type CreateAuth = <User>(config: AuthConfig<User>) => Auth;
export type CreateMemoryStore = (options?: MemoryStoreOptions) => AuthStore;
