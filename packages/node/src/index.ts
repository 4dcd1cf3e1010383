/**
 * @tessera/node: the auth layer of `@tessera/jwt-core/server` on Node's `http` module. It translates
 * (bridge.ts) and lets the core's toolkit (`adapterStep`) decide every outcome; no auth logic here.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { adapterRefusal, adapterStep, appFailure, errorResponse, type AccessClaims, type AdapterStep, type Auth, type AuthResult, type Requirement } from '@tessera/jwt-core/server';
import { applyHeaders, sendWebResponse, toRequestHead, toWebRequest, type BridgeOptions } from './bridge.js';

export { applyHeaders, sendWebResponse, toRequestHead, toWebRequest, type BridgeOptions } from './bridge.js';

/** Options shared by every entry point. */
export interface NodeAuthOptions extends BridgeOptions {
  /** Receives internal errors (a store that throws, ...) before the 503. Default: `console.error`. */
  onError?: (error: unknown) => void;
}

/** Options of {@link authenticate} and {@link createMiddleware}. */
export interface AuthenticateOptions extends NodeAuthOptions {
  /** Roles and permissions the claims must carry: 401 without a valid token, 403 without the right. */
  require?: Requirement;
}

/** Options of {@link createNodeHandler}. */
export interface NodeHandlerOptions extends NodeAuthOptions {
  /** Handles requests that are not for an auth endpoint. Default: a 404 JSON response. */
  fallback?: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
}

/** A request that passed {@link createMiddleware}: `req.auth` holds the verified claims. */
export type AuthenticatedRequest = IncomingMessage & { auth: AccessClaims };

/** Sends `response`; never rejects (a listener's rejection would be unhandled): a failed write cuts the connection. */
function send(res: ServerResponse, response: Response, onError?: (error: unknown) => void): Promise<void> {
  return sendWebResponse(res, response).catch((error: unknown) => {
    onError?.(error);
    res.destroy();
  });
}

/**
 * Authenticates a Node request: verifies the access token (refreshing it transparently in cookie
 * modes) and, on success, adds the core's headers (the refreshed cookies) to `res`. On failure
 * nothing is sent: the result carries the ready 401/403/503 `response`. Never rejects.
 *
 * @example
 * ```ts
 * const result = await authenticate(auth, req, res, { require: { roles: ['admin'] } });
 * if (!result.ok) return sendWebResponse(res, result.response);
 * res.end(`hello ${result.claims.sub}`);
 * ```
 */
export function authenticate(auth: Auth, req: IncomingMessage, res: ServerResponse, options: AuthenticateOptions = {}): Promise<AuthResult> {
  return gate(auth, req, options).then((step): AuthResult => {
    if (step.action === 'respond') return { ok: false, error: step.error ?? adapterRefusal('unavailable'), response: step.response };
    applyHeaders(res, step.headers);
    return { ok: true, claims: step.claims!, headers: step.headers };
  });
}

/** The core's decision for a protected request (one `then` on the core's promise: every protected request runs it). */
function gate(auth: Auth, req: IncomingMessage, options: AuthenticateOptions): Promise<AdapterStep> {
  const need = options.require;
  return adapterStep(() => (need ? auth.require(toRequestHead(req, options), need) : auth.authenticate(toRequestHead(req, options))), options);
}

/**
 * A connect/Express-style middleware: on success sets `req.auth` to the verified claims, adds any
 * refreshed cookies to `res` and calls `next()`; otherwise it answers 401/403/503 itself and never
 * calls `next`. An error thrown by `next()` itself is the application's: 500, never an auth refusal.
 *
 * @example
 * ```ts
 * const requireAdmin = createMiddleware(auth, { require: { roles: ['admin'] } });
 * app.get('/admin', requireAdmin, (req, res) => res.json({ hello: req.auth.sub }));
 * ```
 */
export function createMiddleware(auth: Auth, options: AuthenticateOptions = {}): (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void {
  return (req, res, next) => {
    void gate(auth, req, options).then((step) => {
      if (step.action === 'respond') return send(res, step.response, options.onError);
      applyHeaders(res, step.headers);
      (req as AuthenticatedRequest).auth = step.claims!;
      try {
        next();
      } catch (error) {
        return res.headersSent ? void res.destroy() : send(res, appFailure(error, options.onError), options.onError);
      }
      return undefined;
    });
  };
}

/**
 * An `http` request listener serving the auth endpoints (`POST /auth/login`, `/auth/refresh`,
 * `/auth/logout`, `/auth/logout-all`, `GET /auth/session`, the JWKS). Other requests go to `fallback`
 * with their body unread, or get a 404 JSON response.
 *
 * @example
 * ```ts
 * const server = http.createServer(createNodeHandler(auth, { fallback: app }));
 * server.listen(3000, '127.0.0.1');
 * ```
 */
export function createNodeHandler(auth: Auth, options: NodeHandlerOptions = {}): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const stepOptions = { ...options, endpoint: true };
  return async (req, res) => {
    // Only an endpoint's request is copied into a Web Request; the app's requests go straight on.
    const step = await adapterStep(() => (auth.handles(req.url ?? '/') ? auth.handle(toWebRequest(req, options)) : null), stepOptions);
    if (step.action === 'respond') return send(res, step.response, options.onError);
    if (options.fallback === undefined) return send(res, errorResponse(adapterRefusal('not_found')), options.onError);
    try {
      await options.fallback(req, res);
    } catch (error) {
      if (res.headersSent) return void res.destroy();
      await send(res, appFailure(error, options.onError), options.onError);
    }
  };
}
