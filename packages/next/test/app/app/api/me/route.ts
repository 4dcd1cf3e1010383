import { withAuth } from '../../../lib/auth';

const me = withAuth((request, claims) => Response.json({ claims, identityHeader: request.headers.get('x-user-id') }));
export { me as GET, me as POST };
