/**
 * The adapter toolkit's one decision: what an adapter does next with whatever the auth layer
 * produced. An adapter translates its framework's request, calls the auth layer inside
 * {@link adapterStep}, and then either sends `response` or continues with `claims` and `headers`.
 * Every way the attempt can go wrong (a synchronous throw, a rejection, a result that is not an
 * auth result) ends in a refusal, never in "continue": the adapter has no `if` of its own to get wrong.
 */
import { JoseError } from '../../errors.js';
import { asDenial, failure, noResultHeaders, statusOf } from '../responses.js';
import type { AccessClaims } from '../types.js';
import { adapterRefusal, isAdapterRefusal } from './refusal.js';

/** What the adapter does next. */
export type AdapterStep =
  /** Send `response` as it is (a refusal, or an auth endpoint's answer); `error` says why when it refuses. */
  | { readonly action: 'respond'; readonly response: Response; readonly error: JoseError | undefined }
  /**
   * Go on to the application. `claims` are the verified claims (undefined: the request was not for
   * an auth endpoint, or optional authentication found no valid token, then `error` says why); add
   * `headers` (Set-Cookie of a transparent refresh, cookie deletions) to the application's response;
   * with nothing to add it is the shared, immutable empty `Headers` of `AuthSuccess` (copy it to add to it).
   */
  | { readonly action: 'continue'; readonly claims: AccessClaims | undefined; readonly headers: Headers; readonly error: JoseError | undefined };

/** Options of {@link adapterStep}. */
export interface AdapterStepOptions {
  /** Receives every internal failure (never shown to the client). Default: `console.error`. */
  onError?: (error: unknown) => void;
  /**
   * Optional authentication: a 401 (no token, an expired or invalid one) continues without claims,
   * the refusal in `error` and its headers (cookie deletions) in `headers`. 403 and every internal
   * failure (503) still respond: an outage is never turned into an anonymous request.
   */
  passthrough?: boolean;
  /**
   * The attempt is `auth.handle`: `null` (not an auth endpoint) continues to the application. Without
   * it `null` is a malformed result (503): an authentication attempt can only continue with claims.
   */
  endpoint?: boolean;
}

const defaultOnError = (error: unknown): void => console.error('[tessera] internal error in the adapter, access denied:', error);

function respond(response: Response, error?: JoseError): AdapterStep {
  return { action: 'respond', response, error };
}

/**
 * A thrown value. A JoseError keeps its status (an adapter's refusal, a client error); one the
 * platform wrapped as the `cause` of its own error (a body stream's failure) is unwrapped. Anything
 * else is an internal failure: 503, reported to `onError`.
 */
function fromThrown(err: unknown, onError: (error: unknown) => void): AdapterStep {
  const cause = err instanceof Error && !(err instanceof JoseError) ? err.cause : undefined;
  const known = err instanceof JoseError ? err : isAdapterRefusal(cause) ? cause : undefined;
  const error = asDenial(known ?? err, 'the auth layer');
  if (statusOf(error) >= 500) onError(known ?? err);
  return respond(failure(error), error);
}

/** A value: an auth result, an endpoint's `Response`, or `null` (not an auth endpoint). */
function fromValue(value: unknown, options: AdapterStepOptions, onError: (error: unknown) => void): AdapterStep {
  if (value === null && options.endpoint === true) return { action: 'continue', claims: undefined, headers: noResultHeaders(), error: undefined };
  if (value instanceof Response) return respond(value);
  const r = value as { ok?: unknown; claims?: unknown; headers?: unknown; response?: unknown; error?: unknown } | undefined;
  if (r?.ok === true && typeof r.claims === 'object' && r.claims !== null && r.headers instanceof Headers) {
    return { action: 'continue', claims: r.claims as AccessClaims, headers: r.headers, error: undefined };
  }
  if (r?.ok === false && r.response instanceof Response && r.error instanceof JoseError) {
    if (options.passthrough === true && r.response.status === 401) {
      return { action: 'continue', claims: undefined, headers: setCookiesOf(r.response.headers), error: r.error };
    }
    return respond(r.response, r.error);
  }
  return fromThrown(new TypeError('the auth layer returned something other than an auth result, a Response or null'), onError);
}

/** Only the Set-Cookie lines of a refusal (cookie deletions) travel on with a passthrough request. */
function setCookiesOf(headers: Headers): Headers {
  const out = new Headers();
  for (const line of headers.getSetCookie()) out.append('set-cookie', line);
  return out;
}

/**
 * Runs `attempt` (a call of `auth.authenticate`, `auth.require` or `auth.handle`, including the
 * adapter's own request translation) and turns whatever happens into the next step. Never rejects.
 *
 * - an `AuthSuccess` → `continue` with its claims and headers;
 * - an `AuthFailure` → `respond` with its 401/403/503 response (`continue` without claims for a 401
 *   under `passthrough`);
 * - a `Response` (an auth endpoint answered) → `respond`; `null` (not an auth endpoint) → `continue`
 *   without claims;
 * - a thrown or rejected {@link adapterRefusal} → `respond` with its status (400, 404, 405, 413, 431, 500);
 * - anything else thrown or rejected (a store, a key resolver, a callback, the adapter itself), or a
 *   malformed result → `respond` 503 `ERR_AUTH_UNAVAILABLE` with `Retry-After`, reported to `onError`.
 *
 * @example
 * ```ts
 * const step = await adapterStep(() => auth.require(toRequestHead(req), { roles: ['admin'] }));
 * if (step.action === 'respond') return send(res, step.response);
 * // step.claims: the verified claims; add step.headers to the response
 * ```
 */
export function adapterStep(attempt: () => unknown, options: AdapterStepOptions = {}): Promise<AdapterStep> {
  const onError = options.onError ?? defaultOnError;
  let pending: unknown;
  try {
    pending = attempt();
  } catch (err) {
    return Promise.resolve(fromThrown(err, onError));
  }
  // One `then` on the core's own promise: this runs on every protected request.
  return Promise.resolve(pending).then((value) => {
    try {
      return fromValue(value, options, onError);
    } catch (err) {
      return fromThrown(err, onError);
    }
  }, (err: unknown) => fromThrown(err, onError));
}

/**
 * The step for the application's own handler failing after the auth layer let the request through:
 * 500 `ERR_AUTH_INTERNAL`, reported to `onError`, never an auth refusal. For adapters whose
 * framework does not answer application errors itself (plain `node:http`).
 */
export function appFailure(error: unknown, onError: (error: unknown) => void = defaultOnError): Response {
  onError(error);
  return failure(adapterRefusal('app_failed', { cause: error }));
}
