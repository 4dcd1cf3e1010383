/**
 * `POST {basePath}/refresh`: rotates the refresh token (cookie in the cookie transports; the
 * `refresh_token` field of a JSON or form body in bearer, RFC 6749 §6) and issues a new access token.
 */
import { JoseError } from '../../errors.js';
import { isClientError, refreshCookie, refreshFromCookie } from '../authenticate.js';
import type { AuthContext } from '../context.js';
import { parseCookies } from '../cookies.js';
import { readFields } from '../credentials.js';
import { checkCsrf } from '../csrf.js';
import { clearSessionCookies, deliverSession } from '../deliver.js';
import { issueAccess, userClaims } from '../issue.js';
import { rotateRefresh } from '../refresh-tokens.js';
import { failure, json } from '../responses.js';

const missing = (where: string): JoseError => new JoseError('ERR_TOKEN_MISSING', `the refresh request carries no refresh token (${where})`, {
  hint: 'sign in again; the refresh token comes from the login response',
});

export async function refresh<User>(ctx: AuthContext<User>, request: Request): Promise<Response> {
  const { cfg } = ctx;
  const cookies = parseCookies(request);
  if (cfg.transport !== 'bearer') {
    const refused = checkCsrf(request, cfg.allowedOrigins);
    if (refused !== undefined) return failure(refused);
    const token = refreshCookie(ctx, request, cookies);
    if (token === undefined) return failure(missing(`no refresh cookie reached ${new URL(request.url).pathname}; it is scoped to Path=${cfg.cookies.refreshPath}`));
    try {
      const { headers, body } = await refreshFromCookie(ctx, request, cookies, token);
      return json(200, body, headers);
    } catch (err) {
      if (!isClientError(err)) throw err;
      const headers = new Headers();
      clearSessionCookies(ctx, request, headers, cookies);
      return failure(err, headers);
    }
  }
  const token = (await readFields(request, cfg.maxBodyBytes)).get('refresh_token');
  if (token === undefined || token === '') return failure(missing('expected a refresh_token field in a JSON or form body'));
  const now = ctx.now();
  const rotated = await rotateRefresh(cfg, token, now);
  const claims = await userClaims(ctx, rotated.user);
  const access = await issueAccess(ctx, claims, rotated.record, now);
  const headers = new Headers();
  const body = deliverSession(ctx, request, { access: access.token, claims: access.claims, refresh: rotated.token, record: rotated.record }, headers, cookies, now);
  return json(200, body, headers);
}
