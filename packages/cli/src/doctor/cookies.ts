/**
 * The auth cookies, from the diagnostic endpoint: which of the session cookies given with --cookie
 * arrive and their sizes (a proxy dropping large cookies, a browser's 4096-byte limit per cookie,
 * RFC 6265 §6.1), and the attributes the server sets on each (RFC 6265bis §4.1.2-4.1.3): what a
 * browser refuses, what leaks the session, what weakens it.
 */
import type { Asked, CookieAsSet } from './diagnostics.js';
import { PROBE_COOKIE } from './diagnostics.js';
import type { Observed } from './set-cookie.js';
import type { DoctorFinding } from './types.js';

/** Browsers store at most this per cookie (name and value), RFC 6265 §6.1. */
const COOKIE_MAX = 4096;
/** A Cookie header past this is refused by common proxy defaults (nginx 8k buffers). */
const HEADER_WARN = 8192;

/**
 * Which session cookies sent (names of the --cookie header, or undefined when none was given)
 * reached the server, and their sizes.
 *
 * @example
 * ```ts
 * authCookiesFinding(asked, ['__Host-tessera-at', '__Secure-tessera-rt']);
 * ```
 */
export function authCookiesFinding(asked: Asked, sent: readonly string[] | undefined): DoctorFinding {
  const check = 'auth-cookies';
  if (asked.seen === undefined) return { check, status: 'skipped', message: asked.why! };
  if (asked.seen.transport === 'bearer') return { check, status: 'skipped', message: 'the server uses the bearer transport: it sets no auth cookies' };
  const names = asked.seen.cookiesSet?.names ?? [];
  if (sent === undefined) {
    return { check, status: 'skipped', message: `no session cookies were given: pass --cookie env:NAME with a signed-in browser's Cookie header to see which of ${names.join(', ') || 'the auth cookies'} arrive and their sizes` };
  }
  const arrived = (asked.seen.cookies ?? []).filter((c) => c.name !== PROBE_COOKIE);
  // The endpoint reports names cut at 64 characters.
  const lost = sent.filter((name) => !arrived.some((c) => c.name === name.slice(0, 64)));
  const auth = arrived.filter((c) => c.auth);
  const sizes = auth.map((c) => `${c.name} ${c.bytes} bytes`).join(', ');
  const total = arrived.reduce((n, c) => n + c.bytes + 2, 0);
  const big = arrived.filter((c) => c.bytes > COOKIE_MAX);
  if (lost.length > 0) {
    return {
      check, status: 'problem', message: `${lost.length} of the ${sent.length} cookies sent did not reach the server: ${lost.slice(0, 5).join(', ')}${auth.length > 0 ? `; arrived: ${sizes}` : ''}`,
      hint: 'a proxy, CDN or WAF on the way drops these cookies (a cookie allow-list, or a per-cookie or per-header size limit): forward every cookie named in cookies.names (with their __Host-/__Secure- prefixes and .N chunks), and raise the header size limits',
    };
  }
  if (big.length > 0) {
    return {
      check, status: 'problem', message: `${big.map((c) => `${c.name} is ${c.bytes} bytes`).join(', ')}: browsers refuse to store a cookie over ${COOKIE_MAX} bytes`,
      hint: 'a browser would drop it, so the session is lost at sign-in: keep cookies.chunkSize at its default (3800) so tokens are split, and put fewer claims in claims(user)',
    };
  }
  if (auth.length === 0) {
    return {
      check, status: 'warning', message: `the cookies given hold none of the auth cookies (${names.join(', ')})`,
      hint: 'copy the Cookie header from a browser signed in to this deployment (developer tools, a request to the API), or check cookies.names',
    };
  }
  if (total > HEADER_WARN) {
    return {
      check, status: 'warning', message: `the auth cookies arrive (${sizes}), and the Cookie header is ${total} bytes, over the ${HEADER_WARN} bytes many proxies allow`,
      hint: 'raise the header limits on every hop (nginx: large_client_header_buffers 4 16k) or put fewer claims in claims(user); see the header-size check',
    };
  }
  return { check, status: 'ok', message: `the auth cookies arrive: ${sizes} (Cookie header ${total} bytes)` };
}

const isLoopback = (host: string) => host === 'localhost' || host.endsWith('.localhost') || host === '127.0.0.1' || host === '[::1]' || host === '::1';

/** "Secure; HttpOnly; SameSite=Lax; Path=/; Max-Age=600" as the Set-Cookie line would have it. */
function attributes(c: CookieAsSet): string {
  return [c.secure ? 'Secure' : '', c.httpOnly ? 'HttpOnly' : '', `SameSite=${c.sameSite}`, `Path=${c.path}`, c.domain === null ? '' : `Domain=${c.domain}`, Number.isNaN(c.maxAge) ? '' : `Max-Age=${c.maxAge}`]
    .filter((a) => a !== '').join('; ');
}

const COMPARED = ['secure', 'httpOnly', 'sameSite', 'path', 'domain'] as const;

/** What the server says it sets against what arrived through the proxies: a stripped or rewritten Set-Cookie. */
function compare(reported: readonly CookieAsSet[], wire: readonly CookieAsSet[]): Omit<DoctorFinding, 'check'>[] {
  const out: Omit<DoctorFinding, 'check'>[] = [];
  for (const c of reported) {
    const w = wire.find((x) => x.name === c.name);
    if (w === undefined) {
      out.push({ status: 'problem', message: `the server sets ${c.name}, and its Set-Cookie did not arrive: something on the way strips Set-Cookie headers`, hint: 'the session cookies never reach the browser: let Set-Cookie through on the auth routes (a CDN or cache that drops it on cacheable responses, nginx proxy_hide_header Set-Cookie, an API gateway\'s header allow-list)' });
    } else if (COMPARED.some((k) => w[k] !== c[k])) {
      const server = attributes({ ...c, maxAge: Number.NaN });
      out.push({ status: 'problem', message: `a proxy on the way rewrites the Set-Cookie of ${c.name}: the server sets ${server}, the browser receives ${attributes(w)}`, hint: 'remove the rewrite (nginx proxy_cookie_path, proxy_cookie_domain or proxy_cookie_flags; a CDN\'s cookie rules) and set what you want through the auth layer\'s cookies option (refreshPath, domain, sameSite, secure), so the server and the browser agree' });
    }
  }
  return out;
}

/** The problems and warnings of one cookie, each with its fix. */
function review(c: CookieAsSet, url: URL, transport: string | undefined): Omit<DoctorFinding, 'check'>[] {
  const out: Omit<DoctorFinding, 'check'>[] = [];
  const host = url.hostname;
  const https = url.protocol === 'https:';
  if (c.sameSite === 'None' && !c.secure) {
    out.push({ status: 'problem', message: `${c.name} is set SameSite=None without Secure: browsers refuse to store it`, hint: "leave cookies.secure at 'auto' or true (SameSite=None forces Secure in the auth layer), and serve over https" });
  }
  if (https && !c.secure) {
    out.push({ status: 'problem', message: `${c.name} is set without Secure on an https deployment: browsers would also send it over plain http, where anyone on the path reads the session`, hint: "leave cookies.secure at 'auto' (Secure except on loopback http) and set origin in createAuth to the https URL users see; behind a TLS-terminating proxy set trustProxy" });
  }
  if (!https && c.secure && !isLoopback(host)) {
    out.push({ status: 'problem', message: `${c.name} is set Secure, and ${url.origin} is plain http: browsers drop Secure cookies from http responses, so sign-in does not stick`, hint: 'serve the deployment over https (what users reach), or doctor the https URL' });
  }
  // Without the endpoint the role is unknown, and the split transport's header.payload cookie is script-readable by design.
  if (!c.httpOnly && c.role !== 'unknown' && !(c.role === 'access' && transport === 'split')) {
    out.push({ status: 'problem', message: `${c.name} (the ${c.role} cookie) is set without HttpOnly: any script on the page, an injected one too, can read the session`, hint: 'the auth layer sets HttpOnly on every session cookie except the split transport\'s header.payload cookie: check what rewrites the Set-Cookie headers on the way (a proxy_cookie_flags or a framework cookie middleware)' });
  }
  if (c.domain !== null) {
    const d = c.domain.replace(/^\./, '').toLowerCase();
    if (!d.includes('.')) {
      out.push({ status: 'problem', message: `${c.name} is set with Domain=${c.domain}, a top-level name: browsers refuse it`, hint: 'leave cookies.domain out (a host-only cookie, with the __Host- prefix) or give the registrable domain, e.g. example.com' });
    } else if (host !== d && !host.endsWith(`.${d}`)) {
      out.push({ status: 'problem', message: `${c.name} is set with Domain=${c.domain}, which does not cover ${host}: browsers refuse to store it`, hint: `set cookies.domain to ${host} or a parent of it, or leave it out (a host-only cookie)` });
    } else {
      out.push({ status: 'warning', message: `${c.name} is set with Domain=${c.domain}: it goes to every host under ${d}, and any of them (a staging app, user content, a compromised host) receives the session and can set a cookie that shadows it`, hint: 'leave cookies.domain out unless sibling hosts must share the session: a host-only cookie gets the __Host- prefix, which no other host can set' });
    }
  }
  if (c.secure && c.prefix === null) {
    out.push({ status: 'warning', message: `${c.name} has no __Host- or __Secure- prefix: a sibling subdomain or a plain-http page on this host can plant a cookie of that name (cookie tossing)`, hint: 'leave cookies.hostPrefix at true' });
  }
  if (c.sameSite === 'None') {
    out.push({ status: 'warning', message: `${c.name} is set SameSite=None: cross-site requests carry the session, and browsers that block third-party cookies (Safari, Firefox, private windows) drop it anyway`, hint: 'serve the front end on the same site as the API (a reverse-proxy path or a subdomain) and use SameSite=Lax, or use the bearer transport' });
  }
  return out;
}

/**
 * Each auth cookie's attributes as the browser receives them (the logout answer's Set-Cookie lines)
 * and as the server says it sets them (the diagnostic endpoint), what differs on the way, and
 * what is wrong with them. Either source alone is enough.
 *
 * @example
 * ```ts
 * cookieAttributeFindings(asked, new URL('https://api.example.com'), await observeSetCookies(origin, '/auth', send));
 * ```
 */
export function cookieAttributeFindings(asked: Asked, url: URL, observed: Observed): DoctorFinding[] {
  const check = 'cookie-attributes';
  if (asked.seen?.transport === 'bearer') return [{ check, status: 'skipped', message: 'the server uses the bearer transport: it sets no auth cookies' }];
  const reported = Array.isArray(asked.seen?.cookiesSet?.cookies) ? asked.seen!.cookiesSet!.cookies! : undefined;
  const wire = observed.cookies !== undefined && (observed.cookies.length > 0 || reported !== undefined) ? observed.cookies : undefined;
  if (reported === undefined && wire === undefined) {
    const endpoint = asked.seen === undefined ? asked.why! : 'the diagnostic endpoint does not report the cookie attributes (an older @tessera/jwt-core)';
    return [{ check, status: 'skipped', message: `${endpoint}; and ${observed.why}` }];
  }
  const issues = reported !== undefined && wire !== undefined ? compare(reported, wire) : [];
  // As received where it could be read (Max-Age and the role from the endpoint), else as reported.
  const effective = wire === undefined ? reported! : reported === undefined ? wire : reported.map((r) => {
    const w = wire.find((c) => c.name === r.name);
    return w === undefined ? r : { ...w, role: r.role, maxAge: r.maxAge };
  });
  issues.push(...effective.flatMap((c) => review(c, url, asked.seen?.transport)));
  const listed = effective.map((c) => `${c.name}: ${attributes(c)}`).join(' | ');
  const source = wire === undefined ? 'as the diagnostic endpoint reports' : observed.why;
  return issues.length > 0 ? issues.map((f) => ({ check, ...f })) : [{ check, status: 'ok', message: `the auth cookies are set as ${listed} (${source})` }];
}
