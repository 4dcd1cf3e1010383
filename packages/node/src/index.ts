/**
 * @tessera/node: the auth layer of `@tessera/jwt-core/server` on Node's `http` module. It translates
 * `IncomingMessage`/`ServerResponse` to Web `Request`/`Response` and back (see bridge.ts) and holds
 * no auth logic of its own. Every failure path denies: an error anywhere gives 503, never access.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { JoseError } from '@tessera/jwt-core';
import type { AccessClaims, Auth, AuthFailure, AuthResult, Requirement } from '@tessera/jwt-core/server';
import { errorResponse } from '@tessera/jwt-core/server';
import { BridgeError, applyHeaders, sendWebResponse, toWebRequest, type BridgeOptions } from './bridge.js';

import { toRequestHead } from './head.js';

export { BridgeError, applyHeaders, sendWebResponse, toWebRequest, type BridgeOptions } from './bridge.js';
export { toRequestHead } from './head.js';

/** Options shared by every entry point. */
export interface NodeAuthOptions extends BridgeOptions {
  /** Receives internal errors (a store that throws, ...) before the 503 is sent. Default: `console.error`. */
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

const defaultOnError = (error: unknown): void => console.error('[@tessera/node] internal error, access denied:', error);

function jsonError(status: number, error: string, message: string, hint: string): Response {
  return Response.json({ error, message, hint }, { status, headers: { 'cache-control': 'no-store' } });
}

function failure(error: JoseError): AuthFailure {
  return { ok: false, error, response: errorResponse(error) };
}

/** Turns anything thrown on the way into a denying result: 400/413 for the client's fault, else 503. */
function deny(error: unknown, onError: (error: unknown) => void): AuthFailure {
  // The core may surface a body-read failure of the bridge (e.g. too large) as the cause of its own error.
  const bridge = error instanceof BridgeError ? error : (error as { cause?: unknown } | null)?.cause;
  if (bridge instanceof BridgeError) {
    return failure(bridge);
  }
  onError(error);
  const message = 'authentication could not be completed because of an internal error, so access is denied';
  const hint = 'the server log has the cause (for example an unreachable store); retry later';
  return failure(new JoseError('ERR_AUTH_UNAVAILABLE', message, { hint, cause: error }));
}

/** Sends `response`; never rejects (a listener's rejection would be unhandled): on failure, 503 or a cut connection. */
async function send(res: ServerResponse, response: Response, onError: (error: unknown) => void): Promise<void> {
  try {
    await sendWebResponse(res, response);
  } catch (error) {
    onError(error);
    if (res.headersSent) return void res.destroy();
    await sendWebResponse(res, deny(error, () => undefined).response).catch(() => res.destroy());
  }
}

const appFailed = (): Response => jsonError(500, 'ERR_INTERNAL', 'the request failed', 'see the server log');

/**
 * Authenticates a Node request: finds and verifies the access token (refreshing it transparently in
 * cookie modes) and, on success, adds the core's headers (the refreshed cookies) to `res`. On failure
 * nothing is sent: the result carries the ready 401/403/503 `response` for you to send.
 *
 * @example
 * ```ts
 * const result = await authenticate(auth, req, res, { require: { roles: ['admin'] } });
 * if (!result.ok) return sendWebResponse(res, result.response);
 * res.end(`hello ${result.claims.sub}`);
 * ```
 */
export function authenticate(
  auth: Auth,
  req: IncomingMessage,
  res: ServerResponse,
  options: AuthenticateOptions = {},
): Promise<AuthResult> {
  const onError = options.onError ?? defaultOnError;
  let pending: AuthResult | Promise<AuthResult>;
  try {
    // A request head, not a Web Request: the core builds the full one only if it needs the body.
    const request = toRequestHead(req, options);
    pending = options.require ? auth.require(request, options.require) : auth.authenticate(request);
  } catch (error) {
    return Promise.resolve(deny(error, onError));
  }
  // One `then` rather than an async function: this runs on every protected request.
  return Promise.resolve(pending).then((result) => settle(result, res, onError), (error: unknown) => deny(error, onError));
}

/** The core's result checked: headers applied on success; a malformed result or a throw denies. */
function settle(result: AuthResult, res: ServerResponse, onError: (error: unknown) => void): AuthResult {
  try {
    if (result?.ok === true) {
      applyHeaders(res, result.headers);
      return result;
    }
    if (result?.ok === false && result.response instanceof Response) return result;
    throw new Error('the auth layer returned a malformed result');
  } catch (error) {
    return deny(error, onError);
  }
}

/**
 * A connect/Express-style middleware: on success sets `req.auth` to the verified claims, adds any
 * refreshed cookies to `res` and calls `next()`; otherwise it answers 401/403 (503 on an internal
 * error) itself and never calls `next`.
 *
 * @example
 * ```ts
 * const requireAdmin = createMiddleware(auth, { require: { roles: ['admin'] } });
 * app.get('/admin', requireAdmin, (req, res) => res.json({ hello: req.auth.sub }));
 * ```
 */
export function createMiddleware(
  auth: Auth,
  options: AuthenticateOptions = {},
): (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void {
  const onError = options.onError ?? defaultOnError;
  return (req, res, next) => {
    // authenticate never rejects; only `next()` can throw (the app's own handler, outside a
    // framework that catches it).
    void authenticate(auth, req, res, options).then((result) => {
      if (!result.ok) return send(res, result.response, onError);
      (req as AuthenticatedRequest).auth = result.claims;
      try {
        next();
      } catch (error) {
        onError(error);
        return res.headersSent ? void res.destroy() : send(res, appFailed(), onError);
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
export function createNodeHandler(
  auth: Auth,
  options: NodeHandlerOptions = {},
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const onError = options.onError ?? defaultOnError;
  return async (req, res) => {
    let response: Response | null;
    try {
      response = await auth.handle(toWebRequest(req, options));
    } catch (error) {
      response = deny(error, onError).response;
    }
    if (response === null && options.fallback) {
      try {
        return await options.fallback(req, res);
      } catch (error) {
        onError(error);
        if (res.headersSent) return void res.destroy();
        response = appFailed();
      }
    }
    response ??= jsonError(404, 'ERR_NOT_FOUND', 'no such endpoint', `the auth endpoints are under ${auth.basePath}`);
    await send(res, response, onError);
  };
}
