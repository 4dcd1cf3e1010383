/**
 * Revocation, checked after the signature and the claims (verification order: ... -> claims ->
 * revocation). Four reasons a valid-looking access token is refused with ERR_JWT_REVOKED:
 * - the global `invalidateBefore` cut-off: sessions begun strictly before it;
 * - the user's epoch (logout-all): sessions begun at or before it (the same second counts as
 *   before, failing closed: a sign-in within the second of a logout-all must be repeated);
 * - its `jti`, revoked by logout until the token's own expiry;
 * - its session (`sid`, the refresh family), revoked by logout or by refresh-token reuse.
 */
import { JoseError } from '../errors.js';
import { formatInstant } from '../lib/time.js';
import type { ResolvedConfig } from './config.js';
import type { AccessState } from './store.js';
import type { AccessClaims } from './types.js';

/** Why a session begun at `signedInAt` is cut off, given the user's epoch (a phrase for messages), or undefined. */
function cutOff<U>(cfg: ResolvedConfig<U>, signedInAt: number, epoch: number | undefined): string | undefined {
  const global = cfg.invalidateBefore();
  if (global !== undefined && signedInAt < global) return `${formatInstant(global)} (invalidateBefore)`;
  if (epoch !== undefined && signedInAt <= epoch) return `${formatInstant(epoch)} (logout from all devices)`;
  return undefined;
}

/**
 * Why a session of `sub` begun at `signedInAt` is cut off (a phrase for messages), or undefined when it is not.
 */
export async function revokedSince<U>(cfg: ResolvedConfig<U>, sub: string, signedInAt: number): Promise<string | undefined> {
  return cutOff(cfg, signedInAt, undefined) ?? cutOff(cfg, signedInAt, await cfg.store.getUserEpoch(sub));
}

function revoked(message: string, reason: string): JoseError {
  return new JoseError('ERR_JWT_REVOKED', message, { reason, hint: 'sign in again' });
}

/** Throws ERR_JWT_REVOKED when the store's answer (or `invalidateBefore`) revokes the token. */
function judge<U>(cfg: ResolvedConfig<U>, claims: AccessClaims, state: AccessState): void {
  // A malformed answer (a store bug) denies rather than grants.
  if (typeof state !== 'object' || state === null || typeof state.revoked !== 'boolean' || typeof state.familyRevoked !== 'boolean'
    || (state.userEpoch !== undefined && typeof state.userEpoch !== 'number')) {
    throw new TypeError('the store answered checkAccess with something other than { revoked, familyRevoked, userEpoch }');
  }
  const cut = cutOff(cfg, claims.auth_time, state.userEpoch);
  if (cut !== undefined) throw revoked(`the token was revoked: its session began before ${cut}`, 'session_revoked');
  if (state.revoked) throw revoked(`the token (jti ${JSON.stringify(claims.jti.slice(0, 64))}) was revoked by logout`, 'jti_revoked');
  if (state.familyRevoked) throw revoked('the token belongs to a session that was ended (logout, or refresh-token reuse)', 'session_revoked');
}

/**
 * Throws (or rejects with) ERR_JWT_REVOKED when the verified access token was revoked; store
 * failures throw or reject (deny). Asked on every request; the store is asked even when the global
 * cut-off already refuses, so a broken store is noticed either way. A store that answers
 * synchronously (the memory store) is judged at once: no promise on the request's path; a promise
 * (or any thenable) is judged when it settles.
 */
export function checkRevocation<U>(cfg: ResolvedConfig<U>, claims: AccessClaims): void | Promise<void> {
  // One store call (checkAccess); a synchronous throw propagates to the caller, which denies.
  const state: unknown = cfg.store.checkAccess({ jti: claims.jti, family: claims.sid, sub: claims.sub });
  if (typeof (state as { then?: unknown } | null)?.then === 'function') {
    return Promise.resolve(state as PromiseLike<AccessState>).then((answer) => judge(cfg, claims, answer));
  }
  judge(cfg, claims, state as AccessState);
}

/** Revokes one access token until its expiry plus the clock tolerance (while a verifier could still accept it). */
export async function revokeAccessToken<U>(cfg: ResolvedConfig<U>, claims: AccessClaims, now: number): Promise<void> {
  const until = claims.exp + cfg.clockTolerance;
  if (until > now) await cfg.store.revokeAccessToken({ jti: claims.jti, sub: claims.sub }, until);
}

/**
 * Ends every session of `sub` begun up to `now`: the epoch outlives the longest session, so no
 * access or refresh token from before can come back.
 */
export async function revokeUserSessions<U>(cfg: ResolvedConfig<U>, sub: string, now: number): Promise<void> {
  await cfg.store.raiseUserEpoch(sub, now, cfg.sessionMaxAge + cfg.accessTtl + cfg.clockTolerance);
}
