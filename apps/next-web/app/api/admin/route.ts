// GET /api/admin: the full check and the role `admin`; otherwise the core's 401 or 403 JSON.
import { withAuth } from '../../../lib/auth';
import { json } from '../../../lib/json';

export const GET = withAuth((_request, claims) => json({ message: `welcome to the admin area, ${String(claims.name)}` }), { roles: ['admin'] });
