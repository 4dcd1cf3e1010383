/**
 * Refresh tokens: 32 random bytes (256 bits, base64url), opaque to clients, stored only as their
 * SHA-256 so a leaked store holds nothing usable. Each use rotates the token (RFC 9700 §4.14.2);
 * a token used again outside the grace window revokes its whole family (every token descended from
 * the same sign-in), because one of the two users is a thief and we cannot tell which.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { JoseError } from '../errors.js';
import { randomBytes } from '../lib/backends/runtime.js';
import { encodeBase64url } from '../lib/base64url.js';
import { formatDuration } from '../lib/time.js';
import { utf8 } from '../lib/utf8.js';
import type { ResolvedConfig } from './config.js';
import { revokedSince } from './revocation.js';
import { createSharedRotations, type SharedRotations } from './shared-rotations.js';
import type { RefreshRecord } from './types.js';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** base64url(SHA-256(token)): the only form in which a refresh token is stored. */
export function hashRefreshToken(token: string): string {
  return encodeBase64url(sha256(utf8(token)));
}

/** A fresh random token and its hash. */
function mint(): { token: string; hash: string } {
  const token = encodeBase64url(randomBytes(32));
  return { token, hash: hashRefreshToken(token) };
}

/** A new refresh token, and its record, for `sub` in `family` (created at sign-in, inherited by rotation). */
export function newRefresh<U>(
  cfg: ResolvedConfig<U>, sub: string, now: number, family?: { id: string; signedInAt: number; expiresAt: number },
): { token: string; record: RefreshRecord } {
  const { token, hash } = mint();
  const familyExpiresAt = family?.expiresAt ?? now + cfg.sessionMaxAge;
  return {
    token,
    record: {
      hash, sub,
      family: family?.id ?? encodeBase64url(randomBytes(16)),
      signedInAt: family?.signedInAt ?? now,
      issuedAt: now,
      expiresAt: Math.min(now + cfg.refreshTtl, familyExpiresAt),
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
  if (!TOKEN.test(token)) {
    throw invalid('the refresh token is malformed (expected 43 base64url characters)', 'malformed', 'send the refresh token exactly as the login or refresh response gave it');
  }
  const hash = hashRefreshToken(token);
  // Without a grace window every reuse is theft: nothing is shared.
  if (cfg.graceSeconds === 0) return rotateOnce(cfg, hash, now);
  const shared = sharedOf(cfg);
  const earlier = shared.get(hash, now);
  if (earlier !== undefined) return stillLive(cfg, await earlier);
  const result = rotateOnce(cfg, hash, now);
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
async function rotateOnce<User>(cfg: ResolvedConfig<User>, hash: string, now: number): Promise<Rotated<User>> {
  const found = await cfg.store.findRefresh(hash);
  if (found === undefined) {
    throw invalid('the refresh token is unknown or expired', 'unknown', 'sign in again; refresh tokens expire after refreshTokenTtl and are forgotten after logout');
  }
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
      throw invalid('the refresh token is unknown or expired', 'unknown', 'sign in again');
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
