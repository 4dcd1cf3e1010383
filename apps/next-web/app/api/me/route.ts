// GET /api/me: withAuth makes the full check (signature, claims, revocation) and refreshes an
// expired access token itself, whether or not the proxy ran before it.
import { withAuth } from '../../../lib/auth';
import { json } from '../../../lib/json';

export const GET = withAuth((_request, claims) => json({ message: `hello, ${String(claims.name)}`, claims }));
