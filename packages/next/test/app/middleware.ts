// middleware.ts: the Edge runtime. No store here: an optimistic check, and expired tokens
// refreshed by the Node side's /auth/refresh at the configured origin.
import { createEdgeAuth } from '@tessera/jwt-core/server';
import { authMiddleware } from '@tessera/next/middleware';
import { authConfig } from './auth.config';

export default authMiddleware(createEdgeAuth(authConfig), {
  signInPage: '/sign-in',
  publicPaths: ['/'],
});

export const config = {
  // Everything but Next's static files, images and files with an extension (favicon.ico, robots.txt).
  matcher: ['/((?!_next/static|_next/image|.*\\.[a-z0-9]+$).*)'],
};
