/**
 * A request head over `IncomingMessage`: what `auth.authenticate`/`auth.require` read (method, URL,
 * headers) without copying every header into a Web `Headers`, parsing a URL or creating undici's
 * `Request` and its `AbortSignal` on every request. It answers exactly what {@link toWebRequest}
 * would (the same header values, forwarding rules and URL); the full `Request` is built only when
 * the core asks for the body (`toRequest()`), at most once. Translation only, like bridge.ts.
 */
import type { IncomingMessage } from 'node:http';
import type { AuthRequest } from '@tessera/jwt-core/server';
import { forwardedOverride, isTrusted, requestAuthority, requestUrl, toWebRequest, type BridgeOptions } from './bridge.js';

/** `Headers.get` over Node's parsed headers: repeated values joined with ", " (as `Headers` joins them). */
class NodeHeaders {
  constructor(
    private readonly req: IncomingMessage,
    private readonly trusted: boolean,
  ) {}

  get(name: string): string | null {
    const key = name.toLowerCase();
    if (key.startsWith(':')) return null; // HTTP/2 pseudo-headers are not headers
    const override = forwardedOverride(this.req, key, this.trusted);
    if (override !== undefined) return override.value ?? null;
    const value = this.req.headers[key];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }
}

/** A class rather than an object literal with closures: one small allocation per request. */
class NodeRequestHead implements AuthRequest {
  readonly method: string;
  readonly headers: NodeHeaders;
  #url: string | undefined;
  #full: Request | undefined;

  constructor(
    private readonly req: IncomingMessage,
    private readonly options: BridgeOptions,
    trusted: boolean,
    private readonly authority: { proto: string; host: string },
  ) {
    this.method = req.method ?? 'GET';
    this.headers = new NodeHeaders(req, trusted);
  }

  get url(): string {
    return (this.#url ??= requestUrl(this.req, this.authority).href);
  }

  toRequest(): Request {
    return (this.#full ??= toWebRequest(this.req, this.options));
  }
}

/**
 * The head of `req` for `auth.authenticate`/`auth.require`. Host (or the trusted forwarded host) is
 * validated at once, so an untranslatable request is refused before the core sees it; the URL is
 * computed on first read.
 *
 * @example
 * ```ts
 * const result = await auth.authenticate(toRequestHead(req, { trustProxy: true }));
 * ```
 * @throws {BridgeError} 400 when the Host is invalid (or, on first read of `url`, the target).
 */
export function toRequestHead(req: IncomingMessage, options: BridgeOptions = {}): AuthRequest {
  const trusted = isTrusted(req, options.trustProxy);
  return new NodeRequestHead(req, options, trusted, requestAuthority(req, trusted));
}
