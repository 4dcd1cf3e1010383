/**
 * Every response the auth layer makes. Failures carry the JoseError as JSON `{ error, message, hint }`
 * (never a token or a key) and, for 401/403 on protected resources, `WWW-Authenticate` per RFC 6750 §3.
 * Every response sends `Cache-Control: no-store` (RFC 6749 §5.1): they carry tokens or user data.
 *
 * The `hint` a client receives is written for the client ({@link clientHint}); the error's own
 * `hint` is for the operator and goes to the log (it may name configuration options or callbacks).
 * So does the message of a 503: it names the server's own failure (a store's address, a callback),
 * which is the operator's business, so the client gets {@link UNAVAILABLE_MESSAGE} instead.
 */
import { JoseError } from '../errors.js';

let noHeaders: Headers | undefined;
/**
 * The headers of a success that sends none: one shared, empty and immutable `Headers` (the Fetch
 * standard's "immutable" guard, as on `Response.error()`), instead of a new one per request.
 * Adding to it throws a TypeError; copy it first (`new Headers(result.headers)`).
 */
export function noResultHeaders(): Headers {
  return (noHeaders ??= Response.error().headers);
}

/** JSON response with `Cache-Control: no-store`; the body ends with a newline (curl prints it cleanly). */
export function json(status: number, body: unknown, headers?: Headers): Response {
  const h = new Headers(headers);
  h.set('content-type', 'application/json; charset=utf-8');
  h.set('cache-control', 'no-store');
  h.set('pragma', 'no-cache');
  return new Response(`${JSON.stringify(body)}\n`, { status, headers: h });
}

/**
 * RFC 6750 §3 allows only %x20-21 / %x23-5B / %x5D-7E in `error_description`: `"` and `\` become `'`
 * and `/`, anything else outside printable ASCII becomes `?`, so the header can never be broken out of.
 */
export function headerSafe(text: string, max = 300): string {
  return text.slice(0, max).replace(/"/g, "'").replace(/\\/g, '/').replace(/[^\x20-\x7E]/g, '?');
}

const REQUEST_STATUS: Readonly<Record<string, number>> = { too_large: 413, media_type: 415, method: 405, headers_too_large: 431 };

/** The HTTP status for an error code (and reason). Bad input is 4xx, never 500. */
export function statusOf(error: JoseError): number {
  switch (error.code) {
    case 'ERR_AUTH_FORBIDDEN':
      return 403;
    case 'ERR_AUTH_NOT_FOUND':
      return 404;
    case 'ERR_AUTH_INTERNAL':
      return 500;
    case 'ERR_AUTH_UNAVAILABLE':
    case 'ERR_JOSE_INVALID_OPTION':
      return 503;
    case 'ERR_AUTH_REQUEST_INVALID':
      return REQUEST_STATUS[error.reason ?? ''] ?? 400;
    default:
      return 401;
  }
}

/** What the HTTP client is told to do, per code (and reason): nothing about the server's configuration. */
export function clientHint(error: JoseError, status = statusOf(error)): string {
  switch (error.code) {
    case 'ERR_TOKEN_MISSING':
      if (error.reason === 'refresh_missing') return 'sign in again; the refresh token comes from the sign-in response';
      if (error.reason === 'wrong_scheme') return 'send the access token as "Authorization: Bearer <token>"';
      if (error.reason === 'cross_site') return 'the browser sent no cookies with this cross-site request: call the API from a page on the same site, or use bearer tokens';
      return 'sign in, then send the access token as "Authorization: Bearer <token>" or let the browser send the session cookies (credentials: "include")';
    case 'ERR_JWT_EXPIRED':
      return 'refresh the session (POST to the refresh endpoint) or sign in again';
    case 'ERR_JWT_REVOKED':
    case 'ERR_AUTH_REFRESH_INVALID':
      return 'sign in again';
    case 'ERR_AUTH_CREDENTIALS_INVALID':
      return 'check the user name and password and try again';
    case 'ERR_AUTH_FORBIDDEN':
      return error.reason === 'csrf_origin'
        ? 'send the request from an allowed origin (browsers send Origin themselves); clients that are not browsers should use bearer tokens'
        : 'this account lacks a role or permission the resource requires';
    case 'ERR_AUTH_NOT_FOUND':
      return 'check the URL';
    case 'ERR_AUTH_REQUEST_INVALID':
      if (error.reason === 'method') return `use ${error.limit ?? 'another method'}`;
      if (error.reason === 'too_large') return 'send a smaller request body';
      if (error.reason === 'headers_too_large') return 'send smaller headers: clear this site\'s cookies and sign in again';
      if (error.reason === 'media_type') return 'send the body as JSON (application/json) or as a form (application/x-www-form-urlencoded)';
      return 'fix the request as the message says and send it again';
    default:
      if (status >= 500) return 'the server could not complete the request; try again after the Retry-After delay';
      // The JOSE errors (malformed, bad signature, wrong issuer...): a token this server will not take.
      return 'sign in again to get a valid token';
  }
}

/** The `WWW-Authenticate` challenge for a failure, or undefined when none applies. */
function challenge(error: JoseError, status: number): string | undefined {
  if (status === 401) {
    // RFC 6750 §3.1: a request without credentials gets a challenge with no error code.
    if (error.code === 'ERR_TOKEN_MISSING' || error.code === 'ERR_AUTH_CREDENTIALS_INVALID') return 'Bearer';
    return `Bearer error="invalid_token", error_description="${headerSafe(error.message)}"`;
  }
  if (status === 403 && error.reason === 'insufficient_rights') {
    return `Bearer error="insufficient_scope", error_description="${headerSafe(error.message)}"`;
  }
  return undefined;
}

/**
 * What an HTTP client is told of any 503: the cause (e.g. "Redis at 10.0.0.5:6379 did not answer")
 * would show the server's internals, and the client can only wait and retry anyway.
 */
export const UNAVAILABLE_MESSAGE = 'the server cannot check this request now (a service it depends on failed), so access is denied; the cause is in the server log';

/** The failure response for `error`, with `headers` (e.g. cookie deletions) added. */
export function failure(error: JoseError, headers?: Headers, status = statusOf(error)): Response {
  const h = new Headers(headers);
  const c = challenge(error, status);
  if (c !== undefined) h.set('www-authenticate', c);
  if (status === 503) h.set('retry-after', '5');
  if (status === 405 && error.limit !== undefined) h.set('allow', error.limit);
  const message = status === 503 ? UNAVAILABLE_MESSAGE : error.message;
  return json(status, { error: error.code, message, hint: clientHint(error, status) }, h);
}

/** A key ring or resolver that threw (its store or network is down): the server's failure, not the token's. */
function isResolverFailure(err: JoseError): boolean {
  return err.code === 'ERR_JWKS_NO_MATCHING_KEY' && err.reason === 'resolver_failed';
}

/** Whether a thrown JoseError is the server's failure (503) rather than the client's (4xx). */
export function isInternalError(err: JoseError): boolean {
  return err.code === 'ERR_AUTH_UNAVAILABLE' || err.code === 'ERR_JOSE_INVALID_OPTION' || isResolverFailure(err);
}

/**
 * Any thrown value as a JoseError that denies: JoseErrors pass through; anything else (a store that
 * throws, a user callback that rejects) becomes ERR_AUTH_UNAVAILABLE (503) whose message does not
 * repeat the original one, which could hold secrets or connection strings; it is kept as `cause`.
 */
export function asDenial(err: unknown, what: string): JoseError {
  if (err instanceof JoseError) {
    return err.code === 'ERR_JOSE_INVALID_OPTION' || isResolverFailure(err)
      ? new JoseError('ERR_AUTH_UNAVAILABLE', `${what} failed: ${err.message}`, { hint: err.hint ?? 'check the server log', cause: err, reason: 'internal' })
      : err;
  }
  return new JoseError('ERR_AUTH_UNAVAILABLE', `${what} failed with an internal error (${err instanceof Error ? err.name : typeof err}); access is denied`, {
    hint: 'check the server log; the store or a user callback (authenticate, loadUser, claims) threw',
    reason: 'internal', cause: err,
  });
}
