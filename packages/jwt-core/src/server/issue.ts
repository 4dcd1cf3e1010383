/**
 * Issuing sessions: the user's claims from `claims(user)` plus the claims this layer owns (`iat`,
 * `exp`, `jti`, `sid`, `auth_time`, `iss`, `aud`), the signed access token, and its delivery with the
 * refresh token. Sign-in, the bearer refresh and the cookie refresh all go through {@link issueSession}.
 */
import { invalidOption } from '../errors.js';
import { randomBytes } from '../lib/backends/runtime.js';
import { encodeBase64url } from '../lib/base64url.js';
import { DEFAULT_LIMITS } from '../lib/limits.js';
import type { AuthContext } from './context.js';
import { deliverSession } from './deliver.js';
import type { AccessClaims, AuthRequest, RefreshRecord, UserClaims } from './types.js';

/** Claims the layer sets itself; `claims(user)` may not return them. */
const OWNED = ['iss', 'aud', 'exp', 'nbf', 'iat', 'jti', 'sid', 'auth_time'];

const CLAIMS_HINT = 'return { sub: user.id, roles?: string[], permissions?: string[], ...small extra claims } from claims(user)';

/** `claims(user)` checked: a plain object with a non-empty string `sub`, string-array roles/permissions, no owned claim. */
export async function userClaims<User>(ctx: AuthContext<User>, user: User): Promise<UserClaims> {
  const c = await ctx.cfg.claims(user);
  if (typeof c !== 'object' || c === null || Array.isArray(c)) throw invalidOption('claims(user) must return an object such as { sub: user.id, roles: user.roles }', CLAIMS_HINT);
  if (typeof c.sub !== 'string' || c.sub === '' || c.sub.length > 255) throw invalidOption('claims(user) must return a sub: the user id as a string of 1 to 255 characters', CLAIMS_HINT);
  for (const name of ['roles', 'permissions'] as const) {
    const v = c[name];
    if (v !== undefined && !(Array.isArray(v) && v.every((x) => typeof x === 'string'))) throw invalidOption(`claims(user).${name} must be an array of strings`, CLAIMS_HINT);
  }
  const owned = OWNED.filter((n) => Object.prototype.hasOwnProperty.call(c, n));
  if (owned.length > 0) throw invalidOption(`claims(user) returned ${owned.join(', ')}, which the auth layer sets itself; remove them`, CLAIMS_HINT);
  return c;
}

/** A signed access token for the session of `record`, and its claims. */
async function issueAccess<User>(
  ctx: AuthContext<User>, claims: UserClaims, record: RefreshRecord, now: number,
): Promise<{ token: string; claims: AccessClaims }> {
  if (claims.sub !== record.sub) {
    throw invalidOption(`claims(user) returned sub ${JSON.stringify(claims.sub.slice(0, 64))} for the session of ${JSON.stringify(record.sub.slice(0, 64))}`, 'claims(user).sub must be the id loadUser is called with');
  }
  const body = { ...claims, iat: now, jti: encodeBase64url(randomBytes(16)), sid: record.family, auth_time: record.signedInAt };
  const token = await ctx.jose.sign(body);
  if (token.length > DEFAULT_LIMITS.maxTokenLength) {
    // Issuing it would lock the user out: every verifier refuses tokens this long.
    throw invalidOption(`the access token for sub ${JSON.stringify(claims.sub.slice(0, 64))} is ${token.length} characters; verifiers refuse more than ${DEFAULT_LIMITS.maxTokenLength}`, 'put fewer claims in claims(user): keep ancillary data server-side');
  }
  const { cfg } = ctx;
  const full: AccessClaims = { ...body, iss: cfg.issuer, aud: typeof cfg.audience === 'string' ? cfg.audience : [...cfg.audience], exp: now + Math.floor(cfg.accessTtl) };
  return { token, claims: full };
}

/** What a new or renewed session needs. */
export interface SessionGrant<User> {
  user: User;
  /** The refresh token of the session of `sub`: a new family at sign-in, the rotated child on refresh. */
  refresh(sub: string): { token: string; record: RefreshRecord };
}

/** An issued session: the access token's claims, the refresh record, the headers to send (Set-Cookie) and the JSON body. */
export interface IssuedSession {
  claims: AccessClaims;
  record: RefreshRecord;
  headers: Headers;
  body: Record<string, unknown>;
}

/**
 * The one session-issuing sequence: claims from `claims(user)` → refresh token → access token →
 * delivery per transport (cookies, or the JSON body). `present` are the cookies the request carried.
 */
export async function issueSession<User>(
  ctx: AuthContext<User>, request: AuthRequest, grant: SessionGrant<User>, present: ReadonlyMap<string, string>, now: number,
): Promise<IssuedSession> {
  const claims = await userClaims(ctx, grant.user);
  const refresh = grant.refresh(claims.sub);
  const access = await issueAccess(ctx, claims, refresh.record, now);
  // The response carries tokens: no cache may keep it (RFC 9111 §5.2.2.5).
  const headers = new Headers({ 'cache-control': 'no-store' });
  const body = deliverSession(ctx, request, { access: access.token, claims: access.claims, refresh: refresh.token, record: refresh.record }, headers, present, now);
  return { claims: access.claims, record: refresh.record, headers, body };
}
