/**
 * Refresh tokens: 32 random bytes (256 bits, base64url) and their expiry (refresh-token-format.ts),
 * stored only as their SHA-256 so a leaked store holds nothing usable. Each use rotates the token (RFC 9700 §4.14.2);
 * a token used again outside the grace window revokes its whole family (every token descended from
 * the same sign-in), because one of the two users is a thief and we cannot tell which.
 */
import { JoseError } from '../errors.js';
import { randomBytes } from '../lib/backends/runtime.js';
import { encodeBase64url } from '../lib/base64url.js';
import { formatDuration } from '../lib/time.js';
import type { ResolvedConfig } from './config.js';
import { hashRefreshToken, mintRefreshToken, readRefreshToken, type PresentedRefresh } from './refresh-token-format.js';
import { revokedSince } from './revocation.js';
import { createSharedRotations, type SharedRotations } from './shared-rotations.js';
import type { RefreshRecord } from './types.js';

export { hashRefreshToken, readRefreshToken } from './refresh-token-format.js';

/** A new refresh token, and its record, for `sub` in `family` (created at sign-in, inherited by rotation). */
export function newRefresh<U>(
  cfg: ResolvedConfig<U>, sub: string, now: number, family?: { id: string; signedInAt: number; expiresAt: number },
): { token: string; record: RefreshRecord } {
  const familyExpiresAt = family?.expiresAt ?? now + cfg.sessionMaxAge;
  const expiresAt = Math.min(now + cfg.refreshTtl, familyExpiresAt);
  const { token, hash } = mintRefreshToken(expiresAt);
  return {
    token,
    record: {
      hash, sub,
      family: family?.id ?? encodeBase64url(randomBytes(16)),
      signedInAt: family?.signedInAt ?? now,
      issuedAt: now,
      expiresAt,
      familyExpiresAt,
    },
  };
}

function invalid(message: string, reason: string, hint: string): JoseError {
  return new JoseError('ERR_AUTH_REFRESH_INVALID', message, { reason, hint });
}

function revoked(message: string, reason: string, hint: string): JoseError {
  return new JoseError('ERR_JWT_REVOKED', message, { reason, hint });
}

/**
 * The refusal for a token the store does not hold. A store drops a record at its `expiresAt`, so
 * "not found" covers both an expired token and one the store never had; the token's own expiry
 * tells them apart. Tokens of the earlier format carry none, so for them it stays "unknown or expired".
 */
function notInStore<User>(cfg: ResolvedConfig<User>, presented: PresentedRefresh, now: number): JoseError {
  if (presented.expiresAt === undefined) {
    return invalid('the refresh token is unknown or expired (it has the earlier format, which does not carry its expiry)', 'unknown',
      `sign in again; refresh tokens expire after refreshTokenTtl (${formatDuration(cfg.refreshTtl)})`);
  }
  if (presented.expiresAt <= now) return expired(cfg, presented.expiresAt, now);
  return invalid('the refresh token is unknown: it has not expired, and the store holds no record of it', 'unknown',
    'sign in again. It was not issued by this deployment (another environment, or instances that do not share one store), '
    + 'or the store lost it (an in-memory store restarted, Redis flushed or evicted keys: use a persistent store with maxmemory-policy noeviction), or it was altered on the way');
}

function expired<User>(cfg: ResolvedConfig<User>, expiresAt: number, now: number): JoseError {
  return invalid(`the refresh token expired at ${new Date(expiresAt * 1000).toISOString()} (${formatDuration(now - expiresAt)} ago)`, 'expired',
    `sign in again. A refresh token lives refreshTokenTtl (${formatDuration(cfg.refreshTtl)}) from its issue and never past sessionMaxAge (${formatDuration(cfg.sessionMaxAge)}) from sign-in; `
    + 'a client idle longer than that must sign in again (raise refreshTokenTtl to keep idle sessions longer)');
}

/** Result of a successful rotation: the new token, its record, and the user as loadUser returned it. */
export interface Rotated<User> {
  token: string;
  record: RefreshRecord;
  user: User;
}

/**
 * Rotates `token`: checks the session (family revoked, logout-all, `invalidateBefore`), re-reads the
 * user with `loadUser` (null: the session is revoked), then rotates atomically in the store. Throws
 * ERR_AUTH_REFRESH_INVALID (unknown, malformed, expired) or ERR_JWT_REVOKED (revoked, reused, user gone);
 * store and callback failures propagate and deny. Within the grace window, the same token presented
 * again in this process gets the same rotation (shared-rotations.ts), while its session is live.
 */
export async function rotateRefresh<User>(cfg: ResolvedConfig<User>, token: string, now: number): Promise<Rotated<User>> {
  const presented = readRefreshToken(token);
  if (presented === undefined) {
    throw invalid('the refresh token is malformed (expected 43 base64url characters, a dot and its expiry)', 'malformed', 'send the refresh token exactly as the login or refresh response gave it');
  }
  // An expired token is refused without asking the store: its record is gone (or going) too.
  if (presented.expiresAt !== undefined && presented.expiresAt <= now) throw expired(cfg, presented.expiresAt, now);
  const hash = hashRefreshToken(token);
  // Without a grace window every reuse is theft: nothing is shared.
  if (cfg.graceSeconds === 0) return rotateOnce(cfg, hash, presented, now);
  const shared = sharedOf(cfg);
  const earlier = shared.get(hash, now);
  if (earlier !== undefined) return stillLive(cfg, await earlier);
  const result = rotateOnce(cfg, hash, presented, now);
  shared.put(hash, now + cfg.graceSeconds, result);
  return result;
}

const sharedByConfig = new WeakMap<object, SharedRotations<Rotated<unknown>>>();

function sharedOf<User>(cfg: ResolvedConfig<User>): SharedRotations<Rotated<User>> {
  let shared = sharedByConfig.get(cfg);
  if (shared === undefined) sharedByConfig.set(cfg, (shared = createSharedRotations()));
  return shared as SharedRotations<Rotated<User>>;
}

/** A shared rotation is handed out again only while its session is live (no logout since). */
async function stillLive<User>(cfg: ResolvedConfig<User>, rotated: Rotated<User>): Promise<Rotated<User>> {
  const { family, sub, signedInAt } = rotated.record;
  if (await cfg.store.isFamilyRevoked({ family, sub })) {
    throw revoked('the refresh token belongs to a revoked session (logout, or reuse detected earlier)', 'family_revoked', 'sign in again');
  }
  const cut = await revokedSince(cfg, sub, signedInAt);
  if (cut !== undefined) throw revoked(`the session was revoked: it began before ${cut}`, 'session_revoked', 'sign in again');
  return rotated;
}

/** One rotation through the store (see {@link rotateRefresh}). */
async function rotateOnce<User>(cfg: ResolvedConfig<User>, hash: string, presented: PresentedRefresh, now: number): Promise<Rotated<User>> {
  const found = await cfg.store.findRefresh(hash);
  if (found === undefined) throw notInStore(cfg, presented, now);
  const cut = await revokedSince(cfg, found.sub, found.signedInAt);
  if (cut !== undefined) {
    await cfg.store.revokeFamily({ family: found.family, sub: found.sub }, found.familyExpiresAt);
    throw revoked(`the session was revoked: it began before ${cut}`, 'session_revoked', 'sign in again');
  }
  const user = await cfg.loadUser(found.sub);
  if (user === null || user === undefined) {
    await cfg.store.revokeFamily({ family: found.family, sub: found.sub }, found.familyExpiresAt);
    throw revoked(`user ${JSON.stringify(found.sub.slice(0, 100))} can no longer refresh: loadUser returned no user (deleted or locked); the session is revoked`, 'user_unavailable', 'the account must be restored before the user can sign in again');
  }
  const next = newRefresh(cfg, found.sub, now, { id: found.family, signedInAt: found.signedInAt, expiresAt: found.familyExpiresAt });
  const outcome = await cfg.store.rotateRefresh({ hash, child: next.record, now, graceSeconds: cfg.graceSeconds, maxGraceUses: cfg.graceUses });
  switch (outcome.status) {
    case 'rotated':
      return { token: next.token, record: next.record, user };
    case 'missing':
      throw notInStore(cfg, presented, now);
    case 'revoked':
      throw revoked('the refresh token belongs to a revoked session (logout, or reuse detected earlier)', 'family_revoked', 'sign in again');
    case 'reused': {
      const ago = outcome.record.usedAt === undefined ? 'before' : `${formatDuration(now - outcome.record.usedAt)} ago`;
      throw revoked(`the refresh token was already used ${ago} (grace window ${formatDuration(cfg.graceSeconds)}, ${cfg.graceUses} extra uses): possible theft, so every token of this session is revoked`, 'reuse_detected',
        'sign in again. Clients must store the new refresh token from each refresh response and never replay an old one');
    }
    default:
      throw new JoseError('ERR_AUTH_UNAVAILABLE', 'the store returned an unknown rotation outcome', { reason: 'internal', hint: 'the AuthStore.rotateRefresh implementation must return one of missing, revoked, rotated, reused' });
  }
}
