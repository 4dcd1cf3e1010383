/**
 * The one error type of the client. A refusal from the server keeps the server's own `error` code,
 * `message` and `hint` (the auth layer's JSON body, written for clients); the client's own
 * failures use codes of their own, `ERR_CLIENT_*`.
 */

/** Codes the client raises itself (the server's codes, `ERR_AUTH_*`, `ERR_JWT_*`…, pass through). */
export type ClientErrorCode =
  /** An option of `createAuthClient` or an argument is unusable. */
  | 'ERR_CLIENT_INVALID_OPTION'
  /** `fetch` itself failed (network down, DNS, CORS): no answer from the server. */
  | 'ERR_CLIENT_NETWORK'
  /** The server answered something that is not the auth layer's JSON. */
  | 'ERR_CLIENT_BAD_RESPONSE'
  /** No session: not signed in, signed out, or the session ended. */
  | 'ERR_CLIENT_NO_SESSION';

/** What the auth layer sends with every refusal: `{ error, message, hint }`. */
export interface ServerRefusal {
  error: string;
  message: string;
  hint?: string;
}

/** A failure of the client or a refusal of the server, with a stable `code`. */
export class AuthClientError extends Error {
  override name = 'AuthClientError';
  /** The server's `error` (e.g. `ERR_AUTH_CREDENTIALS_INVALID`) or an `ERR_CLIENT_*` code. */
  readonly code: string;
  /** The HTTP status of the server's answer, when there was one. */
  readonly status: number | undefined;
  /** What to do about it: the server's hint for clients, or the client's own. */
  readonly hint: string | undefined;

  constructor(code: string, message: string, options: { status?: number; hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status;
    this.hint = options.hint;
  }
}

/** An option or argument the client cannot use. */
export function invalidOption(message: string, hint: string): AuthClientError {
  return new AuthClientError('ERR_CLIENT_INVALID_OPTION', message, { hint });
}

/** The refusal in a response body, if it is the auth layer's JSON; undefined otherwise. */
export async function readRefusal(response: Response): Promise<ServerRefusal | undefined> {
  if (!(response.headers.get('content-type') ?? '').includes('json')) return undefined;
  try {
    const body = (await response.clone().json()) as Partial<ServerRefusal> | null;
    if (body === null || typeof body !== 'object' || typeof body.error !== 'string') return undefined;
    return { error: body.error, message: String(body.message ?? ''), hint: typeof body.hint === 'string' ? body.hint : undefined };
  } catch {
    return undefined;
  }
}

/** The server's refusal as an error (or ERR_CLIENT_BAD_RESPONSE when the body is not one). */
export async function refusalError(response: Response, what: string): Promise<AuthClientError> {
  const refusal = await readRefusal(response);
  if (refusal === undefined) {
    return new AuthClientError('ERR_CLIENT_BAD_RESPONSE', `${what}: the server answered ${response.status} without the auth layer's JSON error`, {
      status: response.status,
      hint: 'check that baseUrl and basePath point at the Tessera auth endpoints (a proxy or another server answered)',
    });
  }
  return new AuthClientError(refusal.error, `${what}: ${refusal.message}`, { status: response.status, hint: refusal.hint });
}
