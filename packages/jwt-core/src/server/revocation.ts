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
import type { AccessClaims } from './types.js';

const jtiKey = (jti: string): string => `jti:${jti}`;

/**
 * Why a session begun at `signedInAt` is cut off (a phrase for messages), or undefined when it is not.
 */
export async function revokedSince<U>(cfg: ResolvedConfig<U>, sub: string, signedInAt: number): Promise<string | undefined> {
  const global = cfg.invalidateBefore();
  if (global !== undefined && signedInAt < global) return `${formatInstant(global)} (invalidateBefore)`;
  const epoch = await cfg.store.getUserEpoch(sub);
  if (epoch !== undefined && signedInAt <= epoch) return `${formatInstant(epoch)} (logout from all devices)`;
  return undefined;
}

function revoked(message: string, reason: string): JoseError {
  return new JoseError('ERR_JWT_REVOKED', message, { reason, hint: 'sign in again' });
}

/** Throws ERR_JWT_REVOKED when the verified access token was revoked; store failures propagate (deny). */
export async function checkRevocation<U>(cfg: ResolvedConfig<U>, claims: AccessClaims): Promise<void> {
  const [cut, jti, family] = await Promise.all([
    revokedSince(cfg, claims.sub, claims.auth_time),
    cfg.store.get(jtiKey(claims.jti)),
    cfg.store.isFamilyRevoked(claims.sid),
  ]);
  if (cut !== undefined) throw revoked(`the token was revoked: its session began before ${cut}`, 'session_revoked');
  if (jti !== undefined) throw revoked(`the token (jti ${JSON.stringify(claims.jti.slice(0, 64))}) was revoked by logout`, 'jti_revoked');
  if (family) throw revoked('the token belongs to a session that was ended (logout, or refresh-token reuse)', 'session_revoked');
}

/** Revokes one access token until its expiry (plus the clock tolerance other verifiers allow). */
export async function revokeAccessToken<U>(cfg: ResolvedConfig<U>, claims: AccessClaims, now: number): Promise<void> {
  const ttl = claims.exp - now + cfg.clockTolerance;
  if (ttl > 0) await cfg.store.set(jtiKey(claims.jti), '1', ttl);
}

/**
 * Ends every session of `sub` begun up to `now`: the epoch outlives the longest session, so no
 * access or refresh token from before can come back.
 */
export async function revokeUserSessions<U>(cfg: ResolvedConfig<U>, sub: string, now: number): Promise<void> {
  await cfg.store.raiseUserEpoch(sub, now, cfg.sessionMaxAge + cfg.accessTtl + cfg.clockTolerance);
}
