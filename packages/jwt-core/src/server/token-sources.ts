/**
 * Finding the access token of a request, in this order: `Authorization: Bearer` (RFC 6750 §2.1),
 * the configured alternative header, the cookies (cookie and split transports), the configured
 * query parameter (§2.3) and form field (§2.2). Query and form sources are off by default: URLs end
 * up in logs and Referer headers.
 */
import { invalidOption, JoseError } from '../errors.js';
import type { ResolvedConfig } from './config.js';
import type { AuthContext } from './context.js';
import { readChunked } from './cookies.js';
import { readFields } from './credentials.js';
import { planFor, type CookieSettings } from './deliver.js';
import type { AuthRequest } from './types.js';

export type TokenVia = 'authorization' | 'header' | 'cookie' | 'query' | 'form';

export interface FoundToken {
  token: string;
  /** Where it came from; cookies are ambient credentials and need the CSRF check. */
  via: TokenVia;
}

const TOKEN68 = /^[A-Za-z0-9\-._~+/]+=*$/;
/** `Bearer` SP+ token68 in one scan (the token68 characters include no space). */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

/** `Bearer <token>` (or, for the alternative header, a bare token); undefined for other schemes. */
function fromHeader(value: string | null, name: string, bareAllowed: boolean): string | undefined {
  if (value === null) return undefined;
  const v = value.trim();
  const m = BEARER.exec(v);
  if (m !== null) return m[1];
  if (bareAllowed && TOKEN68.test(v)) return v;
  if (/^Bearer\b/i.test(v) || (bareAllowed && v !== '')) {
    throw new JoseError('ERR_JWS_INVALID', `the ${name} header is malformed: expected "Bearer <token>"`, {
      reason: 'malformed', hint: 'send exactly one token after "Bearer " (RFC 6750 §2.1)',
    });
  }
  return undefined;
}

/** What finding a token in the head reads of the configuration (the Edge check has no more than this). */
export interface SourceSettings extends CookieSettings {
  cfg: Pick<ResolvedConfig, 'cookies' | 'accessTtl' | 'transport' | 'tokenSources'>;
}

/** The access token of `request` in cookie/split layout, joined from its cookies. */
function fromCookies(ctx: SourceSettings, request: AuthRequest, cookies: ReadonlyMap<string, string>): string | undefined {
  const plan = planFor(ctx, request, 0);
  const main = readChunked(plan.access.name, cookies, ctx.cfg.cookies);
  if (ctx.cfg.transport !== 'split') return main;
  const signature = readChunked(plan.signature.name, cookies, ctx.cfg.cookies);
  if (main === undefined && signature === undefined) return undefined;
  if (main === undefined || signature === undefined) {
    throw new JoseError('ERR_JWS_INVALID', `the split token is incomplete: the ${main === undefined ? 'header.payload' : 'signature'} cookie is missing`, {
      reason: 'split_incomplete', hint: 'both cookies are set together at sign-in and refresh; sign in again',
    });
  }
  return `${main}.${signature}`;
}

/**
 * The full Web Request behind `request`, for the form-field source. A request head without
 * `toRequest()` cannot show its body: deny (503) rather than skip a configured token source.
 */
function withBody(request: AuthRequest): Request {
  const r = request as Partial<Request> & AuthRequest;
  if (typeof r.clone === 'function' && 'body' in r) return r as Request;
  if (typeof r.toRequest === 'function') return r.toRequest();
  throw invalidOption(`tokenSources.formField is configured but auth.authenticate was given a request without a body (no toRequest()), so the ${r.method} form body cannot be searched for the token`,
    'pass a Web Request, or a request head with toRequest() (as @tessera/node does)');
}

/**
 * The access token in the head of the request (headers, cookies, query) and where it came from, or
 * undefined. Synchronous: the common case costs no promise. Throws as {@link findAccessToken}.
 */
export function findInHead(ctx: SourceSettings, request: AuthRequest, cookies: ReadonlyMap<string, string>): FoundToken | undefined {
  const { tokenSources: src, transport } = ctx.cfg;
  const bearer = fromHeader(request.headers.get('authorization'), 'Authorization', false);
  if (bearer !== undefined) return { token: bearer, via: 'authorization' };
  if (src.header !== undefined) {
    const token = fromHeader(request.headers.get(src.header), src.header, true);
    if (token !== undefined) return { token, via: 'header' };
  }
  if (transport !== 'bearer') {
    const token = fromCookies(ctx, request, cookies);
    if (token !== undefined) return { token, via: 'cookie' };
  }
  if (src.queryParam !== undefined) {
    // Only here is the URL parsed: adapters may compute it lazily.
    const token = new URL(request.url).searchParams.get(src.queryParam);
    if (token !== null && token !== '') return { token, via: 'query' };
  }
  return undefined;
}

/** Whether the configured form-field source applies: a form POST (RFC 6750 §2.2). */
export function formSourceApplies<User>(ctx: AuthContext<User>, request: AuthRequest): boolean {
  return ctx.cfg.tokenSources.formField !== undefined && request.method === 'POST'
    && /^application\/x-www-form-urlencoded\b/i.test(request.headers.get('content-type') ?? '');
}

/** The token in the form body (when {@link formSourceApplies}); ERR_AUTH_REQUEST_INVALID for an unreadable body. */
export async function findInForm<User>(ctx: AuthContext<User>, request: AuthRequest): Promise<FoundToken | undefined> {
  const full = withBody(request);
  if (full.body === null) return undefined;
  // Read a clone, within the body bound, so the application can still read the body itself.
  const fields = await readFields(full.clone(), ctx.cfg.maxBodyBytes);
  const token = fields.get(ctx.cfg.tokenSources.formField!);
  return token !== undefined && token !== '' ? { token, via: 'form' } : undefined;
}

/**
 * The access token and where it came from, or undefined when the request has none. Throws
 * ERR_JWS_INVALID for a malformed header or an incomplete cookie set; ERR_AUTH_REQUEST_INVALID for
 * an unreadable form body.
 */
export async function findAccessToken<User>(ctx: AuthContext<User>, request: AuthRequest, cookies: ReadonlyMap<string, string>): Promise<FoundToken | undefined> {
  return findInHead(ctx, request, cookies) ?? (formSourceApplies(ctx, request) ? await findInForm(ctx, request) : undefined);
}
