/**
 * @tessera/koa: the auth layer of `@tessera/jwt-core/server` as Koa 3 middleware, on the shared
 * node bridge (`@tessera/node/bridge`). It translates; the core's toolkit (`adapterStep`) decides
 * every outcome, so Koa behaves exactly as every other Tessera adapter (the conformance suite).
 */
import type { Middleware } from 'koa';
import type { JoseError } from '@tessera/jwt-core';
import { adapterStep, errorResponse, type AccessClaims, type Auth, type AuthResult, type AuthSuccess, type Requirement } from '@tessera/jwt-core/server';
import { applyHeaders, toRequestHead, toWebRequest } from '@tessera/node/bridge';
import { keepHeadersOnError, KoaRequest, respond, type KoaAuthOptions } from './context.js';

export type { KoaAuthOptions } from './context.js';

/** Options of {@link authenticate}. */
export interface AuthenticateOptions extends KoaAuthOptions {
  /**
   * Optional authentication (koa-jwt's `passthrough`): without a valid token the request goes on
   * with the refusal at `ctx.state.authError`. A 403 and every internal failure (503) still answer.
   */
  passthrough?: boolean;
  /** Roles and permissions the claims must carry: 401 without a valid token, 403 without the right. */
  require?: Requirement;
  /** The `ctx.state` member that receives the verified claims (koa-jwt's `key`). Default `'user'`. */
  key?: string;
}

/** What the middleware put in `ctx.state` (with the default `key`). */
export interface KoaAuthState {
  /** The verified claims. */
  user?: AccessClaims;
  /** The whole result: claims and the headers added to the response (a transparent refresh's cookies). */
  auth?: AuthSuccess;
  /** Under `passthrough`, why the request is anonymous (`code`, `message`, `hint`). */
  authError?: JoseError;
}

/** What this request's verification found, kept for the middleware after it (one verification per request). */
const VERIFIED = Symbol.for('@tessera/koa.verified');
type Verified = { auth: Auth; claims?: AccessClaims; error?: JoseError };

function attempt(auth: Auth, request: KoaRequest, earlier: Verified | undefined, need: Requirement | undefined): Promise<AuthResult> | AuthResult {
  // Verified earlier in this request: check the rights on those claims, never verify (and refresh) twice.
  if (earlier?.claims !== undefined) return auth.authorize(earlier.claims, need);
  if (earlier?.error !== undefined) return { ok: false, error: earlier.error, response: errorResponse(earlier.error) };
  const head = toRequestHead(request.ctx.req, request);
  return need === undefined ? auth.authenticate(head) : auth.require(head, need);
}

/**
 * Verifies the access token (refreshing it transparently in the cookie transports) and sets
 * `ctx.state.user` (the claims) and `ctx.state.auth` (the result); otherwise answers 401/403/503
 * itself, in the one JSON format with RFC 6750 headers, and does not call `next`. Errors thrown
 * downstream are the application's: they propagate to Koa untouched (a refresh's cookies kept).
 *
 * @example
 * ```ts
 * app.use(authenticate(auth, { passthrough: true })); // ctx.state.user, or ctx.state.authError
 * ```
 */
export function authenticate(auth: Auth, options: AuthenticateOptions = {}): Middleware {
  const key = options.key ?? 'user';
  const need = options.require;
  return async (ctx, next) => {
    const request = new KoaRequest(ctx, options, options.passthrough === true);
    const state = ctx.state as Record<string | symbol, unknown>;
    const earlier = state[VERIFIED] as Verified | undefined;
    const step = await adapterStep(() => attempt(auth, request, earlier?.auth === auth ? earlier : undefined, need), request);
    if (step.action === 'respond') return respond(ctx, step.response);
    applyHeaders(ctx.res, step.headers);
    if (step.claims !== undefined) {
      state[key] = step.claims;
      state.auth = { ok: true, claims: step.claims, headers: step.headers };
      state[VERIFIED] = { auth, claims: step.claims };
    } else {
      state.authError = step.error;
      state[VERIFIED] = { auth, error: step.error };
    }
    if (!step.headers.has('set-cookie')) return next();
    try {
      await next();
    } catch (error) {
      keepHeadersOnError(error, step.headers);
      throw error;
    }
  };
}

/**
 * Per-route requirements: `authenticate` with `{ roles, permissions }`. After an app-wide
 * `authenticate` it checks the rights on the claims already verified (no second verification);
 * alone, it verifies. Works with `@koa/router` and without it.
 *
 * @example
 * ```ts
 * router.get('/admin', requireAuth(auth, { roles: ['admin'] }), (ctx) => { ctx.body = { hello: ctx.state.user.sub }; });
 * ```
 */
export function requireAuth(auth: Auth, requirement?: Requirement, options: Omit<AuthenticateOptions, 'require' | 'passthrough'> = {}): Middleware {
  return authenticate(auth, { ...options, passthrough: false, ...(requirement === undefined ? {} : { require: requirement }) });
}

/**
 * Serves the auth endpoints (`POST {basePath}/login`, `/refresh`, `/logout`, `/logout-all`,
 * `GET /session` and the JWKS) and passes every other request on untouched, body unread. Mount it
 * before a body parser, or after one that keeps `ctx.request.rawBody` (`@koa/bodyparser` does).
 *
 * @example
 * ```ts
 * app.use(authRoutes(auth)); // one call: /auth/* and /.well-known/jwks.json
 * ```
 */
export function authRoutes(auth: Auth, options: KoaAuthOptions = {}): Middleware {
  return async (ctx, next) => {
    if (!auth.handles(ctx.url)) return next();
    const request = new KoaRequest(ctx, options, false, true);
    const step = await adapterStep(() => auth.handle(toWebRequest(ctx.req, request)), request);
    if (step.action === 'respond') return respond(ctx, step.response);
    return next(); // OPTIONS: the app's CORS handling answers pre-flights
  };
}
