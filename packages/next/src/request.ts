/**
 * A Next.js request as the auth layer must see it, and the header policy every entry point shares.
 * Translation only: the URL's scheme and host follow one trust-proxy rule (the core's
 * `toWebRequestFrom`), since Next.js itself fills in `x-forwarded-*` from whatever the client sent.
 */
import { toRequestHeadFrom, toWebRequestFrom, type AuthRequest, type RawRequest } from '@tessera/jwt-core/server';

/** Options every entry point of this package takes. */
export interface NextAuthOptions {
  /**
   * A TLS-terminating proxy you trust sets `X-Forwarded-Proto`/`-Host` (Vercel, a load balancer):
   * believe them for the request's scheme and host. Default false: `http://` and the `Host` header
   * (`next start` serves plain http), so a client cannot claim https or another host.
   */
  trustProxy?: boolean;
  /** Receives internal errors (a store that throws, ...) before the 503. Default `console.error`. */
  onError?: (error: unknown) => void;
}

/**
 * `name` from Web `Headers`. They never hold an HTTP/2 pseudo-header, and `get(':authority')` throws
 * a TypeError: the core asks for `:authority` when a request has no Host (an HTTP/1.0 request may
 * omit it, RFC 9112 §3.2), which must be a missing header, not an internal error (503).
 */
export function headerOf(headers: Headers, name: string): string | undefined {
  return name.startsWith(':') ? undefined : headers.get(name) ?? undefined;
}

function rawOf(href: string, method: string, headers: Headers, body: () => ReadableStream<Uint8Array> | null): RawRequest {
  const url = new URL(href);
  return {
    method,
    encrypted: false,
    remoteAddress: undefined,
    target: `${url.pathname}${url.search}`,
    header: (name) => headerOf(headers, name),
    headerEntries: () => headers.entries(),
    body,
  };
}

const raw = (request: Request, body: () => ReadableStream<Uint8Array> | null): RawRequest => rawOf(request.url, request.method, request.headers, body);

/** The full request for the auth endpoints (which read the body), its URL under the trust-proxy rule. */
export function authRequest(request: Request, options: NextAuthOptions): Request {
  return toWebRequestFrom(raw(request, () => request.body), { trustProxy: options.trustProxy === true });
}

/**
 * The request head for `auth.authenticate`: the route keeps its body; a configured form-field token
 * source reads a copy of it.
 */
export function authHead(request: Request, options: NextAuthOptions): AuthRequest {
  return toRequestHeadFrom(raw(request, () => request.clone().body), { trustProxy: options.trustProxy === true });
}

/**
 * {@link authHead} of `request` as seen with other headers (the middleware's, identity headers
 * removed), without building a second `Request` on every protected request.
 */
export function authHeadWith(request: Request, headers: Headers, options: NextAuthOptions): AuthRequest {
  return toRequestHeadFrom(rawOf(request.url, request.method, headers, () => request.clone().body), { trustProxy: options.trustProxy === true });
}

/**
 * Responses that set auth cookies must never be stored by a shared cache (a CDN caching
 * `Set-Cookie` hands one user's session to the next): `Cache-Control: private, no-store`.
 */
export function privateIfCookies(response: Response): Response {
  if (response.headers.has('set-cookie')) response.headers.set('cache-control', 'private, no-store');
  return response;
}
