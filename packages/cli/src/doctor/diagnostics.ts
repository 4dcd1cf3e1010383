/**
 * The checks that need the server's own view, through the auth layer's diagnostic endpoint
 * (`diagnostics` option of createAuth): a probe `Authorization` header and a probe cookie are sent
 * (with the session cookies given by --cookie, if any), and the endpoint says whether they arrived,
 * which scheme the server believes the request came over, its clock and the cookies it sets. Off
 * by default; when it is not enabled these checks are reported as skipped.
 */
import { probe, type ProbeResult, type Send } from './probe.js';
import type { DoctorFinding } from './types.js';

export const DIAGNOSTIC_CHECKS = ['authorization-arrives', 'cookies-arrive', 'https-view', 'auth-cookies', 'cookie-attributes'] as const;

/** One auth cookie as the server sets it (names and attributes, never values). */
export interface CookieAsSet {
  role: string;
  name: string;
  prefix: string | null;
  secure: boolean;
  httpOnly: boolean;
  sameSite: string;
  path: string;
  domain: string | null;
  maxAge: number;
}

/** What the endpoint reports (the fields the doctor reads). */
export interface Seen {
  timeMs?: number;
  request?: { scheme?: string; origin?: string; expectedOrigin?: string | null };
  authorization?: { present?: boolean };
  cookies?: { name: string; bytes: number; auth: boolean }[];
  transport?: string;
  cookiesSet?: { names?: string[]; cookies?: CookieAsSet[] } | null;
}

/** The endpoint's answer: the report, or why there is none. */
export interface Asked {
  probe: ProbeResult;
  seen?: Seen;
  /** Why the checks are skipped, when `seen` is undefined. */
  why?: string;
}

export const PROBE_COOKIE = 'tessera-doctor-probe';

/**
 * Ask the endpoint what arrived of a probe request; `session` is a Cookie header to send along.
 *
 * @example
 * ```ts
 * const asked = await askDiagnostics(new URL('https://api.example.com'), '/auth', undefined, undefined);
 * ```
 */
export async function askDiagnostics(origin: URL, basePath: string, secret: string | undefined, session: string | undefined, send: Send = probe): Promise<Asked> {
  const url = new URL(`${basePath.replace(/\/$/, '')}/diagnostics`, origin);
  const r = await send(url, {
    headers: {
      authorization: 'Bearer tessera-doctor-probe', cookie: `${PROBE_COOKIE}=1${session === undefined ? '' : `; ${session}`}`,
      ...(secret === undefined ? {} : { 'x-tessera-diagnostics': secret }),
    },
  });
  let seen: Seen | undefined;
  if (r.status === 200) {
    try { seen = JSON.parse(r.body) as Seen; } catch { seen = undefined; }
    // Something else answering 200 at that path (an app's catch-all) is not the endpoint.
    if (typeof seen?.authorization !== 'object' || seen.authorization === null || !Array.isArray(seen.cookies)) seen = undefined;
  }
  if (seen !== undefined) return { probe: r, seen };
  const why = r.status === 403
    ? `${url.pathname} refused the probe (403): it needs the shared secret (--diagnostics-secret env:NAME)`
    : `${url.pathname} answered ${r.status ?? r.error} without a diagnostic report: the diagnostic endpoint is not enabled (createAuth's diagnostics option)`;
  return { probe: r, why };
}

/**
 * Whether Authorization and a cookie arrive, and which scheme the server sees.
 *
 * @example
 * ```ts
 * diagnosticFindings(asked, new URL('https://api.example.com'));
 * ```
 */
export function diagnosticFindings(asked: Asked, origin: URL): DoctorFinding[] {
  const seen = asked.seen;
  if (seen === undefined) return DIAGNOSTIC_CHECKS.slice(0, 3).map((check) => ({ check, status: 'skipped', message: asked.why! }));
  const out: DoctorFinding[] = [];
  out.push(seen.authorization?.present === true
    ? { check: 'authorization-arrives', status: 'ok', message: 'the Authorization header sent reached the server' }
    : {
      check: 'authorization-arrives', status: 'problem', message: 'an Authorization header was sent and the server did not receive it: a proxy, CDN or gateway on the way strips it',
      hint: 'bearer tokens never arrive, so every API call is "no token": forward Authorization on every hop (nginx: do not clear it with proxy_set_header Authorization ""; CloudFront: an origin request policy that forwards it), or send the token in another header named in tokenSources: { header }',
    });
  out.push(seen.cookies?.some((c) => c.name === PROBE_COOKIE) === true
    ? { check: 'cookies-arrive', status: 'ok', message: 'a cookie sent reached the server' }
    : {
      check: 'cookies-arrive', status: 'problem', message: 'a Cookie header was sent and the server did not receive the cookie: a proxy on the way drops cookies',
      hint: 'the cookie transports cannot work: forward the Cookie header on every hop (nginx: do not clear it with proxy_set_header Cookie ""; CDNs: a cache policy that forwards cookies for the API and auth paths)',
    });
  const scheme = seen.request?.scheme;
  if (origin.protocol === 'https:' && scheme === 'http') {
    out.push({
      check: 'https-view', status: 'problem', message: `the request was made over https, and the server sees it as http (${seen.request?.origin ?? 'its origin'})`,
      hint: 'TLS ends at a proxy or load balancer the app does not trust, so it sets cookies without the __Host- prefix or refuses sign-in as cross-site: set trustProxy in the adapter (true, or a function naming the proxy), make the proxy send X-Forwarded-Proto, and set origin in createAuth',
    });
  } else {
    out.push({ check: 'https-view', status: 'ok', message: `the server sees the request as ${scheme ?? 'unknown'}${seen.request?.origin === undefined ? '' : ` (${seen.request.origin})`}` });
  }
  return out;
}
