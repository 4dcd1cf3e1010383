/**
 * The embedded default {@link AuthStore}: one process, bounded in size, expiry driven by an
 * injectable clock. Atomicity comes from JavaScript's single thread: no method awaits between
 * reading and writing, so `rotateRefresh` is one indivisible step.
 *
 * At the bound it never drops what keeps someone logged out. Eviction order: expired entries, then
 * the oldest refresh-token records (their holders must sign in again: fails closed). Revocations,
 * revoked families and user epochs are never evicted; when the store is full of them, writes throw
 * `ERR_AUTH_UNAVAILABLE`, so new sign-ins and refreshes get 503 until entries expire.
 */
import { joseError } from '../errors.js';
import { invalidOption } from '../errors.js';
import { epochSeconds } from '../lib/time.js';
import type { AccessState, AuthStore, MemoryStoreOptions, RefreshRecord, RotateOutcome, RotateRequest } from './store.js';

/** Keys: `rt:<hash>`, `fam:<family>`, `jti:<jti>`, `epoch:<sub>`; the kind decides eviction. */
type Kind = 'refresh' | 'family' | 'access' | 'epoch';

interface Entry {
  kind: Kind;
  value: number | RefreshRecord;
  /** NumericDate seconds. */
  expiresAt: number;
}

const DEFAULT_MAX_ENTRIES = 100_000;

/**
 * Creates the in-memory store. Correct for a single instance only: a web farm needs a shared store
 * (Redis, a database) implementing {@link AuthStore} with the same atomicity.
 *
 * @example
 * ```ts
 * const store = createMemoryStore({ maxEntries: 10_000 });
 * const auth = createAuth({ ...config, store });
 * ```
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): AuthStore {
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 10) {
    throw invalidOption(`maxEntries must be an integer >= 10; got ${String(maxEntries)}`, 'pass maxEntries: 100000 (the default) or another bound of at least 10');
  }
  const clock = options.now;
  // Read on every authenticated request: without an injected clock, no Date is allocated.
  const now = clock === undefined ? (): number => epochSeconds() : (): number => epochSeconds(clock());
  const entries = new Map<string, Entry>();

  const live = (key: string, at?: number): Entry | undefined => {
    const e = entries.get(key);
    if (e !== undefined && e.expiresAt <= (at ?? now())) {
      entries.delete(key);
      return undefined;
    }
    return e;
  };

  const makeRoom = (key: string): void => {
    if (entries.has(key) || entries.size < maxEntries) return;
    const t = now();
    for (const [k, e] of entries) if (e.expiresAt <= t) entries.delete(k);
    if (entries.size < maxEntries) return;
    // Map iteration is insertion order: the first refresh record found is the oldest one.
    for (const [k, e] of entries) {
      if (e.kind === 'refresh') {
        entries.delete(k);
        return;
      }
    }
    throw joseError('ERR_AUTH_UNAVAILABLE', `the in-memory auth store is full: ${entries.size} unexpired revocations and epochs (maxEntries ${maxEntries}); it refuses to drop one`, {
      hint: 'raise maxEntries, shorten token lifetimes, or use a shared store (Redis) for this load',
      reason: 'store_full',
    });
  };

  const put = (key: string, kind: Kind, value: Entry['value'], expiresAt: number): void => {
    makeRoom(key);
    entries.delete(key); // re-insert so insertion order tracks recency
    entries.set(key, { kind, value, expiresAt });
  };

  /** Marks `key` revoked until `until`, never shortening a revocation already there. */
  const revoke = (key: string, kind: 'family' | 'access', until: number): void => {
    const t = now();
    const expiresAt = Math.max(until, live(key, t)?.expiresAt ?? 0);
    if (expiresAt > t) put(key, kind, 1, expiresAt);
  };

  const rotate = (req: RotateRequest): RotateOutcome => {
    const entry = live(`rt:${req.hash}`);
    if (entry === undefined) return { status: 'missing' };
    const record = entry.value as RefreshRecord;
    if (live(`fam:${record.family}`) !== undefined) return { status: 'revoked', record: { ...record } };
    if (record.usedAt === undefined) {
      put(`rt:${req.child.hash}`, 'refresh', { ...req.child }, req.child.expiresAt);
      record.usedAt = req.now;
      return { status: 'rotated', record: { ...record }, grace: false };
    }
    const uses = record.graceUses ?? 0;
    // Grace 0 means none; otherwise whole seconds, so the window is graceSeconds to graceSeconds + 1.
    if (req.graceSeconds > 0 && req.now - record.usedAt <= req.graceSeconds && uses < req.maxGraceUses) {
      put(`rt:${req.child.hash}`, 'refresh', { ...req.child }, req.child.expiresAt);
      record.graceUses = uses + 1;
      return { status: 'rotated', record: { ...record }, grace: true };
    }
    revoke(`fam:${record.family}`, 'family', record.familyExpiresAt);
    return { status: 'reused', record: { ...record } };
  };

  return {
    async insertRefresh(record) {
      put(`rt:${record.hash}`, 'refresh', { ...record }, record.expiresAt);
    },
    async findRefresh(hash) {
      const e = live(`rt:${hash}`);
      return e === undefined ? undefined : { ...(e.value as RefreshRecord) };
    },
    async rotateRefresh(request) {
      return rotate(request);
    },
    // One process needs no sharding: families and jtis are unique, so `sub` is not part of the key.
    async revokeFamily({ family }, until) {
      revoke(`fam:${family}`, 'family', until);
    },
    async isFamilyRevoked({ family }) {
      return live(`fam:${family}`) !== undefined;
    },
    async revokeAccessToken({ jti }, until) {
      revoke(`jti:${jti}`, 'access', until);
    },
    async isAccessTokenRevoked({ jti }) {
      return live(`jti:${jti}`) !== undefined;
    },
    // One synchronous read of the three entries: a consistent snapshot, answered synchronously (the
    // interface allows it for this one method), so an authenticated request costs no promise here.
    checkAccess(query): AccessState {
      const t = now();
      const epoch = live(`epoch:${query.sub}`, t);
      return {
        revoked: live(`jti:${query.jti}`, t) !== undefined,
        familyRevoked: live(`fam:${query.family}`, t) !== undefined,
        userEpoch: epoch === undefined ? undefined : (epoch.value as number),
      };
    },
    async getUserEpoch(sub) {
      const e = live(`epoch:${sub}`);
      return e === undefined ? undefined : (e.value as number);
    },
    async raiseUserEpoch(sub, epoch, ttlSeconds) {
      const current = live(`epoch:${sub}`);
      const value = Math.max(epoch, (current?.value as number | undefined) ?? 0);
      const expiresAt = Math.max(now() + Math.ceil(ttlSeconds), current?.expiresAt ?? 0);
      put(`epoch:${sub}`, 'epoch', value, expiresAt);
    },
  };
}
