// lib/forms.ts: the auth endpoints answered to an HTML form the way a browser without JavaScript
// needs (POST, then redirect, then GET). The endpoints themselves are @tessera/next's POST, which
// answers JSON to every client; a form submission (an application/x-www-form-urlencoded body) gets
// the same outcome as a redirect instead:
// - signed in, signed out: 303 to the form's `next` (a path of this app), with the endpoint's cookies;
// - a wrong user name or password: 303 back to /sign-in?error=credentials, keeping `next`;
// - any other refusal (a cross-site form: 403; a malformed one: 400): the endpoint's JSON answer, as is.
import type { RouteHandler } from '@tessera/next';
import { localPath } from './paths';

const AFTER: Record<string, string> = { '/auth/login': '/dashboard', '/auth/logout': '/sign-in?signed-out=1', '/auth/logout-all': '/sign-in?signed-out=all' };

function seeOther(location: string, from: Response): Response {
  const headers = new Headers({ location, 'cache-control': 'private, no-store' });
  for (const line of from.headers.getSetCookie()) headers.append('set-cookie', line);
  return new Response(null, { status: 303, headers });
}

/** `post` (the auth endpoints' POST) with the form-submission answers above. */
export function formAnswers(post: RouteHandler): RouteHandler {
  return async (request, context) => {
    const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    const path = new URL(request.url).pathname;
    if (type !== 'application/x-www-form-urlencoded' || !(path in AFTER)) return post(request, context);
    // Read once here for `next`; the endpoint gets the same bytes (it reads username and password).
    const body = await request.text();
    const next = localPath(new URLSearchParams(body).get('next'), AFTER[path]!);
    const answer = await post(new Request(request.url, { method: 'POST', headers: request.headers, body }), context);
    if (answer.status === 200) return seeOther(next, answer);
    if (path === '/auth/login' && answer.status === 401) return seeOther(`/sign-in?error=credentials&next=${encodeURIComponent(next)}`, answer);
    return answer;
  };
}
