/**
 * `auth.authenticate(request)`: find the access token, verify it (signature, claims, revocation),
 * and in the cookie transports refresh it transparently when it expired (or its cookie is gone) and
 * a refresh-token cookie came with the request. Every failure denies: a store or callback that
 * throws gives 503, never access.
 */
import { JoseError } from '../errors.js';
import type { AuthContext } from './context.js';
import { parseCookies, readChunked } from './cookies.js';
import { csrfRefusal } from './csrf.js';
import { clearSessionCookies, planFor } from './deliver.js';
import { issueSession, type IssuedSession } from './issue.js';
import { missingToken } from './missing-token.js';
import { rotateRefresh } from './refresh-tokens.js';
import { failure, isInternalError, noResultHeaders } from './responses.js';
import { findInForm, findInHead, formSourceApplies, type FoundToken } from './token-sources.js';
import type { AccessClaims, AuthFailure, AuthResult, AuthRequest } from './types.js';
import { verifyAccess } from './verify-access.js';

/** Whether a JoseError is the client's (4xx) rather than an internal failure (which must not trigger a refresh). */
export function isClientError(err: unknown): err is JoseError {
  return err instanceof JoseError && !isInternalError(err);
}

const NO_COOKIES: ReadonlyMap<string, string> = new Map();

/** A failed result; session cookies are deleted when the session is dead (revoked, unknown refresh token). */
export function fail<User>(ctx: AuthContext<User>, request: AuthRequest, error: JoseError, cookies?: ReadonlyMap<string, string>): AuthFailure {
  const headers = new Headers();
  if (cookies !== undefined && (error.code === 'ERR_JWT_REVOKED' || error.code === 'ERR_AUTH_REFRESH_INVALID')) {
    clearSessionCookies(ctx, request, headers, cookies);
  }
  return { ok: false, error, response: ctx.refuse(error, headers) };
}

/**
 * Rotates the refresh token (from a cookie, or in the bearer transport from the body) and issues a new session, returning its claims, the Set-Cookie
 * headers and the JSON body. Throws JoseError (client) or anything the store and callbacks throw.
 */
export async function refreshSession<User>(
  ctx: AuthContext<User>, request: AuthRequest, cookies: ReadonlyMap<string, string>, refreshToken: string,
): Promise<IssuedSession> {
  const now = ctx.now();
  const rotated = await rotateRefresh(ctx.cfg, refreshToken, now);
  return issueSession(ctx, request, { user: rotated.user, refresh: () => rotated }, cookies, now);
}

/** The refresh-token cookie of the request, if any (cookie and split transports). */
export function refreshCookie<User>(ctx: AuthContext<User>, request: AuthRequest, cookies: ReadonlyMap<string, string>): string | undefined {
  if (ctx.cfg.transport === 'bearer') return undefined;
  return readChunked(planFor(ctx, request, 0).refresh.name, cookies, ctx.cfg.cookies);
}

/**
 * After the token was looked for: verify it, or refresh, or refuse. Synchronous on the common path
 * (a token found in the head, verified by a synchronous core and store): no promise per request.
 * Throws (or rejects with) anything that is not a client error: the caller denies with 503.
 */
function settle<User>(ctx: AuthContext<User>, request: AuthRequest, cookies: ReadonlyMap<string, string>, refresh: boolean, found: FoundToken | undefined): AuthResult | Promise<AuthResult> {
  if (found === undefined) return refreshOrFail(ctx, request, cookies, refresh, found, missingToken(ctx, request, cookies));
  // Cookies are ambient: a state-changing request authenticated by them must pass the origin check.
  if (found.via === 'cookie') {
    const refused = csrfRefusal(ctx, request);
    if (refused !== undefined) return fail(ctx, request, refused);
  }
  const failed = (err: unknown): Promise<AuthResult> => {
    if (!isClientError(err)) throw err;
    return refreshOrFail(ctx, request, cookies, refresh, found, err);
  };
  let claims: AccessClaims | Promise<AccessClaims>;
  try {
    claims = verifyAccess(ctx, found.token);
  } catch (err) {
    return failed(err);
  }
  if (claims instanceof Promise) return claims.then((c): AuthResult => ({ ok: true, claims: c, headers: noResultHeaders() }), failed);
  return { ok: true, claims, headers: noResultHeaders() };
}

/** A refusal, or, for an expired or missing token in the cookie transports, a transparent refresh. */
async function refreshOrFail<User>(
  ctx: AuthContext<User>, request: AuthRequest, cookies: ReadonlyMap<string, string>, refresh: boolean, found: FoundToken | undefined, error: JoseError,
): Promise<AuthResult> {
  const canRefresh = error.code === 'ERR_JWT_EXPIRED' || error.code === 'ERR_TOKEN_MISSING';
  const viaCookie = found?.via === 'cookie' ? cookies : undefined;
  if (!canRefresh || (found !== undefined && found.via !== 'cookie')) return fail(ctx, request, error, viaCookie);
  const token = refresh ? refreshCookie(ctx, request, cookies) : undefined;
  if (token === undefined) return fail(ctx, request, error);
  const refused = csrfRefusal(ctx, request);
  if (refused !== undefined) return fail(ctx, request, refused);
  try {
    const refreshed = await refreshSession(ctx, request, cookies, token);
    return { ok: true, claims: refreshed.claims, headers: refreshed.headers };
  } catch (err) {
    if (!isClientError(err)) throw err;
    return fail(ctx, request, err, cookies);
  }
}

function run<User>(ctx: AuthContext<User>, request: AuthRequest, cookies: ReadonlyMap<string, string>, refresh: boolean): AuthResult | Promise<AuthResult> {
  let found: FoundToken | undefined;
  try {
    // The head first, synchronously; the body only for a configured form-field source.
    found = findInHead(ctx, request, cookies);
  } catch (err) {
    if (!isClientError(err)) throw err;
    return fail(ctx, request, err);
  }
  if (found !== undefined || !formSourceApplies(ctx, request)) return settle(ctx, request, cookies, refresh, found);
  return findInForm(ctx, request).then(
    (inForm) => settle(ctx, request, cookies, refresh, inForm),
    (err: unknown) => {
      if (!isClientError(err)) throw err;
      return fail(ctx, request, err);
    },
  );
}

/** The 503 result of an internal failure (a store or callback that threw), logged once by `deny`. */
function denied<User>(ctx: AuthContext<User>, err: unknown): AuthResult {
  const error = ctx.deny(err, 'authentication');
  return { ok: false, error, response: failure(error) };
}

/**
 * `auth.authenticate`: never rejects; internal failures become a 503 result. `refresh: false` never
 * rotates the refresh token (for callers whose response cannot carry the new cookies). The work is
 * synchronous wherever the core and the store are; the one promise is the one returned.
 */
export function authenticateRequest<User>(ctx: AuthContext<User>, request: AuthRequest, refresh = true): Promise<AuthResult> {
  try {
    let cookies: ReadonlyMap<string, string> = NO_COOKIES;
    // The bearer transport never reads cookies: no token comes from them, nothing is refreshed.
    if (ctx.cfg.transport !== 'bearer') {
      try {
        cookies = parseCookies(request);
      } catch {
        cookies = NO_COOKIES;
      }
    }
    const result = run(ctx, request, cookies, refresh);
    return result instanceof Promise ? result.catch((err: unknown) => denied(ctx, err)) : Promise.resolve(result);
  } catch (err) {
    return Promise.resolve(denied(ctx, err));
  }
}
