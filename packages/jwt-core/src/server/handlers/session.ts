/**
 * `GET {basePath}/session`: the current claims (after a transparent refresh in the cookie
 * transports), so a browser app can learn who is signed in without reading any token.
 */
import { authenticateRequest } from '../authenticate.js';
import type { AuthContext } from '../context.js';
import { json } from '../responses.js';

export async function session<User>(ctx: AuthContext<User>, request: Request): Promise<Response> {
  const result = await authenticateRequest(ctx, request);
  if (!result.ok) return result.response;
  return json(200, { claims: result.claims, expires_in: result.claims.exp - ctx.now() }, result.headers);
}
