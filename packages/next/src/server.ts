/**
 * `getAuth()` and `requireAuth()` for server components, route handlers and server actions: the
 * full check (signature, claims, revocation through the store) on the request as `next/headers`
 * shows it (`cookies()` holds what the middleware refreshed in this same request). They never
 * refresh: a server component cannot set cookies, and a rotation whose cookies are lost turns the
 * browser's next refresh into reuse. The middleware (or `withAuth`) refreshes.
 */
import { cookies, headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { adapterStep, toRequestHeadFrom, type AccessClaims, type AuthRequest, type Requirement } from '@tessera/jwt-core/server';
import { headerOf, type NextAuthOptions } from './request.js';
import { resolveAuth, type AuthSource } from './route.js';

/** Options of {@link serverAuth}. */
export interface ServerAuthOptions extends NextAuthOptions {
  /** Where `requireAuth` sends a visitor without a valid session (default `'/sign-in'`). */
  signInPage?: string;
}

/** What {@link serverAuth} returns. */
export interface ServerAuth {
  /** The verified claims, or `null` without a valid session. Throws `ERR_AUTH_UNAVAILABLE` (never access) when the check cannot be made. */
  getAuth(): Promise<AccessClaims | null>;
  /**
   * The verified claims carrying every role and permission of `requirement`. Otherwise: no valid
   * session redirects to the sign-in page; a missing right calls `forbidden()` (set
   * `experimental.authInterrupts` in next.config to render `forbidden.tsx`); an internal failure throws.
   */
  requireAuth(requirement?: Requirement): Promise<AccessClaims>;
}

/** The request head as `next/headers` shows it: no method or path there, so a GET of `/` on the request's host. */
async function head(options: NextAuthOptions): Promise<AuthRequest> {
  const h = await headers();
  const cookie = (await cookies()).getAll().map((c) => `${c.name}=${c.value}`).join('; ');
  return toRequestHeadFrom({
    method: 'GET', encrypted: false, remoteAddress: undefined, target: '/',
    header: (name) => (name === 'cookie' ? cookie || undefined : headerOf(h, name)),
    headerEntries: () => [...h.entries()].filter(([name]) => name !== 'cookie').concat(cookie === '' ? [] : [['cookie', cookie]]),
    body: () => null,
  }, { trustProxy: options.trustProxy === true });
}

/**
 * `getAuth` and `requireAuth` bound to your auth object.
 *
 * @example
 * ```ts
 * // lib/auth.ts
 * export const { getAuth, requireAuth } = serverAuth(auth, { signInPage: '/sign-in' });
 * // app/dashboard/page.tsx
 * const claims = await requireAuth();                 // or: await requireAuth({ roles: ['admin'] })
 * ```
 */
export function serverAuth(source: AuthSource, options: ServerAuthOptions = {}): ServerAuth {
  const check = async (requirement: Requirement | undefined, passthrough: boolean) => {
    // Outside the step: `headers()` and `cookies()` throw Next.js's own signals (a page being
    // prerendered becomes dynamic), which must reach Next.js, not become a 503.
    const request = await head(options);
    return adapterStep(async () => {
      const auth = await resolveAuth(source);
      const result = await auth.authenticate(request, { refresh: false });
      return result.ok && requirement !== undefined ? auth.authorize(result.claims, requirement) : result;
    }, { onError: options.onError, passthrough });
  };

  return {
    async getAuth() {
      const step = await check(undefined, true);
      if (step.action === 'respond') throw step.error;
      return step.claims ?? null;
    },
    async requireAuth(requirement) {
      const step = await check(requirement, false);
      if (step.action === 'continue') return step.claims!;
      if (step.response.status === 401) redirect(options.signInPage ?? '/sign-in');
      if (step.response.status === 403) forbidden();
      throw step.error;
    },
  };
}
