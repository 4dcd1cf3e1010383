// app/api/admin/route.ts: a route handler for API clients, with a role.
import { withAuth } from '../../../lib/auth';

export const GET = withAuth((_request, claims) => Response.json({ admin: true, sub: claims.sub }), { roles: ['admin'] });
