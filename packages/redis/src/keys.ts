/**
 * The key layout. A user's entries share one Redis Cluster hash slot, and users spread over all
 * of them (https://redis.io/docs/latest/operate/oss_and_stack/reference/cluster-spec/#hash-tags):
 *
 * - `<prefix>{u:<tag>}rt:<hash>`, `…fam:<family>`, `…jti:<jti>`, `…epoch`: the refresh records,
 *   revoked sessions, revoked access tokens and the epoch of the user whose tag is `<tag>`. Every
 *   script and the one-command `checkAccess` (an MGET of a token's jti, its session and its user)
 *   touch one user's slot only, so they run on a cluster unchanged.
 * - `<prefix>{rt:<hash>}`: which user a refresh token belongs to (its tag). `findRefresh` is given
 *   only the token's hash, so it reads this first; it lives in the token's own slot.
 *
 * `<tag>` is 16 base64url characters of SHA-256(sub): a fixed length whatever the `sub`, and no
 * brace from a `sub` can change which part of the key Redis hashes. The ids after the tag keep the
 * keys unique even if two users' tags collided (they would only share a slot).
 */
import { createHash } from 'node:crypto';

/** The keys of one store. */
export interface Keys {
  /** The hash tag of a user's slot, `{u:<16 base64url chars>}`. */
  user(sub: string): string;
  /** A refresh token's record (a hash), in its user's slot. */
  refresh(user: string, hash: string): string;
  /** Which user a refresh token belongs to: its value is the user's tag. */
  owner(hash: string): string;
  /** A revoked family (session): its `until`. */
  family(user: string, family: string): string;
  /** A revoked access token: its `until`. */
  access(user: string, jti: string): string;
  /** A user's epoch (logout-all): `"<epoch> <expiresAt>"`. */
  epoch(user: string): string;
  /** The SCAN pattern matching every key of the store. */
  readonly pattern: string;
}

/** The layout for a validated prefix (letters, digits, `:_.-`: no brace, no glob character). */
export function createKeys(keyPrefix: string): Keys {
  return {
    user: (sub) => `{u:${createHash('sha256').update(sub).digest('base64url').slice(0, 16)}}`,
    refresh: (user, hash) => `${keyPrefix}${user}rt:${hash}`,
    owner: (hash) => `${keyPrefix}{rt:${hash}}`,
    family: (user, family) => `${keyPrefix}${user}fam:${family}`,
    access: (user, jti) => `${keyPrefix}${user}jti:${jti}`,
    epoch: (user) => `${keyPrefix}${user}epoch`,
    pattern: `${keyPrefix}{*`,
  };
}
