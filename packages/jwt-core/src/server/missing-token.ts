/**
 * The refusal for a request without an access token, with the likely story rather than only "sign
 * in first" (issue 15's failure modes):
 * - `Authorization` with another scheme (Basic, Digest...): the client sent the wrong credentials;
 * - a cookie-transport request from a cross-site context (a foreign `Origin`, or `Sec-Fetch-Site:
 *   cross-site`) with no cookies at all: the browser never sent the session cookies cross-site
 *   (SameSite, third-party cookie blocking), and signing in again will not change that;
 * - a request that came through a proxy or CDN (headers only proxies add): `Authorization` may have
 *   been stripped on the way;
 * - a Cookie header longer than the parser reads (or with too many cookies): a size error (431),
 *   since the session cookies may be past the cut.
 * Messages name header names, never their values (an IP, a token) beyond the request's own Origin.
 */
import { JoseError } from '../errors.js';
import type { AuthContext } from './context.js';
import { cookieHeaderCut } from './cookies.js';
import { requestOrigin } from './origins.js';
import type { AuthRequest } from './types.js';

/** Headers that only proxies and CDNs add (X-Forwarded-For is left out: adapters always set it). */
const PROXY_HEADERS = ['via', 'forwarded', 'x-forwarded-proto', 'x-forwarded-host', 'x-real-ip', 'cf-ray', 'x-amz-cf-id', 'fastly-client-ip', 'x-azure-ref', 'true-client-ip'] as const;

const SCHEME = /^\s*([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*)/;

/**
 * ERR_TOKEN_MISSING for `request`, with the reason and hint that fit it: `wrong_scheme`,
 * `cross_site` (cookie transports), `proxied`, or none (not signed in); or ERR_AUTH_REQUEST_INVALID
 * `headers_too_large` when the Cookie header was cut.
 */
export function missingToken<User>(ctx: AuthContext<User>, request: AuthRequest, cookies: ReadonlyMap<string, string>): JoseError {
  const scheme = SCHEME.exec(request.headers.get('authorization') ?? '')?.[1];
  if (scheme !== undefined && scheme.toLowerCase() !== 'bearer') {
    return new JoseError('ERR_TOKEN_MISSING', `the Authorization header uses the ${JSON.stringify(scheme.slice(0, 20))} scheme; this resource takes a Bearer access token`, {
      reason: 'wrong_scheme', hint: 'send "Authorization: Bearer <access token>" (RFC 6750 §2.1); credentials (Basic) are for the login endpoint only',
    });
  }
  const cut = ctx.cfg.transport === 'bearer' ? undefined : cookieHeaderCut(request);
  if (cut !== undefined) {
    return new JoseError('ERR_AUTH_REQUEST_INVALID', `${cut.message}, and no access token was found in what was read: the session cookies may be past the cut`, {
      reason: 'headers_too_large', limit: cut.limit,
      hint: 'too many or too large cookies reach this host: cookies of other apps on the same parent domain (set with Domain=), or stale ones. Remove them (clear them, narrow their Domain or Path) and keep the session small (fewer claims)',
    });
  }
  const crossSite = ctx.cfg.transport === 'bearer' || cookies.size > 0 ? undefined : crossSiteContext(request, ctx.cfg.allowedOrigins);
  if (crossSite !== undefined) {
    return new JoseError('ERR_TOKEN_MISSING', `the request carries no access token and no cookies at all, and it comes from a cross-site context (${crossSite})`, {
      reason: 'cross_site',
      hint: 'the browser did not send the session cookies cross-site: SameSite=Lax/Strict cookies are never sent on cross-site requests, and browsers that block third-party cookies drop SameSite=None ones too, so signing in again will not help. '
        + 'Serve the front end from the same site as the API (app.example.com and api.example.com, or the API behind a path of the front end\'s origin), or use the bearer transport (@tessera/client) for a cross-site front end',
    });
  }
  const via = PROXY_HEADERS.filter((h) => request.headers.get(h) !== null);
  if (via.length > 0) {
    return new JoseError('ERR_TOKEN_MISSING', `the request carries no access token; it came through a proxy or CDN (it has ${via.join(', ')})`, {
      reason: 'proxied',
      hint: 'if the client sent "Authorization: Bearer", a proxy, CDN or gateway on the way removed it (some drop Authorization unless told to forward it): forward the header on every hop, '
        + 'or have clients send the token in another header and name it in tokenSources: { header: \'X-Access-Token\' }; if the client sent nothing, it must sign in first',
    });
  }
  return new JoseError('ERR_TOKEN_MISSING', 'the request carries no access token', {
    hint: 'sign in first; send the token as "Authorization: Bearer <token>" or, in the cookie transports, let the browser send the cookies (credentials: "include")',
  });
}

/** What makes the request cross-site, or undefined: a foreign Origin, or Sec-Fetch-Site: cross-site. */
function crossSiteContext(request: AuthRequest, allowed: readonly string[]): string | undefined {
  const site = request.headers.get('sec-fetch-site');
  const origin = request.headers.get('origin');
  if (origin !== null && origin !== 'null') {
    const own = allowed.length > 0 ? allowed : [requestOrigin(request)];
    if (!own.includes(origin.toLowerCase())) return `Origin ${JSON.stringify(origin.slice(0, 200))}`;
  }
  return site === 'cross-site' ? 'Sec-Fetch-Site: cross-site' : undefined;
}
