/**
 * Rotations shared by parallel requests. A page that loads with an expired access token fires its
 * requests at once, each with the same refresh token (a cookie that reaches every route, two
 * tabs, an Edge middleware and its route handlers): rotated one by one, each would mint a child
 * and spend one of the grace rule's uses, and past them the session is revoked as stolen. So in
 * one process, a refresh token presented again within the grace window gets the rotation it
 * already had (the same child, no new token minted); other processes still rely on the store's
 * grace rule. Bounded: at most {@link MAX_SHARED} entries, each kept for the grace window.
 */

/** Most rotations remembered per auth instance. */
export const MAX_SHARED = 10_000;

interface Entry<T> {
  until: number;
  result: Promise<T>;
}

/** The rotations of one auth instance, by the presented token's hash. */
export interface SharedRotations<T> {
  /** The rotation of `hash` if it began within the window (`now < until`). */
  get(hash: string, now: number): Promise<T> | undefined;
  /** Remembers a rotation until `until` (NumericDate); a rotation that fails is forgotten. */
  put(hash: string, until: number, result: Promise<T>): void;
}

export function createSharedRotations<T>(): SharedRotations<T> {
  const entries = new Map<string, Entry<T>>();
  const sweep = (now: number): void => {
    for (const [hash, entry] of entries) if (entry.until <= now) entries.delete(hash);
    // Still full: forget the oldest (insertion order); their callers already have their answer.
    for (const hash of entries.keys()) {
      if (entries.size < MAX_SHARED) break;
      entries.delete(hash);
    }
  };
  return {
    get(hash, now) {
      const entry = entries.get(hash);
      if (entry === undefined) return undefined;
      if (entry.until > now) return entry.result;
      entries.delete(hash);
      return undefined;
    },
    put(hash, until, result) {
      if (entries.size >= MAX_SHARED) sweep(until - 1);
      const entry = { until, result };
      entries.set(hash, entry);
      result.catch(() => {
        if (entries.get(hash) === entry) entries.delete(hash);
      });
    },
  };
}
