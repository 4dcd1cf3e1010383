/**
 * `POST {basePath}/login`: credentials from HTTP Basic, JSON or a form; the user's `authenticate`
 * decides; a new session (refresh-token family) and an access token are issued. In the cookie
 * transports the origin check runs first (login CSRF would sign the victim into the attacker's account).
 */
import { JoseError } from '../../errors.js';
import type { AuthContext } from '../context.js';
import { parseCookies } from '../cookies.js';
import { readCredentials } from '../credentials.js';
import { checkCsrf } from '../csrf.js';
import { deliverSession } from '../deliver.js';
import { issueAccess, userClaims } from '../issue.js';
import { newRefresh } from '../refresh-tokens.js';
import { failure, json } from '../responses.js';

export async function login<User>(ctx: AuthContext<User>, request: Request): Promise<Response> {
  const { cfg } = ctx;
  if (cfg.transport !== 'bearer') {
    const refused = checkCsrf(request, cfg.allowedOrigins);
    if (refused !== undefined) return failure(refused);
  }
  const credentials = await readCredentials(request, cfg.maxBodyBytes);
  const user = await cfg.authenticate(credentials, request);
  if (user === null || user === undefined) {
    // One message for unknown user and wrong password: no account enumeration.
    return failure(new JoseError('ERR_AUTH_CREDENTIALS_INVALID', 'the user name or password is wrong', {
      hint: 'check the credentials; authenticate() returned no user',
    }));
  }
  const claims = await userClaims(ctx, user);
  const now = ctx.now();
  const refresh = newRefresh(cfg, claims.sub, now);
  const access = await issueAccess(ctx, claims, refresh.record, now);
  const headers = new Headers();
  const body = deliverSession(ctx, request, { access: access.token, claims: access.claims, refresh: refresh.token, record: refresh.record }, headers, parseCookies(request), now);
  // Stored last: a failure above leaves no record of a token that never reached the client.
  await cfg.store.insertRefresh(refresh.record);
  return json(200, body, headers);
}
