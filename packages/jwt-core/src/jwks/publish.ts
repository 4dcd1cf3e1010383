/**
 * Publishing a key ring's public keys (`/.well-known/jwks.json`) as a Web `Response`.
 *
 * Cache headers are chosen for rotation. A verifier learns about a new key only when its cached
 * copy expires (or, with Tessera's remote key set, when it meets an unknown kid), so:
 * - `max-age` is short (5 minutes by default): a key added as verify-only reaches every cache
 *   within max-age + stale-while-revalidate, so promoting it to signing is safe that long after
 *   its publication; a key removed from the set stops being trusted as quickly;
 * - `stale-while-revalidate` lets caches answer at once while they refresh in the background;
 * - `stale-if-error` keeps verifiers working through an outage of this endpoint: public keys are
 *   safe to serve stale, and an outage of the issuer must not take every API down with it;
 * - an `ETag` lets clients revalidate with `If-None-Match` for a 304 without a body;
 * - `Access-Control-Allow-Origin: *`: the document is public by definition.
 * `must-revalidate` is deliberately absent: it would forbid the stale-* fallbacks above.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { invalidOption } from '../lib/errors.js';
import type { JwkSet } from '../lib/types.js';
import { encodeBase64url } from '../lib/base64url.js';
import { quote } from '../lib/quote.js';
import { parseDuration, type Duration } from '../lib/time.js';
import { utf8 } from '../lib/utf8.js';
import type { KeySet } from './types.js';

export interface JwksResponseOptions {
  /** `Cache-Control: max-age` (default `'5m'`). */
  maxAge?: Duration;
  /** `stale-while-revalidate` (default `'1m'`). */
  staleWhileRevalidate?: Duration;
  /** `stale-if-error` (default `'1d'`). */
  staleIfError?: Duration;
  /** The incoming request: answers 304 to a matching `If-None-Match`, no body to `HEAD`, 405 to other methods. */
  request?: Request;
  /** `Content-Type` (default `application/jwk-set+json`, RFC 7517 §8.5.1). */
  contentType?: string;
}

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k', 'oth'];

/**
 * The JWKS of `keys` (a key ring, a key set, or a JWKS document) as a `Response` with cache
 * headers suited to key rotation and an ETag.
 *
 * @example
 * ```ts
 * // In any Web-standard handler (Next.js route, Hono, Deno.serve, Bun.serve...):
 * if (new URL(request.url).pathname === '/.well-known/jwks.json') {
 *   return jwksResponse(ring, { request });
 * }
 * ```
 * @throws JoseError `ERR_JOSE_INVALID_OPTION` when there is nothing public to publish (a ring of
 * HMAC secrets) or when a key would expose private material.
 */
export function jwksResponse(keys: KeySet | JwkSet, options: JwksResponseOptions = {}): Response {
  const document = typeof (keys as KeySet).jwks === 'function' ? (keys as KeySet).jwks() : (keys as JwkSet);
  if (typeof document !== 'object' || document === null || !Array.isArray(document.keys)) {
    throw invalidOption('jwksResponse expects a key ring, a key set or a JWKS document { keys: [...] }', 'pass the ring from createKeyRing or loadKeyRing');
  }
  if (document.keys.length === 0) {
    throw invalidOption('jwksResponse: the key set has no public key to publish', 'HMAC secrets are never published; services that verify HS* tokens need the same secret through their own configuration');
  }
  for (const jwk of document.keys) {
    const leaked = PRIVATE_MEMBERS.find((m) => m in jwk);
    if (leaked !== undefined) {
      throw invalidOption(`jwksResponse refuses to publish the key ${jwk.kid === undefined ? '(no kid)' : quote(jwk.kid)}: it has the private member "${leaked}"`, 'publish the ring or key set itself, whose jwks() holds public keys only');
    }
  }
  const body = JSON.stringify({ keys: document.keys });
  const etag = `"${encodeBase64url(sha256(utf8(body))).slice(0, 27)}"`;
  const headers = new Headers({
    'cache-control': cacheControl(options),
    etag,
    'access-control-allow-origin': '*',
    'x-content-type-options': 'nosniff',
  });
  const request = options.request;
  const method = request?.method.toUpperCase() ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') {
    return new Response(null, { status: 405, headers: { allow: 'GET, HEAD' } });
  }
  if (request !== undefined && etagMatches(request.headers.get('if-none-match'), etag)) {
    return new Response(null, { status: 304, headers });
  }
  headers.set('content-type', options.contentType ?? 'application/jwk-set+json');
  return new Response(method === 'HEAD' ? null : body, { status: 200, headers });
}

function cacheControl(options: JwksResponseOptions): string {
  const maxAge = Math.floor(parseDuration(options.maxAge ?? '5m', 'maxAge'));
  const swr = Math.floor(parseDuration(options.staleWhileRevalidate ?? '1m', 'staleWhileRevalidate'));
  const sie = Math.floor(parseDuration(options.staleIfError ?? '1d', 'staleIfError'));
  return `public, max-age=${maxAge}, stale-while-revalidate=${swr}, stale-if-error=${sie}`;
}

/** RFC 9110 §13.1.2: If-None-Match uses the weak comparison; `*` matches any current representation. */
function etagMatches(header: string | null, etag: string): boolean {
  if (header === null) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}
