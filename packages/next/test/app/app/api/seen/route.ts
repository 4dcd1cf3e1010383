// app/api/seen/route.ts: getAuth() in a route handler sees this request's cookies, refreshed or not.
import { getAuth } from '../../../lib/auth';

export async function GET() {
  const claims = await getAuth();
  if (claims === null) return Response.json({ error: 'ERR_TOKEN_MISSING' }, { status: 401 });
  return Response.json({ jti: claims.jti, sub: claims.sub });
}
