/**
 * The store behind the auth layer: refresh tokens, revocations, user epochs, as domain operations
 * (the store owns its key layout). Public types of `@tessera/jwt-core/server` (re-exported from
 * types.ts). Every method is async so a shared store (Redis, a database) can implement it; each
 * method states what it must do atomically.
 */

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
  /** Children minted from it within the grace window after its first use (absent or 0 before the first). */
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

/** What {@link AuthStore.checkAccess} is asked about one verified access token. */
export interface AccessQuery {
  /** The token's `jti`, as {@link AuthStore.revokeAccessToken} was given it. */
  jti: string;
  /** The token's session (`sid`, its refresh family). */
  family: string;
  /** The token's user (`sub`). */
  sub: string;
}

/**
 * One access token as the revocation methods name it: its `jti`, and its user (`sub`), so a store
 * that shards by user (Redis Cluster) keeps the revocation beside the user's other keys.
 */
export interface AccessTokenRef {
  /** The token's `jti`. */
  jti: string;
  /** The token's user (`sub`). */
  sub: string;
}

/**
 * One session (refresh family) as the revocation methods name it: the family, and its user
 * (`sub`), for a store that shards by user. A family belongs to one user: the auth layer always
 * passes the session's own `sub`.
 */
export interface SessionRef {
  /** The family (the access tokens' `sid`). */
  family: string;
  /** The session's user (`sub`). */
  sub: string;
}

/** The answer of {@link AuthStore.checkAccess}; the auth layer decides from it. */
export interface AccessState {
  /** `isAccessTokenRevoked(jti)`: the token was revoked by logout. */
  revoked: boolean;
  /** `isFamilyRevoked(family)`. */
  familyRevoked: boolean;
  /** `getUserEpoch(sub)`: undefined when the user never logged out everywhere (or it expired). */
  userEpoch: number | undefined;
}

/** Arguments of {@link AuthStore.rotateRefresh}. */
export interface RotateRequest {
  /** Hash of the presented token. */
  hash: string;
  /** The new token to store if rotation is allowed (same `family`). */
  child: RefreshRecord;
  /** The current time (NumericDate seconds). */
  now: number;
  /** Grace window after `usedAt`, in seconds; 0 means no grace. */
  graceSeconds: number;
  /** Most children minted within the grace window per token. */
  maxGraceUses: number;
}

/**
 * The state behind the auth layer, asked in its own words: the core never chooses a key, so each
 * store owns its key layout. Every question about a token or a session also names its user
 * (`sub`), so a sharded store can keep all of one user's entries together (a Redis store puts them
 * in one hash slot per user, and each atomic step and `checkAccess` touch that slot alone); a
 * store may answer a question only for the `sub` the entry was written with.
 *
 * Every method is async so a shared store (Redis, a database) can implement it (`checkAccess` may
 * also answer synchronously); a single in-process
 * store is only correct for a single instance. Times are NumericDate seconds. An entry with an
 * expiry is live while `now < expiry` by the store's clock and gone from `expiry` on; a store
 * keeps no entry without one. Records go in and come out as copies: mutating an argument after the
 * call, or a returned record, never changes what is stored. Writes never drop silently: a store
 * that cannot keep a write throws (the auth layer answers 503), and a store that cannot answer a
 * question throws rather than answer "not revoked". The atomicity each method needs is stated on
 * it; for Redis, one Lua script per atomic step.
 *
 * `@tessera/test-vectors/stores` holds the conformance suite every implementation must pass.
 */
export interface AuthStore {
  /**
   * Stores a new refresh token (sign-in), live until `record.expiresAt`. A single write: it needs
   * no atomicity with anything else (the hash is fresh, 256 random bits).
   */
  insertRefresh(record: RefreshRecord): Promise<void>;
  /**
   * The refresh record for a hash as stored now (with `usedAt` and `graceUses` once rotated), or
   * undefined when unknown or expired. A read; the auth layer uses it to check the session before
   * rotating and, on logout, to find the family.
   */
  findRefresh(hash: string): Promise<RefreshRecord | undefined>;
  /**
   * ATOMIC: one indivisible step (one Lua script), evaluated in this order:
   * 1. `hash` unknown or expired: `missing`; nothing is written.
   * 2. its family revoked: `revoked`; nothing is written (the token is not marked used).
   * 3. unused: mark it used (`usedAt = now`), store `child`: `rotated`, `grace: false`.
   * 4. the grace rule: `graceSeconds > 0`, `now - usedAt <= graceSeconds` and `graceUses` (0 when
   *    absent) below `maxGraceUses`: count one more grace use, store `child`: `rotated`,
   *    `grace: true`. `usedAt` is not moved, so the window is counted from the first use.
   * 5. otherwise (theft is assumed): revoke the family until `record.familyExpiresAt`, store
   *    nothing: `reused`.
   *
   * `record` in the outcome is a copy of the presented token's record after the step. Because the
   * step is atomic, N concurrent calls on one unused token give exactly what N sequential calls
   * give: `1 + maxGraceUses` rotations at most (exactly one with grace 0), then one `reused`, then
   * `revoked` for every later call, since the family is revoked by then (GHSA-392p-2q2v-4372).
   */
  rotateRefresh(request: RotateRequest): Promise<RotateOutcome>;
  /**
   * Revokes the family (a session of `session.sub`) until `until`: every later `rotateRefresh` of
   * a member is `revoked` and `isFamilyRevoked` true. ATOMIC max: a revocation already there is
   * never shortened (the later of the two expiries is kept).
   */
  revokeFamily(session: SessionRef, until: number): Promise<void>;
  /** Whether the family is revoked (until its `until`). A read. */
  isFamilyRevoked(session: SessionRef): Promise<boolean>;
  /**
   * Revokes one access token by its `jti` until `until` (its `exp` plus the clock tolerance):
   * `isAccessTokenRevoked` is true until then. ATOMIC max like `revokeFamily`; an `until` already
   * past writes nothing.
   */
  revokeAccessToken(token: AccessTokenRef, until: number): Promise<void>;
  /** Whether the access token is revoked (until its `until`). A read. */
  isAccessTokenRevoked(token: AccessTokenRef): Promise<boolean>;
  /**
   * Every revocation question about one verified access token in one call, asked on every
   * authenticated request (the store's hot path; a Redis store answers it in one round trip, e.g.
   * one `MGET` or one Lua script). The answer must equal what `isAccessTokenRevoked(query)`,
   * `isFamilyRevoked(query)` and `getUserEpoch(query.sub)` would return at one moment. A
   * store that cannot answer one of them must throw (deny), never report "not revoked". The only
   * method that may answer synchronously: an in-process store (the memory store) returns the state
   * itself, and the auth layer then judges it at once, with no promise on the request's path.
   */
  checkAccess(query: AccessQuery): AccessState | Promise<AccessState>;
  /** The user's epoch (sessions begun at or before it are revoked: logout-all), or undefined. A read. */
  getUserEpoch(sub: string): Promise<number | undefined>;
  /**
   * ATOMIC max: raises the user's epoch to `epoch`, never lowering it, and keeps it at least
   * `ttlSeconds` from now; the expiry never moves earlier either (a lower or shorter raise changes
   * nothing it would weaken).
   */
  raiseUserEpoch(sub: string, epoch: number, ttlSeconds: number): Promise<void>;
}

/** Options of `createMemoryStore`. */
export interface MemoryStoreOptions {
  /** Most entries held (default 100000). Expired entries are evicted first; see `createMemoryStore`. */
  maxEntries?: number;
  /** The clock driving expiry; `createAuth` passes its own `now` to the default store. */
  now?: () => Date;
}

