/**
 * Handing tokens to the client per transport, and taking them back (logout, failures):
 * - cookie: access token and refresh token in HttpOnly cookies;
 * - split: `header.payload` in a script-readable cookie, the signature in an HttpOnly one;
 * - bearer: both tokens in the JSON body (RFC 6749 §5.1 field names).
 * Warns at issue time when the token makes request headers approach proxy limits.
 */
import type { ResolvedConfig } from './config.js';
import type { AuthContext } from './context.js';
import { cookiePlan, type CookiePlan } from './cookie-config.js';
import { clearAll, writeChunked } from './cookies.js';
import { isLoopbackHost } from './origins.js';
import type { AccessClaims, RefreshRecord, AuthRequest } from './types.js';

export interface IssuedSession {
  access: string;
  claims: AccessClaims;
  refresh: string;
  record: RefreshRecord;
}

/** What the cookie plan reads of the configuration (the Edge check has no more than this). */
export interface CookieSettings {
  cfg: Pick<ResolvedConfig, 'cookies' | 'accessTtl' | 'transport'>;
}

/** The cookie plan of a request in a cookie transport. */
export function planFor(ctx: CookieSettings, request: AuthRequest, refreshRemaining: number): CookiePlan {
  return cookiePlan(ctx.cfg.cookies, request, { access: ctx.cfg.accessTtl, refresh: refreshRemaining }, ctx.cfg.transport === 'split');
}

function warnIfLarge<User>(ctx: AuthContext<User>, bytes: number, where: string, sub: string): void {
  if (bytes > ctx.cfg.warnTokenBytes) {
    ctx.cfg.logger.warn(`[tessera] the tokens of sub ${JSON.stringify(sub.slice(0, 64))} make ${where} ${bytes} bytes (warning threshold ${ctx.cfg.warnTokenBytes}); proxies commonly refuse request headers over 8 KB (nginx large_client_header_buffers 8k, AWS ALB 16 KB total): put fewer claims in claims(user)`);
  }
}

/** Secure cookies set over plain http to a public host are dropped by browsers: say so, once. */
function warnIfPlainHttp<User>(ctx: AuthContext<User>, request: AuthRequest, secure: boolean): void {
  const url = new URL(request.url);
  if (!secure || url.protocol !== 'http:' || isLoopbackHost(url.hostname)) return;
  ctx.warnOnce('plain-http', `[tessera] Secure session cookies are being set on a request that arrived over plain http (${url.origin}): browsers drop them, so sign-in will not stick. Serve over https, or behind a TLS-terminating proxy enable the adapter's trust-proxy setting so the request URL says https`);
}

/**
 * Adds the Set-Cookie headers (cookie modes) and returns the JSON body for a login or refresh
 * response. `present` are the cookies the request carried (stale chunks are deleted).
 */
export function deliverSession<User>(
  ctx: AuthContext<User>, request: AuthRequest, s: IssuedSession, headers: Headers, present: ReadonlyMap<string, string>, now: number,
): Record<string, unknown> {
  const { cfg } = ctx;
  const expiresIn = s.claims.exp - now;
  const refreshIn = s.record.expiresAt - now;
  if (cfg.transport === 'bearer') {
    warnIfLarge(ctx, 'Authorization: Bearer '.length + s.access.length, 'the Authorization header', s.claims.sub);
    return { access_token: s.access, token_type: 'Bearer', expires_in: expiresIn, refresh_token: s.refresh, refresh_expires_in: refreshIn, claims: s.claims };
  }
  const plan = planFor(ctx, request, refreshIn);
  warnIfPlainHttp(ctx, request, plan.secure);
  const lines: string[] = [];
  if (cfg.transport === 'split') {
    const dot = s.access.lastIndexOf('.');
    lines.push(...writeChunked(plan.access.name, s.access.slice(0, dot), plan.access.attrs, cfg.cookies, present));
    lines.push(...writeChunked(plan.signature.name, s.access.slice(dot + 1), plan.signature.attrs, cfg.cookies, present));
  } else {
    lines.push(...writeChunked(plan.access.name, s.access, plan.access.attrs, cfg.cookies, present));
  }
  lines.push(...writeChunked(plan.refresh.name, s.refresh, plan.refresh.attrs, cfg.cookies, present));
  // What the browser sends back: every name=value pair of ours in one Cookie header.
  const sent = lines.filter((l) => !l.includes('Max-Age=0')).reduce((n, l) => n + l.slice(0, l.indexOf(';')).length + 2, 'Cookie: '.length);
  warnIfLarge(ctx, sent, 'the Cookie header', s.claims.sub);
  for (const line of lines) headers.append('set-cookie', line);
  return { token_type: cfg.transport, expires_in: expiresIn, refresh_expires_in: refreshIn, claims: s.claims };
}

/** Adds Set-Cookie headers deleting every cookie of ours (logout, revoked session). No-op for bearer. */
export function clearSessionCookies<User>(ctx: AuthContext<User>, request: AuthRequest, headers: Headers, present: ReadonlyMap<string, string>): void {
  if (ctx.cfg.transport === 'bearer') return;
  const plan = planFor(ctx, request, 0);
  const lines = [...clearAll(plan.access.name, plan.access.attrs, present, ctx.cfg.cookies), ...clearAll(plan.refresh.name, plan.refresh.attrs, present, ctx.cfg.cookies)];
  if (ctx.cfg.transport === 'split') lines.push(...clearAll(plan.signature.name, plan.signature.attrs, present, ctx.cfg.cookies));
  for (const line of lines) headers.append('set-cookie', line);
}
