/**
 * The store conformance suite's types. The suite holds no store: a runner passes a
 * {@link StoreHarness} that builds the store under test, so the core's memory store and every
 * shared store (Redis, a database) run the same cases. The store is typed structurally, after
 * `AuthStore` in `@tessera/jwt-core/server`, with no dependency on the core.
 */

/** One refresh token as stored (`RefreshRecord`). Times are NumericDate seconds. */
export interface StoreRefreshRecord {
  hash: string;
  family: string;
  sub: string;
  signedInAt: number;
  issuedAt: number;
  expiresAt: number;
  familyExpiresAt: number;
  usedAt?: number;
  graceUses?: number;
}

/** Arguments of `rotateRefresh` (`RotateRequest`). */
export interface StoreRotateRequest {
  hash: string;
  child: StoreRefreshRecord;
  now: number;
  graceSeconds: number;
  maxGraceUses: number;
}

/** Outcome of `rotateRefresh` (`RotateOutcome`). */
export type StoreRotateOutcome =
  | { status: 'missing' }
  | { status: 'revoked'; record: StoreRefreshRecord }
  | { status: 'rotated'; record: StoreRefreshRecord; grace: boolean }
  | { status: 'reused'; record: StoreRefreshRecord };

/** Answer of `checkAccess` (`AccessState`). */
export interface StoreAccessState {
  revoked: boolean;
  familyRevoked: boolean;
  userEpoch: number | undefined;
}

/**
 * What the cases call: the `AuthStore` interface of `@tessera/jwt-core/server` (method syntax on
 * purpose: parameters are compared bivariantly, so the core's own type fits).
 */
export interface AuthStoreLike {
  insertRefresh(record: StoreRefreshRecord): Promise<void>;
  findRefresh(hash: string): Promise<StoreRefreshRecord | undefined>;
  rotateRefresh(request: StoreRotateRequest): Promise<StoreRotateOutcome>;
  revokeFamily(session: { family: string; sub: string }, until: number): Promise<void>;
  isFamilyRevoked(session: { family: string; sub: string }): Promise<boolean>;
  revokeAccessToken(token: { jti: string; sub: string }, until: number): Promise<void>;
  isAccessTokenRevoked(token: { jti: string; sub: string }): Promise<boolean>;
  /** May answer synchronously (an in-process store), as `AuthStore.checkAccess` may. */
  checkAccess(query: { jti: string; family: string; sub: string }): StoreAccessState | Promise<StoreAccessState>;
  getUserEpoch(sub: string): Promise<number | undefined>;
  raiseUserEpoch(sub: string, epoch: number, ttlSeconds: number): Promise<void>;
}

/** The clock a case gives its store; it only moves when the case advances it. */
export interface StoreClock {
  now(): Date;
}

/**
 * How a runner builds the store under test. `createStore` is called once per case with that case's
 * clock: the store must take every expiry decision by it (a Redis store maps it, e.g. by scripting
 * its expiry against the clock's time instead of the server's). `cleanup`, when present, runs after
 * every case, passed or failed (e.g. to delete the keys a case wrote). Cases use names of their own
 * (a random prefix per case), so stores may share one database.
 */
export interface StoreHarness {
  createStore(clock: StoreClock): AuthStoreLike | Promise<AuthStoreLike>;
  cleanup?(): Promise<void>;
}

/** The parts of the contract, for grouping. */
export type StoreArea = 'refresh' | 'rotation' | 'revocation' | 'expiry' | 'copies' | 'concurrency';

/** One case: `run` resolves when the store conforms and throws an Error naming what went wrong. */
export interface StoreCase {
  /** Stable, unique: `rotation.grace`, `expiry.epoch`, ... */
  id: string;
  area: StoreArea;
  /** What the store must do, in one line: becomes the test name. */
  title: string;
  run(harness: StoreHarness): Promise<void>;
}
