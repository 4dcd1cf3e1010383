/**
 * Route handlers: the auth endpoints from one call (`app/auth/[...tessera]/route.ts`, and the
 * JWKS route), and `withAuth` for protected route handlers. Every outcome is the core's
 * `adapterStep`; this file only translates.
 */
import { adapterRefusal, adapterStep, errorResponse, type AccessClaims, type Auth, type Requirement } from '@tessera/jwt-core/server';
import { authHead, authRequest, privateIfCookies, type NextAuthOptions } from './request.js';

/** The auth object, or a function returning it (built on first use, not while `next build` imports the route). */
export type AuthSource = Auth | (() => Auth | Promise<Auth>);

/** Resolves an {@link AuthSource}. */
export function resolveAuth(source: AuthSource): Auth | Promise<Auth> {
  return typeof source === 'function' ? source() : source;
}

/** A route handler's signature, as Next.js calls it. */
export type RouteHandler = (request: Request, context: { params: Promise<Record<string, string | string[] | undefined>> }) => Promise<Response>;

/**
 * `GET` and `POST` for `app/auth/[...tessera]/route.ts` (login, refresh, logout, logout-all,
 * session) and for `app/.well-known/jwks.json/route.ts`. A path under the catch-all that is not an
 * endpoint is a 404 in the one JSON format; HEAD and OPTIONS are Next.js's own (from GET, and the
 * `Allow` list).
 *
 * @example
 * ```ts
 * export const { GET, POST } = authHandlers(auth, {}); // usually through nextAuth(auth)
 * ```
 */
export function authHandlers(source: AuthSource, options: NextAuthOptions = {}): { GET: RouteHandler; POST: RouteHandler } {
  const handle: RouteHandler = async (request) => {
    const step = await adapterStep(async () => (await resolveAuth(source)).handle(authRequest(request, options)), { endpoint: true, onError: options.onError });
    return step.action === 'respond' ? privateIfCookies(step.response) : errorResponse(adapterRefusal('not_found'));
  };
  return { GET: handle, POST: handle };
}

/** What {@link withAuth} hands the route: the verified claims. */
export type AuthedHandler = (request: Request, claims: AccessClaims, context: { params: Promise<Record<string, string | string[] | undefined>> }) => Response | Promise<Response>;

/**
 * A protected route handler: the full check (signature, claims, revocation through the store; a
 * transparent refresh in the cookie transports, its cookies on the route's response), then the
 * requirement; otherwise the core's 401/403/503 JSON with its `WWW-Authenticate`. The route's own
 * errors are its own (Next.js answers 500).
 *
 * @example
 * ```ts
 * export const GET = withAuth(auth, (request, claims) => Response.json({ sub: claims.sub }), { roles: ['admin'] }, {});
 * ```
 */
export function withAuth(source: AuthSource, handler: AuthedHandler, requirement?: Requirement, options: NextAuthOptions = {}): RouteHandler {
  return async (request, context) => {
    const attempt = async () => {
      const auth = await resolveAuth(source);
      const head = authHead(request, options);
      return requirement === undefined ? auth.authenticate(head) : auth.require(head, requirement);
    };
    const step = await adapterStep(attempt, { onError: options.onError });
    if (step.action === 'respond') return privateIfCookies(step.response);
    const response = await handler(request, step.claims!, context);
    if (!step.headers.has('set-cookie')) return response;
    // The cookies of a transparent refresh go on the route's response, every line its own.
    const out = new Response(response.body, response);
    for (const line of step.headers.getSetCookie()) out.headers.append('set-cookie', line);
    return privateIfCookies(out);
  };
}
