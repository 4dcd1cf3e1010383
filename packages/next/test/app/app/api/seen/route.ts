// getAuth() in a route handler: what this very request's cookies() hold, after the middleware.
import { getAuth } from '../../../lib/auth';

export async function GET() {
  const claims = await getAuth();
  if (claims === null) return Response.json({ error: 'ERR_TOKEN_MISSING' }, { status: 401 });
  return Response.json({ jti: claims.jti, sub: claims.sub });
}
