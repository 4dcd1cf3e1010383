/**
 * `GET <basePath>/diagnostics` (when the `diagnostics` option enables it): what this server sees of
 * the request, for `tessera doctor` to compare with what it sent. Whether `Authorization` arrived
 * (its scheme and size), which cookies arrived (names and sizes) and which of them are the auth
 * cookies, the scheme and origin the server believes (a trust-proxy mistake shows here), the
 * request headers' sizes, the server's clock, and each auth cookie as a sign-in would set it for this
 * request (name, prefix, Secure, HttpOnly, SameSite, Path, Domain, Max-Age). Never a token, a
 * cookie value, a header value beyond the scheme, or a key.
 */
import { timingSafeEqualString } from '../../lib/constant-time.js';
import { JoseError } from '../../errors.js';
import type { AuthContext } from '../context.js';
import { parseCookies } from '../cookies.js';
import type { CookiePlan } from '../cookie-config.js';
import type { CookieAttributes } from '../cookies.js';
import { planFor } from '../deliver.js';
import { requestOrigin } from '../origins.js';

export function diagnostics<User>(ctx: AuthContext<User>, request: Request): Response {
  const settings = ctx.cfg.diagnostics!;
  const given = request.headers.get('x-tessera-diagnostics');
  if (settings.secret !== undefined && (given === null || !timingSafeEqualString(given, settings.secret))) {
    return ctx.refuse(new JoseError('ERR_AUTH_FORBIDDEN', 'the diagnostic endpoint needs the shared secret in the X-Tessera-Diagnostics header', {
      reason: 'diagnostics_secret', hint: 'give tessera doctor the secret configured in diagnostics: { secret }: --diagnostics-secret env:NAME',
    }));
  }
  const url = new URL(request.url);
  const authorization = request.headers.get('authorization');
  const cookies = parseCookies(request);
  const plan = planFor(ctx, request, ctx.cfg.refreshTtl);
  const authNames = [plan.access.name, plan.signature.name, plan.refresh.name];
  const isAuthCookie = (name: string) => authNames.some((n) => name === n || name.startsWith(`${n}.`));
  let largest = { name: '', bytes: 0 };
  let headerBytes = 0;
  let headerCount = 0;
  request.headers.forEach((value, name) => {
    const bytes = name.length + 2 + value.length;
    headerBytes += bytes;
    headerCount += 1;
    if (bytes > largest.bytes) largest = { name, bytes };
  });
  const now = ctx.cfg.now();
  const body = {
    // The auth layer's own clock (the one tokens are checked against), to the millisecond.
    time: now.toISOString(),
    timeMs: now.getTime(),
    request: { scheme: url.protocol.replace(':', ''), origin: requestOrigin(request), expectedOrigin: ctx.cfg.origin ?? null },
    authorization: authorization === null ? { present: false } : { present: true, scheme: /^\S+/.exec(authorization)?.[0]?.slice(0, 20) ?? '', bytes: authorization.length },
    cookies: [...cookies].map(([name, value]) => ({ name: name.slice(0, 64), bytes: name.length + 1 + value.length, auth: isAuthCookie(name) })),
    headers: { count: headerCount, bytes: headerBytes, largest },
    transport: ctx.cfg.transport,
    cookiesSet: ctx.cfg.transport === 'bearer' ? null : {
      names: authNames, secure: plan.secure, sameSite: plan.access.attrs.sameSite, domain: plan.access.attrs.domain ?? null,
      chunkSize: ctx.cfg.cookies.chunkSize, maxChunks: ctx.cfg.cookies.maxChunks,
      cookies: cookiesAsSet(plan, ctx.cfg.transport === 'split'),
    },
  };
  return new Response(request.method === 'HEAD' ? null : `${JSON.stringify(body)}\n`, {
    status: 200, headers: { 'content-type': 'application/json', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' },
  });
}

/** One auth cookie's name and attributes, as a sign-in on this request would set them. */
function describe(role: string, c: { name: string; attrs: CookieAttributes }) {
  const prefix = /^__(Host|Secure)-/.exec(c.name)?.[0] ?? null;
  const { secure, httpOnly, sameSite, path, maxAge } = c.attrs;
  return { role, name: c.name, prefix, secure, httpOnly, sameSite, path, domain: c.attrs.domain ?? null, maxAge };
}

function cookiesAsSet(plan: CookiePlan, split: boolean) {
  return [describe('access', plan.access), ...(split ? [describe('signature', plan.signature)] : []), describe('refresh', plan.refresh)];
}
