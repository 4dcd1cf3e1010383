// proxy.ts: the Node runtime. The full check, refreshed directly through the auth object's store.
import { authMiddleware } from '@tessera/next/middleware';
import { auth } from './lib/auth';

export default authMiddleware(auth, {
  signInPage: '/sign-in',
  publicPaths: ['/'],
});

export const config = {
  // Everything but Next's static files, images and files with an extension (favicon.ico, robots.txt).
  matcher: ['/((?!_next/static|_next/image|.*\\.[a-z0-9]+$).*)'],
};
