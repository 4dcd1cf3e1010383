/**
 * `POST {basePath}/refresh`: rotates the refresh token (cookie in the cookie transports; the
 * `refresh_token` field of a JSON or form body in bearer, RFC 6749 §6) and issues a new session.
 */
import { JoseError } from '../../errors.js';
import { isClientError, refreshCookie, refreshSession } from '../authenticate.js';
import type { AuthContext } from '../context.js';
import { parseCookies } from '../cookies.js';
import { readFields } from '../credentials.js';
import { csrfRefusal } from '../csrf.js';
import { clearSessionCookies } from '../deliver.js';
import { json } from '../responses.js';

const missing = (where: string, hint: string): JoseError => new JoseError('ERR_TOKEN_MISSING', `the refresh request carries no refresh token (${where})`, {
  reason: 'refresh_missing', hint,
});

/** The refresh token of the request, or the refusal saying where it was looked for. */
async function presented<User>(ctx: AuthContext<User>, request: Request, cookies: ReadonlyMap<string, string>): Promise<string | JoseError> {
  const { cfg } = ctx;
  if (cfg.transport !== 'bearer') {
    // The cookie's Max-Age is the token's remaining life, so a browser drops an expired one itself.
    return refreshCookie(ctx, request, cookies) ?? missing(`no refresh cookie reached ${new URL(request.url).pathname}; it is scoped to Path=${cfg.cookies.refreshPath}, and the browser deletes it when the refresh token expires`,
      'sign in again when the session was idle past refreshTokenTtl; otherwise the browser sends the refresh cookie only to paths under its Path: POST to the refresh endpoint, or set cookies.refreshPath');
  }
  const token = (await readFields(request, cfg.maxBodyBytes)).get('refresh_token');
  return token === undefined || token === '' ? missing('expected a refresh_token field in a JSON or form body', 'send {"refresh_token": "<the token from the last login or refresh>"}') : token;
}

export async function refresh<User>(ctx: AuthContext<User>, request: Request): Promise<Response> {
  const refused = csrfRefusal(ctx, request);
  if (refused !== undefined) return ctx.refuse(refused);
  const cookies = parseCookies(request);
  const token = await presented(ctx, request, cookies);
  if (token instanceof JoseError) return ctx.refuse(token);
  try {
    const session = await refreshSession(ctx, request, cookies, token);
    return json(200, session.body, session.headers);
  } catch (err) {
    if (!isClientError(err)) throw err;
    // A dead session: delete its cookies (no-op in the bearer transport).
    const headers = new Headers();
    clearSessionCookies(ctx, request, headers, cookies);
    return ctx.refuse(err, headers);
  }
}
