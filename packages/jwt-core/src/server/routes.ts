/**
 * `auth.handle(request)`: routes the auth endpoints, answers `null` for every other path (and for
 * OPTIONS, so the app's CORS handling answers pre-flights). Wrong methods get 405 with `Allow`.
 * Every failure is a JSON error response; internal failures are 503, never a 500 and never access.
 */
import { JoseError } from '../errors.js';
import type { ResolvedConfig } from './config.js';
import type { AuthContext } from './context.js';
import { diagnostics } from './handlers/diagnostics.js';
import { jwks } from './handlers/jwks.js';
import { login } from './handlers/login.js';
import { logout, logoutAll } from './handlers/logout.js';
import { refresh } from './handlers/refresh.js';
import { session } from './handlers/session.js';

type Handler = <User>(ctx: AuthContext<User>, request: Request) => Promise<Response> | Response;

const ROUTES: Record<string, { method: 'GET' | 'POST'; handler: Handler }> = {
  login: { method: 'POST', handler: login },
  refresh: { method: 'POST', handler: refresh },
  logout: { method: 'POST', handler: logout },
  'logout-all': { method: 'POST', handler: logoutAll },
  session: { method: 'GET', handler: session },
};

function route<User>(ctx: AuthContext<User>, request: Request): { handler: Handler; allow: string } | null {
  return routeOf(ctx, new URL(request.url).pathname);
}

/** What routing reads of the configuration. */
export interface RouteSettings {
  cfg: Pick<ResolvedConfig, 'basePath' | 'jwksPath'> & Partial<Pick<ResolvedConfig, 'diagnostics'>>;
}

function routeOf(ctx: RouteSettings, path: string): { handler: Handler; allow: string } | null {
  if (ctx.cfg.jwksPath !== undefined && path === ctx.cfg.jwksPath) return { handler: jwks, allow: 'GET, HEAD' };
  const prefix = ctx.cfg.basePath === '/' ? '/' : `${ctx.cfg.basePath}/`;
  if (!path.startsWith(prefix)) return null;
  // The diagnostic endpoint exists only when the diagnostics option turns it on.
  if (ctx.cfg.diagnostics !== undefined && path.slice(prefix.length) === 'diagnostics') return { handler: diagnostics, allow: 'GET, HEAD' };
  const entry = Object.prototype.hasOwnProperty.call(ROUTES, path.slice(prefix.length)) ? ROUTES[path.slice(prefix.length)] : undefined;
  if (entry === undefined) return null;
  return { handler: entry.handler, allow: entry.method === 'GET' ? 'GET, HEAD' : 'POST' };
}

/**
 * Whether `target` (a request-target as received: origin-form `/path?query`, or absolute-form) is
 * one of the endpoints, whatever the method: adapters ask this before building a full `Request`, so
 * application routes do not pay for one. The path is normalised as a URL parser does (dot segments),
 * exactly as `handleRequest` sees it; `//x` stays a path.
 */
export function isEndpoint(ctx: RouteSettings, target: string): boolean {
  try {
    return routeOf(ctx, new URL(target.startsWith('/') ? `http://localhost${target}` : target).pathname) !== null;
  } catch {
    return false; // an unparsable target is not one of our paths (handleRequest answers null too)
  }
}

export async function handleRequest<User>(ctx: AuthContext<User>, request: Request): Promise<Response | null> {
  let found: ReturnType<typeof route>;
  try {
    found = route(ctx, request);
  } catch {
    return null; // an unparsable URL is not one of our paths
  }
  if (found === null) return null;
  const method = request.method.toUpperCase();
  if (method === 'OPTIONS') return null;
  if (!found.allow.split(', ').includes(method)) {
    return ctx.refuse(new JoseError('ERR_AUTH_REQUEST_INVALID', `${method} is not allowed on ${new URL(request.url).pathname}; allowed: ${found.allow}`, {
      reason: 'method', limit: found.allow, hint: `use ${found.allow.split(', ')[0]}`,
    }));
  }
  try {
    return await found.handler(ctx, request);
  } catch (err) {
    return ctx.refuse(ctx.deny(err, `${method} ${new URL(request.url).pathname}`));
  }
}
