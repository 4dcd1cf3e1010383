/**
 * `GET /.well-known/jwks.json`: the public keys that verify our tokens (RFC 7517 §5), so other
 * services can verify them without sharing a secret. HMAC secrets are never published: with an
 * HS* key the set is empty. Short `max-age` so a key added before rotation reaches caches quickly.
 */
import type { AuthContext } from '../context.js';
import { publicJwks } from '../jose.js';

export function jwks<User>(ctx: AuthContext<User>, request: Request): Response {
  const body = request.method === 'HEAD' ? null : JSON.stringify(publicJwks(ctx.cfg.verifyKeys));
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': 'application/jwk-set+json',
      'cache-control': 'public, max-age=300, stale-while-revalidate=60',
      'access-control-allow-origin': '*',
      'x-content-type-options': 'nosniff',
    },
  });
}
