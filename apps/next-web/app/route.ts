// GET /: what the app is, for API clients (the example apps' contract); a browser (Accept:
// text/html) is sent to its dashboard, which sends it on to the sign-in page when it is not signed in.
import { ROUTES } from '@tessera/example-common/routes';
import { example } from '../lib/auth';
import { json } from '../lib/json';

export const dynamic = 'force-dynamic';

const PAGES = {
  'GET /sign-in': 'the sign-in page (a form: works without JavaScript)',
  'GET /dashboard': 'your claims and your token timeline (signed in)',
  'GET /admin': 'the admin page (role "admin")',
};

export function GET(request: Request): Response {
  if ((request.headers.get('accept') ?? '').includes('text/html')) {
    return new Response(null, { status: 307, headers: { location: '/dashboard', vary: 'accept', 'cache-control': 'no-store' } });
  }
  const { transport, origin } = example();
  const answer = json({ name: 'Tessera example web app (Next.js)', transport, origin, routes: ROUTES, pages: PAGES });
  answer.headers.set('vary', 'accept');
  return answer;
}
