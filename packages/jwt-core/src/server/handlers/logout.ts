/**
 * `POST {basePath}/logout` ends this session: its refresh-token family (found from the refresh
 * token, and from the access token's `sid`) and the access token's `jti` until its expiry.
 * `POST {basePath}/logout-all` ends every session of the user on every device: the user's epoch
 * is raised to now, and every token whose session began at or before it is refused.
 * Both delete the session cookies. Identity comes from the tokens, never from the body.
 */
import { authenticateRequest, isClientError, refreshCookie } from '../authenticate.js';
import type { AuthContext } from '../context.js';
import { parseCookies } from '../cookies.js';
import { readFields } from '../credentials.js';
import { csrfRefusal } from '../csrf.js';
import { clearSessionCookies } from '../deliver.js';
import { hashRefreshToken, readRefreshToken } from '../refresh-tokens.js';
import { json } from '../responses.js';
import { revokeAccessToken, revokeUserSessions } from '../revocation.js';
import { findAccessToken } from '../token-sources.js';
import { verifyAccess } from '../verify-access.js';
import { isExternal } from '../trusted-issuers.js';
import { JoseError } from '../../errors.js';
import { formatInstant } from '../../lib/time.js';

/** The verified access token of the request, or undefined when it has none or it no longer verifies. */
async function currentAccess<User>(ctx: AuthContext<User>, request: Request, cookies: Map<string, string>) {
  try {
    const found = await findAccessToken(ctx, request, cookies);
    return found === undefined ? undefined : await verifyAccess(ctx, found.token);
  } catch (err) {
    if (isClientError(err)) return undefined; // expired, revoked, malformed: nothing left to revoke
    throw err;
  }
}

export async function logout<User>(ctx: AuthContext<User>, request: Request): Promise<Response> {
  const { cfg } = ctx;
  const refused = csrfRefusal(ctx, request);
  if (refused !== undefined) return ctx.refuse(refused);
  const cookies = parseCookies(request);
  const now = ctx.now();
  const revoked = { session: false, accessToken: false };
  // Verify the access token before revoking anything: afterwards its session would no longer verify.
  const access = await currentAccess(ctx, request, cookies);
  // A trusted external issuer's token: its session is the provider's to end (RFC 7519 §4.1.2: a
  // `sub` is only unique per issuer), so nothing of this layer's is revoked in its name.
  if (access !== undefined && !isExternal(access, cfg.issuer)) {
    await revokeAccessToken(cfg, access, now);
    await cfg.store.revokeFamily({ family: access.sid, sub: access.sub }, now + cfg.sessionMaxAge);
    revoked.accessToken = true;
    revoked.session = true;
  }
  const refreshToken = cfg.transport === 'bearer'
    ? (await readFields(request.clone(), cfg.maxBodyBytes)).get('refresh_token')
    : refreshCookie(ctx, request, cookies);
  if (refreshToken !== undefined && readRefreshToken(refreshToken) !== undefined) {
    const record = await cfg.store.findRefresh(hashRefreshToken(refreshToken));
    if (record !== undefined) {
      await cfg.store.revokeFamily({ family: record.family, sub: record.sub }, record.familyExpiresAt);
      revoked.session = true;
    }
  }
  const headers = new Headers();
  clearSessionCookies(ctx, request, headers, cookies);
  return json(200, { ok: true, revoked }, headers);
}

export async function logoutAll<User>(ctx: AuthContext<User>, request: Request): Promise<Response> {
  const result = await authenticateRequest(ctx, request);
  if (!result.ok) return result.response;
  const now = ctx.now();
  const { claims } = result;
  if (isExternal(claims, ctx.cfg.issuer)) {
    // Its `sub` is the provider's: ending "every session of sub" here would end a local user's.
    return ctx.refuse(new JoseError('ERR_AUTH_FORBIDDEN', `logout-all ends this layer's sessions; the token was issued by ${JSON.stringify(String(claims.iss).slice(0, 200))}, whose sessions end there`, {
      reason: 'external_issuer', hint: 'end the session at the identity provider that issued the token',
    }));
  }
  await revokeUserSessions(ctx.cfg, claims.sub, now);
  await revokeAccessToken(ctx.cfg, claims, now);
  const headers = new Headers();
  clearSessionCookies(ctx, request, headers, parseCookies(request));
  return json(200, { ok: true, sub: claims.sub, revokedBefore: formatInstant(now) }, headers);
}
