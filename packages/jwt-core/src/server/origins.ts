/**
 * Origins (RFC 6454): normalising configured ones, telling development loopback origins apart.
 */
import { invalidOption } from '../errors.js';
import type { AuthRequest } from './types.js';

/** `scheme://host[:port]` of an http(s) URL or origin; throws ERR_JOSE_INVALID_OPTION otherwise. */
export function normalizeOrigin(value: unknown, name: string): string {
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value) : undefined;
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw invalidOption(`${name} must be an http(s) origin such as 'https://app.example.com'; got ${JSON.stringify(value)}`,
      "'*' and 'null' are never allowed origins: list each origin that may send cookie-authenticated requests");
  }
  return url.origin;
}

/** Whether a hostname is the loopback interface (development). */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]' || hostname.endsWith('.localhost');
}

/** Whether `origin` is plain http on loopback: the one case where cookies may be sent without Secure. */
export function isLoopbackHttp(origin: string): boolean {
  const url = new URL(origin);
  return url.protocol === 'http:' && isLoopbackHost(url.hostname);
}

/** The origin of the request's URL (as the adapter built it: scheme from the socket or a trusted proxy). */
export function requestOrigin(request: AuthRequest): string {
  return new URL(request.url).origin;
}
