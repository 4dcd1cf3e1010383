/**
 * The timing rules of a remote key set, as pure functions of "now" so they are tested with a fake
 * clock. All times are milliseconds since the epoch.
 *
 * - Freshness: the provider's `Cache-Control: max-age` (RFC 9111 §5.2.2.1) minus the `Age` a shared
 *   cache added (RFC 9111 §4.2.3), clamped to [minCacheAge, maxCacheAge]. `no-store`/`no-cache`
 *   count as 0 and so give the minimum: fetching on every verification would be a denial of
 *   service on both sides.
 * - Unknown kid: refetch at once, but at most once per cooldown, so random kids from an attacker
 *   cannot turn into a request storm against the provider.
 * - Failure: retry after an exponential backoff (base doubling to a cap), and keep serving the last
 *   good keys until `maxStale` after they expired.
 */

export interface CachePolicy {
  minCacheAgeMs: number;
  maxCacheAgeMs: number;
  /** Used when the response has no usable `max-age`. */
  defaultCacheAgeMs: number;
  cooldownMs: number;
  maxStaleMs: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
}

/** The mutable fetch state a remote key set keeps. */
export interface FetchState {
  /** When the current keys were fetched; undefined before the first success. */
  fetchedAt: number | undefined;
  /** When the current keys stop being fresh. */
  expiresAt: number;
  /** When the last fetch (successful or not) started. */
  lastAttemptAt: number | undefined;
  /** Failures since the last success. */
  failures: number;
  lastError: { at: number; message: string; error: unknown } | undefined;
}

export function initialState(): FetchState {
  return { fetchedAt: undefined, expiresAt: 0, lastAttemptAt: undefined, failures: 0, lastError: undefined };
}

/** Freshness lifetime in ms granted by a response's headers, clamped to the policy. */
export function freshnessMs(headers: Headers, policy: CachePolicy): number {
  const lifetime = lifetimeFromHeaders(headers);
  const ms = lifetime === undefined ? policy.defaultCacheAgeMs : lifetime * 1000;
  return Math.min(policy.maxCacheAgeMs, Math.max(policy.minCacheAgeMs, ms));
}

/** Seconds of freshness the headers give, or undefined when they say nothing usable. */
export function lifetimeFromHeaders(headers: Headers): number | undefined {
  const cc = headers.get('cache-control');
  if (cc === null) return undefined;
  let maxAge: number | undefined;
  for (const part of cc.split(',')) {
    const [rawName, rawValue] = part.split('=', 2) as [string, string | undefined];
    const name = rawName.trim().toLowerCase();
    if (name === 'no-store' || name === 'no-cache') return 0;
    if (name === 'max-age' && rawValue !== undefined) {
      const value = rawValue.trim().replace(/^"(.*)"$/, '$1');
      if (/^\d+$/.test(value)) maxAge = Number(value);
    }
  }
  if (maxAge === undefined) return undefined;
  const age = Number(headers.get('age') ?? '0');
  return Math.max(0, maxAge - (Number.isFinite(age) && age > 0 ? age : 0));
}

/** Delay after the n-th consecutive failure (n >= 1): base * 2^(n-1), capped. */
export function backoffMs(failures: number, policy: CachePolicy): number {
  if (failures <= 0) return 0;
  return Math.min(policy.backoffMaxMs, policy.backoffBaseMs * 2 ** Math.min(failures - 1, 30));
}

/** The earliest time another fetch may start; 0 when one may start now. */
export function nextAttemptAt(state: FetchState, policy: CachePolicy, reason: 'expired' | 'unknown-kid'): number {
  if (state.lastAttemptAt === undefined) return 0;
  const afterFailure = state.failures > 0 ? state.lastAttemptAt + backoffMs(state.failures, policy) : 0;
  // The cooldown throttles refetches asked for by tokens; an expired cache may refresh at once.
  const afterCooldown = reason === 'unknown-kid' ? state.lastAttemptAt + policy.cooldownMs : 0;
  return Math.max(afterFailure, afterCooldown);
}

/** Whether the cached keys may still be served at `now` (fresh, or stale within maxStale). */
export function servable(state: FetchState, policy: CachePolicy, now: number): boolean {
  return state.fetchedAt !== undefined && now < state.expiresAt + policy.maxStaleMs;
}
