/**
 * `GET /.well-known/jwks.json`: the public keys that verify our tokens (RFC 7517 §5), so other
 * services can verify them without sharing a secret, with the key ring's rotation-friendly cache
 * headers (`jwksResponse`). HMAC secrets are never published: with an HS* key the set is empty.
 */
import { jwksResponse } from '../../jwks/publish.js';
import type { AuthContext } from '../context.js';
import { publicJwks } from '../jose.js';

export function jwks<User>(ctx: AuthContext<User>, request: Request): Response {
  const document = publicJwks(ctx.cfg.verifyKeys);
  if (document.keys.length > 0) return jwksResponse(document, { request });
  return new Response(request.method === 'HEAD' ? null : JSON.stringify({ keys: [] }), {
    status: 200,
    headers: { 'content-type': 'application/jwk-set+json', 'cache-control': 'public, max-age=300', 'x-content-type-options': 'nosniff' },
  });
}
