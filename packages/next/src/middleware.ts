/**
 * `@tessera/next/middleware`: one function for `middleware.ts` (Edge runtime) and `proxy.ts` (Node
 * runtime). It makes the optimistic check, never the last one: every protected route and page makes
 * the full check itself (`getAuth`, `requireAuth`, `withAuth`), so a request that skips the
 * middleware (CVE-2025-29927) gains nothing. Edge-safe: `next/server` and the core only.
 *
 * - on the Edge, give it `createEdgeAuth(...)`: signature and claims, and an expired token refreshed
 *   by the Node side's refresh endpoint at the configured origin (the real store rotates it);
 * - in `proxy.ts`, give it the `createAuth` object: the full check, refreshed through its store.
 *
 * A transparent refresh's cookies are put on the request (so the route handlers and server
 * components of this same request see them) and on the response, with `Cache-Control: private, no-store`.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { adapterStep, cookieHeaderAfter, type AuthRequest, type AuthResult } from '@tessera/jwt-core/server';
import { authHeadWith, privateIfCookies, type NextAuthOptions } from './request.js';

/** What the middleware needs of an auth object: `createAuth`'s (Node) or `createEdgeAuth`'s (Edge). */
export interface MiddlewareAuth {
  authenticate(request: AuthRequest): Promise<AuthResult>;
  handles(target: string): boolean;
}

/** Options of {@link authMiddleware}. */
export interface MiddlewareOptions extends NextAuthOptions {
  /** The sign-in page: pages without a valid session are redirected here with `?next=<path>` (default `'/sign-in'`). */
  signInPage?: string;
  /** Paths anyone may see: exact (`'/'`), or a prefix ending in `/*` (`'/docs/*'`). The sign-in page and the auth endpoints always are. */
  publicPaths?: readonly string[];
  /** Paths answered with 401 JSON instead of a redirect (default `['/api/*']`). */
  apiPaths?: readonly string[];
  /** More request headers to remove before the app sees the request, besides {@link IDENTITY_HEADERS}. */
  stripHeaders?: readonly string[];
}

/**
 * Request headers that claim an identity, which a client could send itself: removed from every
 * request, so no code behind the middleware can mistake one for a verified identity. Every
 * `x-tessera-*` header is removed too.
 */
export const IDENTITY_HEADERS: readonly string[] = [
  'x-user', 'x-user-id', 'x-user-email', 'x-user-roles', 'x-auth-user', 'x-remote-user', 'remote-user',
  'x-forwarded-user', 'x-forwarded-email', 'x-forwarded-preferred-username', 'x-forwarded-groups',
  'x-auth-request-user', 'x-auth-request-email', 'x-auth-request-groups',
];

function matches(path: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => (p.endsWith('/*') ? path === p.slice(0, -2) || path.startsWith(p.slice(0, -1)) : path === p));
}

/**
 * The middleware. Export it as the default of `middleware.ts` or `proxy.ts`, with a matcher that
 * leaves static assets alone (see the README). `auth` may be a function returning it, called on the
 * first request (not while `next build` loads the file).
 *
 * @example
 * ```ts
 * // middleware.ts (Edge runtime)
 * export default authMiddleware(createEdgeAuth(edgeConfig), { signInPage: '/sign-in', publicPaths: ['/'] });
 * ```
 */
export function authMiddleware(source: MiddlewareAuth | (() => MiddlewareAuth), options: MiddlewareOptions = {}): (request: NextRequest) => Promise<Response> {
  const signIn = options.signInPage ?? '/sign-in';
  const publicPaths = [signIn, ...(options.publicPaths ?? [])];
  const apiPaths = options.apiPaths ?? ['/api/*'];
  const strip = new Set([...IDENTITY_HEADERS, ...(options.stripHeaders ?? []).map((h) => h.toLowerCase())]);

  let resolved: MiddlewareAuth | undefined;
  return async (request) => {
    const auth = (resolved ??= typeof source === 'function' ? source() : source);
    const headers = new Headers(request.headers);
    for (const name of [...headers.keys()]) if (strip.has(name) || name.startsWith('x-tessera-')) headers.delete(name);
    // Next.js answers a request carrying this header with an empty 200, without running the route.
    headers.delete('x-middleware-prefetch');
    const { pathname, search } = request.nextUrl;
    if (auth.handles(`${pathname}${search}`) || matches(pathname, publicPaths)) return NextResponse.next({ request: { headers } });

    const step = await adapterStep(() => auth.authenticate(authHeadWith(request, headers, options)), { onError: options.onError });
    if (step.action === 'respond') {
      if (step.response.status !== 401 || matches(pathname, apiPaths)) return privateIfCookies(step.response);
      const to = new URL(signIn, request.url);
      to.searchParams.set('next', `${pathname}${search}`);
      // 307 keeps a GET a GET; after a form POST (a server action) the browser must GET the sign-in page: 303.
      const redirect = NextResponse.redirect(to, request.method === 'GET' || request.method === 'HEAD' ? 307 : 303);
      for (const line of step.response.headers.getSetCookie()) redirect.headers.append('set-cookie', line); // a dead session's cookies deleted
      return privateIfCookies(redirect);
    }
    if (!step.headers.has('set-cookie')) return NextResponse.next({ request: { headers } });
    // The refreshed cookies: on the request, for this request's routes and server components...
    const cookie = cookieHeaderAfter(headers.get('cookie'), step.headers);
    if (cookie === undefined) headers.delete('cookie');
    else headers.set('cookie', cookie);
    const response = NextResponse.next({ request: { headers } });
    // ...and on the response, for the browser.
    for (const line of step.headers.getSetCookie()) response.headers.append('set-cookie', line);
    return privateIfCookies(response);
  };
}
