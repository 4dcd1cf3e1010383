// app/auth/[...tessera]/route.ts: POST /auth/login, /auth/refresh, /auth/logout, /auth/logout-all
// and GET /auth/session, from @tessera/next; HTML forms get redirects (lib/forms.ts).
import { GET, POST as endpoints } from '../../../lib/auth';
import { formAnswers } from '../../../lib/forms';

export { GET };
export const POST = formAnswers(endpoints);
