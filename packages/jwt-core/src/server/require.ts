/**
 * `auth.require(request, { roles, permissions })`: authentication, then rights. The rights are the
 * `roles` and `permissions` claims (arrays of strings, from `claims(user)`); every required role
 * and every required permission must be present. 401 when unauthenticated, 403 when authenticated
 * without the right (with `WWW-Authenticate: Bearer error="insufficient_scope"`, RFC 6750 §3.1).
 */
import { invalidOption, JoseError } from '../errors.js';
import { authenticateRequest } from './authenticate.js';
import type { AuthContext } from './context.js';
import { failure, noResultHeaders } from './responses.js';
import type { AccessClaims, AuthRequest, AuthResult, Requirement } from './types.js';

function names(list: unknown, name: string): readonly string[] {
  if (list === undefined) return [];
  if (!Array.isArray(list) || !list.every((x) => typeof x === 'string')) throw invalidOption(`require: ${name} must be an array of strings`, "pass { roles: ['admin'] } or { permissions: ['read'] }");
  return list;
}

/** Checks the requirement's shape once, returning the checker. Throws ERR_JOSE_INVALID_OPTION. */
export function parseRequirement(requirement: Requirement | undefined): { roles: readonly string[]; permissions: readonly string[] } {
  if (requirement === undefined) return { roles: [], permissions: [] };
  if (typeof requirement !== 'object' || requirement === null) throw invalidOption('require: the requirement must be { roles?, permissions? }', "pass { roles: ['admin'] } or { permissions: ['read'] }");
  return { roles: names(requirement.roles, 'roles'), permissions: names(requirement.permissions, 'permissions') };
}

/**
 * The rights check on claims already verified: the claims' `roles` and `permissions` against the
 * requirement. A success carries no headers; a 403 names what is missing. A malformed requirement
 * (a programming error in the route) denies with 503, never grants.
 */
export function authorizeClaims<User>(ctx: AuthContext<User>, claims: AccessClaims, requirement?: Requirement, headers?: Headers): AuthResult {
  let need: ReturnType<typeof parseRequirement>;
  try {
    need = parseRequirement(requirement);
  } catch (err) {
    const error = ctx.deny(err, 'the route requirement');
    return { ok: false, error, response: failure(error) };
  }
  const has = { roles: claims.roles ?? [], permissions: claims.permissions ?? [] };
  const lacking = (['roles', 'permissions'] as const)
    .map((kind) => ({ kind, missing: need[kind].filter((r) => !has[kind].includes(r)) }))
    .filter((x) => x.missing.length > 0);
  if (lacking.length === 0) return { ok: true, claims, headers: headers ?? noResultHeaders() };
  const what = lacking.map((x) => `${x.kind} ${x.missing.join(', ')} (has: ${has[x.kind].join(', ') || 'none'})`).join('; and ');
  const error = new JoseError('ERR_AUTH_FORBIDDEN', `user ${JSON.stringify(String(claims.sub).slice(0, 64))} lacks ${what}`, {
    reason: 'insufficient_rights', hint: 'grant the user the right, or check the route\'s requirement; rights come from the roles and permissions claims of claims(user)',
  });
  return { ok: false, error, response: ctx.refuse(error, headers) };
}

export async function requireRights<User>(ctx: AuthContext<User>, request: AuthRequest, requirement?: Requirement): Promise<AuthResult> {
  try {
    parseRequirement(requirement);
  } catch (err) {
    // A programming error in the route: deny, never grant (and do not touch the session).
    const error = ctx.deny(err, 'the route requirement');
    return { ok: false, error, response: failure(error) };
  }
  const result = await authenticateRequest(ctx, request);
  if (!result.ok) return result;
  // Keep the Set-Cookie headers of a transparent refresh in a 403: the session itself is fine.
  return authorizeClaims(ctx, result.claims, requirement, result.headers);
}
