/**
 * The auth cookies' attributes as a browser receives them: `POST <base-path>/logout` without any
 * credential revokes nothing, and its answer deletes every auth cookie with a `Set-Cookie` line
 * carrying the attributes they are set with (RFC 6265 §4.1; only `Max-Age` is 0). Read after every
 * proxy on the way, so a rewrite (nginx `proxy_cookie_path`, `proxy_cookie_flags`, a CDN's cookie
 * rules) or a stripped `Set-Cookie` shows against what the diagnostic endpoint says the server sets.
 */
import type { CookieAsSet } from './diagnostics.js';
import type { Send } from './probe.js';

/** What the logout answer showed: the cookies deleted (attributes as received), or why there are none. */
export interface Observed {
  cookies?: CookieAsSet[];
  why: string;
}

/** One `Set-Cookie` line read into the fields the doctor compares; role and Max-Age are not on the wire. */
export function parseSetCookie(line: string): CookieAsSet {
  const [pair, ...attrs] = line.split(';').map((s) => s.trim());
  const name = pair!.slice(0, Math.max(0, pair!.indexOf('=')));
  const attr = (key: string) => attrs.find((a) => a.toLowerCase() === key || a.toLowerCase().startsWith(`${key}=`));
  const value = (key: string) => attr(key)?.slice(key.length + 1);
  const sameSite = value('samesite');
  return {
    role: 'unknown', name, prefix: /^__(Host|Secure)-/.exec(name)?.[0] ?? null,
    secure: attr('secure') !== undefined, httpOnly: attr('httponly') !== undefined,
    sameSite: sameSite === undefined ? '(not set)' : sameSite[0]!.toUpperCase() + sameSite.slice(1).toLowerCase(),
    path: value('path') ?? '(not set)', domain: value('domain') ?? null, maxAge: Number.NaN,
  };
}

/**
 * Ask the logout endpoint to delete the auth cookies, and read how.
 *
 * @example
 * ```ts
 * const observed = await observeSetCookies(new URL('https://api.example.com'), '/auth', send);
 * ```
 */
export async function observeSetCookies(origin: URL, basePath: string, send: Send): Promise<Observed> {
  const url = new URL(`${basePath.replace(/\/$/, '')}/logout`, origin);
  const r = await send(url, { method: 'POST', headers: { origin: origin.origin, 'content-type': 'application/json' }, body: '{}' });
  const where = `POST ${url.pathname}`;
  if (r.status !== 200) {
    return { why: `${where} answered ${r.status ?? r.error}${r.status === 403 ? ' (the server does not see this origin as its own: see https-view)' : ''}, so the Set-Cookie lines could not be read` };
  }
  const lines = r.headers['set-cookie'] ?? [];
  // Only the lines that delete: an app's own cookies set on every response are not ours to judge.
  const cookies = lines.filter((l) => /;\s*max-age=0(;|$)/i.test(l)).slice(0, 20).map(parseSetCookie);
  return cookies.length === 0
    ? { cookies: [], why: `${where} answered 200 without deleting any cookie (the bearer transport, or something on the way strips Set-Cookie)` }
    : { cookies, why: `read from the Set-Cookie lines of ${where}` };
}
