/**
 * How many refreshes each session has seen, for the dashboard's token timeline: the session store
 * wrapped so that every rotation it performs (`rotateRefresh` answering `rotated`) is counted under
 * the session's id (`sid`, the refresh token's family). The count lives in this process's memory:
 * with REDIS_URL and several instances, each counts the refreshes it performed itself.
 */

/** Sessions remembered at most; the oldest is forgotten first (a counter is display only). */
const MAX_SESSIONS = 10_000;

/**
 * Wraps `store` (an AuthStore); resolves nothing, changes no answer of the store. Returns `{ store,
 * refreshes }`: pass `store` to createAuth, and `refreshes(sid)` is the count for one session.
 *
 * @example
 * ```js
 * const counted = countRefreshes(sessions.store);
 * const auth = createAuth({ ...options, store: counted.store });
 * counted.refreshes(claims.sid); // 0 after sign-in, 1 after the first refresh, ...
 * ```
 */
export function countRefreshes(store) {
  const counts = new Map();
  const wrapped = new Proxy(store, {
    get(target, name) {
      if (name !== 'rotateRefresh') {
        const value = Reflect.get(target, name, target);
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return async (request) => {
        const outcome = await target.rotateRefresh(request);
        if (outcome.status === 'rotated') {
          const family = outcome.record.family;
          const count = (counts.get(family) ?? 0) + 1;
          counts.delete(family); // re-inserted last: the Map's order is the eviction order
          counts.set(family, count);
          if (counts.size > MAX_SESSIONS) counts.delete(counts.keys().next().value);
        }
        return outcome;
      };
    },
  });
  return { store: wrapped, refreshes: (sid) => counts.get(sid) ?? 0 };
}
