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

/** What `Headers.get` answers for a header Node parsed: repeated values joined with ", " (as `Headers` joins). */
function headerValue(req: IncomingMessage, name: string, trusted: boolean): string | null {
  const key = name.toLowerCase();
  if (key.startsWith(':')) return null; // HTTP/2 pseudo-headers are not headers
  const override = forwardedOverride(req, key, trusted);
  if (override !== undefined) return override.value ?? null;
  const value = req.headers[key];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
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
  const authority = requestAuthority(req, trusted);
  let url: string | undefined;
  let full: Request | undefined;
  return {
    method: req.method ?? 'GET',
    get url() {
      return (url ??= requestUrl(req, authority).href);
    },
    headers: { get: (name: string) => headerValue(req, name, trusted) },
    toRequest: () => (full ??= toWebRequest(req, options)),
  };
}
