/**
 * CSRF defence for cookie-authenticated requests: a state-changing request (anything but GET, HEAD,
 * OPTIONS; RFC 9110 §9.2.1 safe methods) must come from an allowed origin. Browsers send `Origin`
 * on every cross-origin and every non-GET request (Fetch standard), and `Sec-Fetch-Site` (Fetch
 * Metadata) everywhere modern; a request with neither is refused, since the check cannot be made.
 */
import { JoseError } from '../errors.js';
import type { AuthContext } from './context.js';
import { requestOrigin } from './origins.js';
import type { AuthRequest } from './types.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether the method is safe (not state-changing) and so exempt from the check. */
export function isSafeMethod(method: string): boolean {
  return SAFE.has(method.toUpperCase());
}

/**
 * Undefined when `request` passes, else the ERR_AUTH_FORBIDDEN error saying which origin came and
 * which are allowed. `allowed` empty means "the request's own origin" (same-origin deployments).
 */
export function checkCsrf(request: AuthRequest, allowed: readonly string[]): JoseError | undefined {
  if (isSafeMethod(request.method)) return undefined;
  const list = allowed.length > 0 ? allowed : [requestOrigin(request)];
  const origin = request.headers.get('origin');
  if (origin !== null) {
    if (origin !== 'null' && list.includes(origin.toLowerCase())) return undefined;
    const schemeOnly = schemeMismatch(origin.toLowerCase(), list, allowed.length === 0);
    if (schemeOnly !== undefined) return schemeOnly;
    return new JoseError('ERR_AUTH_FORBIDDEN', `cross-site request refused: Origin ${JSON.stringify(origin.slice(0, 200))} is not an allowed origin; allowed: ${list.join(', ')}`, {
      hint: 'add the front-end origin to allowedOrigins, or call the API from an allowed origin',
      reason: 'csrf_origin', allowed: list,
    });
  }
  const site = request.headers.get('sec-fetch-site');
  if (site === 'same-origin' || site === 'none') return undefined;
  const why = site === null
    ? 'the request has neither an Origin nor a Sec-Fetch-Site header'
    : `Sec-Fetch-Site is ${JSON.stringify(site.slice(0, 40))} and there is no Origin header`;
  return new JoseError('ERR_AUTH_FORBIDDEN', `cross-site request refused: ${why}, so it cannot be shown to come from an allowed origin (${list.join(', ')})`, {
    hint: 'browsers send Origin on POST; non-browser clients using cookies must send an Origin header naming an allowed origin, or use the bearer transport',
    reason: 'csrf_origin', allowed: list,
  });
}

/**
 * An https:// Origin that differs from an allowed one only in its scheme (the server's view, or
 * the configured origin, is http://) is not an attack: TLS ends at a proxy whose X-Forwarded-Proto is not
 * trusted, or the configured origin names the wrong scheme. The refusal says so, with that fix.
 */
function schemeMismatch(origin: string, list: readonly string[], ownView: boolean): JoseError | undefined {
  // Only a browser on https:// against an http:// view: the other way round (a plain-http page
  // posting to the TLS site) is what the check is for, and gets the generic refusal.
  const m = /^https:\/\/(.+)$/.exec(origin);
  if (m === null) return undefined;
  const other = `http://${m[1]}`;
  if (!list.includes(other)) return undefined;
  const message = `cross-site request refused: Origin ${JSON.stringify(origin.slice(0, 200))} differs from ${ownView ? "this server's view of the request" : 'the allowed origin'} ${other} only in its scheme`;
  return new JoseError('ERR_AUTH_FORBIDDEN', message, {
    reason: 'csrf_origin', allowed: list,
    hint: ownView
      ? `TLS ends at a proxy or load balancer whose X-Forwarded-Proto is not trusted, so this server sees http: set trustProxy in the adapter (true, or a function naming the proxy's address), or set origin: '${origin}' in createAuth`
      : `the configured origin names the other scheme: set origin (or allowedOrigins) to '${origin}', the address users open`,
  });
}

/**
 * The check every cookie-authenticated path makes (sign-in, refresh, logout, a protected request
 * whose token came from a cookie): undefined when the request passes or the transport is bearer
 * (no ambient credentials to abuse), else the refusal.
 */
export function csrfRefusal<User>(ctx: AuthContext<User>, request: AuthRequest): JoseError | undefined {
  return ctx.cfg.transport === 'bearer' ? undefined : checkCsrf(request, ctx.cfg.allowedOrigins);
}
