/**
 * Issuing access tokens: the user's claims from `claims(user)` plus the claims this layer owns
 * (`iat`, `exp`, `jti`, `sid`, `auth_time`, `iss`, `aud`). Also verifying our own access tokens,
 * including the shape of the claims we put in, then the revocation checks.
 */
import { invalidOption, JoseError } from '../errors.js';
import { randomBytes } from '../lib/backends/runtime.js';
import { encodeBase64url } from '../lib/base64url.js';
import { DEFAULT_LIMITS } from '../lib/limits.js';
import type { AuthContext } from './context.js';
import { checkRevocation } from './revocation.js';
import type { AccessClaims, RefreshRecord, UserClaims } from './types.js';

/** Claims the layer sets itself; `claims(user)` may not return them. */
const OWNED = ['iss', 'aud', 'exp', 'nbf', 'iat', 'jti', 'sid', 'auth_time'];

/** `claims(user)` checked: a plain object with a non-empty string `sub`, string-array roles/permissions, no owned claim. */
export async function userClaims<User>(ctx: AuthContext<User>, user: User): Promise<UserClaims> {
  const c = await ctx.cfg.claims(user);
  if (typeof c !== 'object' || c === null || Array.isArray(c)) throw invalidOption('claims(user) must return an object such as { sub: user.id, roles: user.roles }');
  if (typeof c.sub !== 'string' || c.sub === '' || c.sub.length > 255) throw invalidOption('claims(user) must return a sub: the user id as a string of 1 to 255 characters');
  for (const name of ['roles', 'permissions'] as const) {
    const v = c[name];
    if (v !== undefined && !(Array.isArray(v) && v.every((x) => typeof x === 'string'))) throw invalidOption(`claims(user).${name} must be an array of strings`);
  }
  const owned = OWNED.filter((n) => Object.prototype.hasOwnProperty.call(c, n));
  if (owned.length > 0) throw invalidOption(`claims(user) returned ${owned.join(', ')}, which the auth layer sets itself; remove them`);
  return c;
}

/** A signed access token for the session of `record`, and its claims. */
export async function issueAccess<User>(
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

function malformed(claim: string): JoseError {
  return new JoseError('ERR_JWT_INVALID', `claim ${claim} has the wrong type for a token of this auth layer`, {
    claim, reason: 'type', hint: 'the token was signed with our key but not by this auth layer; do not share signing keys between issuers',
  });
}

/** Absent, or an array of strings (a plain loop: this runs on every authenticated request). */
function isStringList(v: unknown): boolean {
  if (v === undefined) return true;
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'string') return false;
  return true;
}

/** Verifies an access token: signature and claims (core), the shapes of our claims, then revocation. */
export async function verifyAccess<User>(ctx: AuthContext<User>, token: string): Promise<AccessClaims> {
  const p = (await ctx.jose.verify(token)).payload;
  if (typeof p.sid !== 'string' || p.sid === '') throw malformed('sid');
  if (typeof p.jti !== 'string' || p.jti === '') throw malformed('jti');
  if (typeof p.sub !== 'string' || p.sub === '') throw malformed('sub');
  if (typeof p.auth_time !== 'number' || !Number.isFinite(p.auth_time)) throw malformed('auth_time');
  if (!isStringList(p['roles'])) throw malformed('roles');
  if (!isStringList(p['permissions'])) throw malformed('permissions');
  const claims = p as AccessClaims;
  await checkRevocation(ctx.cfg, claims);
  return claims;
}
