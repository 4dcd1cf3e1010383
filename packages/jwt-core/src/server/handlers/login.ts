/**
 * `POST {basePath}/login`: credentials from HTTP Basic, JSON or a form; the user's `authenticate`
 * decides; a new session (refresh-token family) and an access token are issued. In the cookie
 * transports the origin check runs first (login CSRF would sign the victim into the attacker's account).
 */
import { JoseError } from '../../errors.js';
import type { AuthContext } from '../context.js';
import { parseCookies } from '../cookies.js';
import { readCredentials } from '../credentials.js';
import { csrfRefusal } from '../csrf.js';
import { issueSession } from '../issue.js';
import { newRefresh } from '../refresh-tokens.js';
import { json } from '../responses.js';

export async function login<User>(ctx: AuthContext<User>, request: Request): Promise<Response> {
  const { cfg } = ctx;
  const refused = csrfRefusal(ctx, request);
  if (refused !== undefined) return ctx.refuse(refused);
  const credentials = await readCredentials(request, cfg.maxBodyBytes);
  const user = await cfg.authenticate(credentials, request);
  if (user === null || user === undefined) {
    // One message for unknown user and wrong password: no account enumeration. The operator's hint
    // goes to the log; the client gets its own (responses.ts).
    return ctx.refuse(new JoseError('ERR_AUTH_CREDENTIALS_INVALID', 'the user name or password is wrong', {
      hint: 'authenticate() returned no user for these credentials',
    }));
  }
  const now = ctx.now();
  // A new session (refresh-token family) for the sub that claims(user) names.
  const session = await issueSession(ctx, request, { user, refresh: (sub) => newRefresh(cfg, sub, now) }, parseCookies(request), now);
  // Stored last: a failure above leaves no record of a token that never reached the client.
  await cfg.store.insertRefresh(session.record);
  return json(200, session.body, session.headers);
}
