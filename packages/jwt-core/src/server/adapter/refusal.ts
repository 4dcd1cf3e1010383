/**
 * The refusals an adapter makes itself, before or after the auth layer: a request it cannot
 * translate (400), no route (404), a wrong method (405), a body or headers too large (413, 431), the
 * application's own handler failing (500), a body a body parser consumed first (500), an internal
 * failure (503). One vocabulary with the auth layer's: the JSON `{ error, message, hint }` of
 * `errorResponse`, the codes of the README's table.
 */
import { JoseError } from '../../errors.js';

/** What an adapter can refuse on its own. */
export type RefusalKind =
  | 'bad_request'
  | 'not_found'
  | 'method_not_allowed'
  | 'body_too_large'
  | 'headers_too_large'
  | 'body_consumed'
  | 'app_failed'
  | 'unavailable';

const DEFAULTS: Readonly<Record<RefusalKind, { message: string; hint: string }>> = {
  bad_request: { message: 'the request is malformed', hint: 'send a well-formed HTTP request' },
  not_found: { message: 'no such endpoint', hint: 'check the URL; the auth endpoints are under the auth base path (default /auth)' },
  method_not_allowed: { message: 'the method is not allowed on this path', hint: 'use a method the Allow header lists' },
  body_too_large: { message: 'the request body is larger than the limit', hint: 'send a smaller body, or raise the adapter\'s body limit' },
  headers_too_large: { message: 'the request headers are larger than the server accepts', hint: 'send fewer or smaller headers (cookies); see the server\'s maxHeaderSize' },
  body_consumed: {
    message: 'the request body was read by another middleware (a body parser) before the auth layer could read it',
    hint: 'mount the auth routes before the body parser, or give the adapter the raw body the parser kept (rawBody option)',
  },
  app_failed: { message: 'the application failed to handle the request', hint: 'the server log has the error the application\'s handler threw' },
  unavailable: { message: 'the auth layer is unavailable, so access is denied', hint: 'the server log has the cause; retry later' },
};

/**
 * The error for an adapter's own refusal, to throw (the toolkit's `adapterStep` turns it into its
 * response) or to pass to `errorResponse`. `message` replaces the default one; `allow` is the `Allow`
 * header of a 405.
 *
 * @example
 * ```ts
 * if (contentLength > limit) throw adapterRefusal('body_too_large', `the body is over ${limit} bytes`);
 * return errorResponse(adapterRefusal('not_found'));
 * ```
 */
export function adapterRefusal(kind: RefusalKind, details: { message?: string; allow?: string; cause?: unknown } = {}): JoseError {
  const { message, hint } = DEFAULTS[kind];
  const text = details.message ?? message;
  const { cause } = details;
  switch (kind) {
    case 'not_found':
      return new JoseError('ERR_AUTH_NOT_FOUND', text, { hint, cause, reason: 'not_found' });
    case 'app_failed':
    case 'body_consumed':
      return new JoseError('ERR_AUTH_INTERNAL', text, { hint, cause, reason: kind });
    case 'unavailable':
      return new JoseError('ERR_AUTH_UNAVAILABLE', text, { hint, cause, reason: 'internal' });
    case 'method_not_allowed':
      return new JoseError('ERR_AUTH_REQUEST_INVALID', text, { hint, cause, reason: 'method', ...(details.allow === undefined ? {} : { limit: details.allow }) });
    case 'body_too_large':
      return new JoseError('ERR_AUTH_REQUEST_INVALID', text, { hint, cause, reason: 'too_large' });
    case 'headers_too_large':
      return new JoseError('ERR_AUTH_REQUEST_INVALID', text, { hint, cause, reason: 'headers_too_large' });
    default:
      return new JoseError('ERR_AUTH_REQUEST_INVALID', text, { hint, cause, reason: 'malformed' });
  }
}

/** Whether `error` is a refusal the request itself earned (4xx) or an adapter's 500, not an internal failure to hide. */
export function isAdapterRefusal(error: unknown): error is JoseError {
  return error instanceof JoseError && (error.code === 'ERR_AUTH_REQUEST_INVALID' || error.code === 'ERR_AUTH_NOT_FOUND' || error.code === 'ERR_AUTH_INTERNAL');
}
