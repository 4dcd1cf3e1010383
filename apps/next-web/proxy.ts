// proxy.ts: Next.js 16's Node-runtime middleware. The optimistic check before a protected page or
// API route renders: a page without a valid session redirects to /sign-in?next=<path>, an API route
// answers 401 JSON, and an expired access token is refreshed here, its new cookies visible to the
// page or route of this same request. Every page and route makes the full check again itself
// (requireAuth, withAuth), so a request that skips this file gains nothing.
//
// Node, not the Edge (middleware.ts): this app's sessions live in this process's memory or in Redis
// (REDIS_URL), which an Edge isolate cannot reach, and its development key exists only in this
// process; on Node the proxy refreshes through the very store of the routes (README).
import { authMiddleware } from '@tessera/next/middleware';
import { middlewareAuth } from './lib/auth';

export default authMiddleware(middlewareAuth, { signInPage: '/sign-in' });

export const config = {
  // The protected pages and the API. Everything else (/, /sign-in, /auth/*, the JWKS, unknown paths
  // answered 404 by app/[...missing]) is public, and Next's static files never reach the proxy.
  matcher: ['/dashboard/:path*', '/admin/:path*', '/api/:path*'],
};
