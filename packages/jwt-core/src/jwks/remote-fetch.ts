/**
 * One bounded HTTP GET for a JSON document (a JWKS or an OpenID Provider configuration): a
 * deadline on the whole exchange (headers and body), a byte cap enforced while the body streams
 * in (a Content-Length header is only used to refuse early, never trusted to allow), and a depth
 * limit on the JSON. Every failure is a JoseError naming the endpoint and the cause.
 */
import { joseError, JoseError } from '../lib/errors.js';
import { decodeJsonObject } from '../lib/json.js';
import { OverBoundError, readBounded } from '../lib/read-bounded.js';
import { formatDuration } from '../lib/time.js';
import { checkFinalUrl, displayUrl, type UrlPolicy } from './remote-url.js';

/** The `fetch` the remote key set calls; the global one by default. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface BoundedFetchOptions {
  fetch: FetchLike;
  /** Deadline for the whole request, body included, in milliseconds. */
  timeoutMs: number;
  maxBytes: number;
  headers: Record<string, string>;
  policy: UrlPolicy;
  /** What is fetched, for messages: "JWKS", "OpenID configuration". */
  what: string;
}

export interface FetchedJson {
  body: Record<string, unknown>;
  headers: Headers;
}

const MAX_JSON_DEPTH = 16;

/** GET `url` and parse its body as a JSON object, within the time and size bounds. */
export async function fetchJsonBounded(url: URL, options: BoundedFetchOptions): Promise<FetchedJson> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(timeoutError(url, options));
    }, options.timeoutMs);
  });
  // Racing the deadline also bounds a custom fetch that ignores the abort signal.
  const exchange = exchangeJson(url, options, controller.signal);
  exchange.catch(() => undefined); // the race below reports it; avoid an unhandled rejection after a timeout
  try {
    return await Promise.race([exchange, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

async function exchangeJson(url: URL, options: BoundedFetchOptions, signal: AbortSignal): Promise<FetchedJson> {
  let response: Response;
  try {
    response = await options.fetch(url.href, {
      method: 'GET',
      headers: { accept: 'application/json, application/jwk-set+json', ...options.headers },
      redirect: 'follow',
      signal,
    });
  } catch (err) {
    if (signal.aborted) throw timeoutError(url, options);
    throw joseError('ERR_JWKS_INVALID', `the ${options.what} request to ${displayUrl(url)} failed: ${networkReason(err)}`, {
      reason: 'network', cause: err,
      hint: 'check that the URL is right and reachable from this server (DNS, firewall, proxy settings)',
    });
  }
  checkFinalUrl(response.url, url, options.policy);
  if (response.status !== 200) {
    await response.body?.cancel().catch(() => undefined);
    throw joseError('ERR_JWKS_INVALID', `the ${options.what} endpoint ${displayUrl(url)} answered HTTP ${response.status}; expected 200`, {
      reason: 'http_status',
      hint: response.status === 404 ? 'check the URL (the JWKS path differs between identity providers; fromIssuer() finds it by discovery)' : 'the endpoint is failing; cached keys are used meanwhile when there are any',
    });
  }
  const bytes = await readCapped(response, url, options, signal);
  try {
    return { body: decodeJsonObject(bytes, `the ${options.what} document`, 'ERR_JWKS_INVALID', MAX_JSON_DEPTH), headers: response.headers };
  } catch (err) {
    if (err instanceof JoseError) throw invalidContent(url, options, err.message.replace(`the ${options.what} document `, ''));
    throw err;
  }
}

/** Read the body, refusing it as soon as more than `maxBytes` have arrived. */
async function readCapped(response: Response, url: URL, options: BoundedFetchOptions, signal: AbortSignal): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > options.maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(url, options);
  }
  if (response.body === null) return new Uint8Array(0);
  try {
    return await readBounded(response.body, options.maxBytes);
  } catch (err) {
    if (err instanceof OverBoundError) throw tooLarge(url, options);
    if (signal.aborted) throw timeoutError(url, options);
    throw joseError('ERR_JWKS_INVALID', `reading the ${options.what} response from ${displayUrl(url)} failed: ${networkReason(err)}`, {
      reason: 'network', cause: err, hint: 'the connection broke while the body was read; cached keys are used meanwhile when there are any',
    });
  }
}

function timeoutError(url: URL, options: BoundedFetchOptions): JoseError {
  return joseError('ERR_JWKS_TIMEOUT', `the ${options.what} request to ${displayUrl(url)} did not complete within ${formatTimeout(options.timeoutMs)}`, {
    reason: 'timeout', limit: `timeout=${options.timeoutMs}ms`,
    hint: 'the endpoint is slow or unreachable; cached keys are used meanwhile when there are any. Raise the timeout option only if the endpoint is known to be slow',
  });
}

function tooLarge(url: URL, options: BoundedFetchOptions): JoseError {
  return joseError('ERR_JWKS_INVALID', `the ${options.what} response from ${displayUrl(url)} is larger than ${options.maxBytes} bytes`, {
    reason: 'too_large', limit: `maxResponseBytes=${options.maxBytes}`,
    hint: 'check that the URL serves the expected document; raise maxResponseBytes only if the provider really publishes that much',
  });
}

function invalidContent(url: URL, options: BoundedFetchOptions, problem: string): JoseError {
  return joseError('ERR_JWKS_INVALID', `the ${options.what} response from ${displayUrl(url)} ${problem}`, {
    reason: 'content',
    hint: 'check that the URL serves the expected JSON document and not an HTML error or login page',
  });
}

function formatTimeout(ms: number): string {
  return ms < 1000 ? `${ms}ms` : formatDuration(ms / 1000);
}

/** A short reason from a fetch failure: its message, or its cause's code (undici puts ECONNREFUSED there). */
function networkReason(err: unknown): string {
  const cause = (err as { cause?: { code?: unknown } } | null)?.cause;
  if (cause !== undefined && typeof cause.code === 'string') return cause.code;
  return err instanceof Error ? err.message.slice(0, 120) : 'unknown error';
}
