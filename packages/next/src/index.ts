/**
 * @tessera/next: Tessera's auth layer for Next.js 16 (App Router). This entry is for the Node side:
 * the auth route handlers, protected route handlers and `getAuth`/`requireAuth` for server
 * components and server actions, all from one `nextAuth(auth)` call. The middleware
 * (`middleware.ts` on the Edge, `proxy.ts` on Node) is `@tessera/next/middleware`.
 */
import type { Requirement } from '@tessera/jwt-core/server';
import { authHandlers, withAuth, type AuthedHandler, type AuthSource, type RouteHandler } from './route.js';
import { serverAuth, type ServerAuth, type ServerAuthOptions } from './server.js';

export type { AuthSource, AuthedHandler, RouteHandler } from './route.js';
export type { ServerAuth, ServerAuthOptions } from './server.js';
export type { NextAuthOptions } from './request.js';

/** What {@link nextAuth} returns. */
export interface NextAuth extends ServerAuth {
  /** The auth endpoints: export both from `app/auth/[...tessera]/route.ts` (and `GET` from the JWKS route). */
  GET: RouteHandler;
  POST: RouteHandler;
  /**
   * A protected route handler: the full check (a transparent refresh's cookies on its response),
   * then `requirement`; otherwise the core's 401/403/503 JSON.
   */
  withAuth(handler: AuthedHandler, requirement?: Requirement): RouteHandler;
}

/**
 * Everything the Node side of a Next.js app needs, bound to one auth object (or a function
 * returning it, so that `next build` does not create it).
 *
 * @example
 * ```ts
 * // lib/auth.ts
 * export const { GET, POST, withAuth, getAuth, requireAuth } = nextAuth(auth, { signInPage: '/sign-in' });
 * // app/auth/[...tessera]/route.ts
 * export { GET, POST } from '@/lib/auth';
 * ```
 */
export function nextAuth(auth: AuthSource, options: ServerAuthOptions = {}): NextAuth {
  return {
    ...authHandlers(auth, options),
    ...serverAuth(auth, options),
    withAuth: (handler, requirement) => withAuth(auth, handler, requirement, options),
  };
}
