// lib/auth.ts: the auth layer of the Next.js side, from what src/app.mjs prepared at start-up
// (src/slot.mjs): createAuth's options with the session store (memory or Redis) and the users, and
// the key variables. Each bundle that imports this file builds its own auth object with the copy of
// the core bundled with it, so the errors it throws are the classes @tessera/next compares against;
// all of them share the one store, so a logout seen by one is seen by all.
import { loadKeyRing } from '@tessera/jwt-core';
import { createAuth, type Auth, type AuthConfig } from '@tessera/jwt-core/server';
import { nextAuth } from '@tessera/next';
import type { MiddlewareAuth } from '@tessera/next/middleware';
import { current } from '../src/slot.mjs';

/** What src/app.mjs installed. */
export interface Example {
  /** createAuth's options, without `keys`. */
  authOptions: Omit<AuthConfig, 'keys'>;
  /** The key variables (TESSERA_SIGNING_KEY, ...) for loadKeyRing. */
  keyEnv: Record<string, string>;
  /** Whether a path is one of the auth endpoints (the core's answer for these options). */
  handles(target: string): boolean;
  origin: string;
  transport: 'cookie' | 'bearer' | 'split';
  accessTokenTtl: string;
  /** Refreshes the session `sid` has seen in this process. */
  refreshes(sid: string): number;
  /** The server's clock (the demo moves it). */
  now(): Date;
}

export const example = (): Example => current() as unknown as Example;

// One auth object per app started in this process (tests start several, one after the other).
const built = new WeakMap<Example, Promise<Auth>>();
/** The auth object, built on first use (not while `next build` loads this file). */
export function auth(): Promise<Auth> {
  const setup = example();
  let made = built.get(setup);
  if (made === undefined) {
    made = loadKeyRing({ env: setup.keyEnv }).then((keys) => createAuth({ ...setup.authOptions, keys } as AuthConfig));
    built.set(setup, made);
  }
  return made;
}

/** For proxy.ts: the middleware takes its auth object synchronously; this one builds it on the first request. */
export const middlewareAuth: MiddlewareAuth = {
  authenticate: async (request) => (await auth()).authenticate(request),
  handles: (target) => example().handles(target),
};

export const { GET, POST, withAuth, getAuth, requireAuth } = nextAuth(auth, { signInPage: '/sign-in' });
