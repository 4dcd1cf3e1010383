/**
 * The store behind the auth layer: refresh tokens, revocations, user epochs. Public types of
 * `@tessera/jwt-core/server` (re-exported from types.ts). Every method is async so a shared store
 * (Redis, a database) can implement it; each method states what it must do atomically.
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

/** What {@link AuthStore.checkAccess} is asked about one verified access token. */
export interface AccessQuery {
  /** The token's revocation key, as logout writes it with `set` (`jti:<jti>`). */
  key: string;
  /** The token's session (`sid`, its refresh family). */
  family: string;
  /** The token's user. */
  sub: string;
}

/** The answer of {@link AuthStore.checkAccess}; the auth layer decides from it. */
export interface AccessState {
  /** Whether `key` holds a value (the token was revoked by logout): `get(key) !== undefined`. */
  revoked: boolean;
  /** `isFamilyRevoked(family)`. */
  familyRevoked: boolean;
  /** `getUserEpoch(sub)`: undefined when the user never logged out everywhere. */
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
  /**
   * Optional, recommended: every revocation question about one verified access token in one call,
   * asked on every authenticated request. The answer must equal what `get(query.key)`,
   * `isFamilyRevoked(query.family)` and `getUserEpoch(query.sub)` would return at one moment; a
   * store that cannot answer one of them must throw (deny), never report "not revoked". A Redis
   * store answers it in one round trip (e.g. `MGET` of the three keys, or one Lua script). Without
   * it the auth layer makes the three calls concurrently.
   */
  checkAccess?(query: AccessQuery): Promise<AccessState>;
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

