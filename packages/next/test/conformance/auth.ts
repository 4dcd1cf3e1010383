// Replaces lib/auth.ts in the conformance build: the adapter conformance suite builds a new auth
// layer per case in the test process and serves it through this Next.js server, in-process.
import type { Auth } from '@tessera/jwt-core/server';
import { nextAuth } from '@tessera/next';

interface Slot {
  auth: Auth;
  trustProxy: boolean;
  onError(error: unknown): void;
}

function slot(): Slot {
  const current = (globalThis as Record<symbol, Slot | undefined>)[Symbol.for('@tessera/next.conformance')];
  if (current === undefined) throw new Error('no conformance case is running');
  return current;
}

export const auth = (): Auth => slot().auth;

export const { GET, POST, withAuth, getAuth, requireAuth } = nextAuth(auth, {
  signInPage: '/sign-in',
  get trustProxy() {
    return slot().trustProxy;
  },
  onError: (error) => slot().onError(error),
});
