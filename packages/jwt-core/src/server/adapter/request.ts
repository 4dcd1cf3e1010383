/**
 * From a framework's request to what the auth layer reads: a full Web `Request` for the endpoints
 * (they read bodies), and a light {@link AuthRequest} head for `authenticate`/`require` (no header
 * copy, no URL parsed until needed, no body stream). Both apply the same trust-proxy policy
 * (forwarding.ts), so the two can never disagree.
 */
import type { AuthRequest } from '../types.js';
import { adapterRefusal } from './refusal.js';
import { authorityOf, forwardedOverride, FORWARDING_HEADERS, isTrusted, urlOf, type Connection, type TrustProxy } from './forwarding.js';

/** A framework's request, as an adapter describes it to the toolkit. */
export interface RawRequest extends Connection {
  readonly method: string;
  /** Every header as received (lower-case names); repeated ones as arrays. HTTP/2 pseudo-headers are skipped. */
  headerEntries(): Iterable<readonly [string, string | readonly string[]]>;
  /** The body, read lazily (called at most once, only for methods that may have one), or null. */
  body(): ReadableStream<Uint8Array> | null;
}

/**
 * The Web `Request` for `raw`: method, absolute URL, every header (forwarding headers hidden unless
 * the peer is trusted; then `X-Forwarded-For` is the peer), the body as the adapter streams it.
 *
 * @example
 * ```ts
 * const response = await auth.handle(toWebRequestFrom(raw, { trustProxy: false }));
 * ```
 * @throws {JoseError} ERR_AUTH_REQUEST_INVALID (400) when the Host, target, a header or the method cannot form a valid request.
 */
export function toWebRequestFrom(raw: RawRequest, options: { trustProxy?: TrustProxy } = {}): Request {
  const trusted = isTrusted(raw, options.trustProxy);
  const url = urlOf(raw, authorityOf(raw, trusted));
  const headers = new Headers();
  try {
    for (const [name, value] of raw.headerEntries()) {
      if (name.startsWith(':')) continue;
      if (typeof value === 'string') headers.set(name, value);
      else for (const v of value) headers.append(name, v);
    }
  } catch {
    throw adapterRefusal('bad_request', { message: 'a request header cannot be represented in Web Headers' });
  }
  for (const name of FORWARDING_HEADERS) {
    const override = forwardedOverride(raw, name, trusted);
    if (override === undefined) continue;
    if (override.value === undefined) headers.delete(name);
    else headers.set(name, override.value);
  }
  const method = raw.method;
  const body = method === 'GET' || method === 'HEAD' ? null : raw.body();
  try {
    return new Request(url, { method, headers, ...(body === null ? {} : { body, duplex: 'half' }) } as RequestInit);
  } catch {
    throw adapterRefusal('bad_request', { message: `the method ${JSON.stringify(method.slice(0, 20))} cannot be represented in a Web Request` });
  }
}

/** `Headers.get` over the raw request, with the forwarding policy applied. */
class HeadHeaders {
  constructor(private readonly raw: RawRequest, private readonly trusted: boolean) {}

  get(name: string): string | null {
    const key = name.toLowerCase();
    if (key.startsWith(':')) return null; // HTTP/2 pseudo-headers are not headers
    const override = forwardedOverride(this.raw, key, this.trusted);
    if (override !== undefined) return override.value ?? null;
    return this.raw.header(key) ?? null;
  }
}

/** A class rather than an object literal with closures: one small allocation per request. */
class RequestHead implements AuthRequest {
  readonly method: string;
  readonly headers: HeadHeaders;
  #url: string | undefined;
  #full: Request | undefined;

  constructor(private readonly raw: RawRequest, private readonly trust: TrustProxy | undefined, trusted: boolean, private readonly authority: { proto: string; host: string }) {
    this.method = raw.method;
    this.headers = new HeadHeaders(raw, trusted);
  }

  get url(): string {
    return (this.#url ??= urlOf(this.raw, this.authority).href);
  }

  toRequest(): Request {
    return (this.#full ??= toWebRequestFrom(this.raw, { trustProxy: this.trust }));
  }
}

/**
 * The request head of `raw` for `auth.authenticate`/`auth.require`: it answers exactly what
 * {@link toWebRequestFrom} would (same header values, forwarding rules and URL), and builds the full
 * `Request` only when the core asks for the body (a form-field token source), at most once. Host
 * (or the trusted forwarded host) is validated at once; the URL is computed on first read.
 *
 * @throws {JoseError} ERR_AUTH_REQUEST_INVALID (400) when the Host is invalid.
 */
export function toRequestHeadFrom(raw: RawRequest, options: { trustProxy?: TrustProxy } = {}): AuthRequest {
  const trusted = isTrusted(raw, options.trustProxy);
  return new RequestHead(raw, options.trustProxy, trusted, authorityOf(raw, trusted));
}
