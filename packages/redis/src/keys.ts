/**
 * The key layout. Every key of a store is `{<keyPrefix>}<kind>:<id>`: the prefix in braces is the
 * Redis Cluster hash tag, so all of a store's keys live in one hash slot and every script and the
 * one-command `checkAccess` (an MGET of a token's jti, its family and its user) are cluster-safe
 * (https://redis.io/docs/latest/operate/oss_and_stack/reference/cluster-spec/#hash-tags).
 *
 * Why one slot, not one per family or user: `checkAccess` reads a jti, a family and a user epoch
 * in one round trip, but `revokeAccessToken` is given only the jti and `raiseUserEpoch` only the
 * user, so no smaller tag can put the three in one slot (see the README, "Key layout").
 */

/** The keys of one store. */
export interface Keys {
  /** A refresh token's record (a hash), by the token's SHA-256. */
  refresh(hash: string): string;
  /** A revoked family (session): its `until`. */
  family(family: string): string;
  /** A revoked access token: its `until`. */
  access(jti: string): string;
  /** A user's epoch (logout-all): `"<epoch> <expiresAt>"`. */
  epoch(sub: string): string;
  /** The SCAN pattern matching every key of the store. */
  readonly pattern: string;
}

/** The layout for a validated prefix (letters, digits, `:_.-`: no brace, no glob character). */
export function createKeys(keyPrefix: string): Keys {
  const base = `{${keyPrefix}}`;
  return {
    refresh: (hash) => `${base}rt:${hash}`,
    family: (family) => `${base}fam:${family}`,
    access: (jti) => `${base}jti:${jti}`,
    epoch: (sub) => `${base}epoch:${sub}`,
    pattern: `${base}*`,
  };
}
