/** Options of `createRemoteKeySet` and `fromIssuer`, and their checked, defaulted form. */
import { invalidOption } from '../lib/errors.js';
import { DEFAULT_LIMITS } from '../lib/limits.js';
import { parseLimit } from '../lib/options.js';
import { parseDuration, type Duration } from '../lib/time.js';
import { isProduction, processEnv } from '../lib/environment.js';
import type { CachePolicy } from './remote-cache.js';
import type { FetchLike } from './remote-fetch.js';
import type { UrlPolicy } from './remote-url.js';

export interface RemoteKeySetOptions {
  /** The `fetch` to use (default `globalThis.fetch`): inject one for proxies, custom agents or tests. */
  fetch?: FetchLike;
  /** Deadline for one request, body included (default `'5s'`). Exceeding it is `ERR_JWKS_TIMEOUT`. */
  timeout?: Duration;
  /** Keys are kept at least this long, whatever `Cache-Control` says (default `'1m'`). */
  minCacheAge?: Duration;
  /** Keys are kept at most this long, whatever `Cache-Control` says (default `'1h'`). */
  maxCacheAge?: Duration;
  /** Freshness when the response has no `Cache-Control: max-age` (default `'10m'`). */
  defaultCacheAge?: Duration;
  /** Least time between two refetches asked for by tokens with an unknown `kid` (default `'30s'`). */
  cooldown?: Duration;
  /** How long after expiry cached keys are still served while the endpoint fails (default `'6h'`). */
  maxStale?: Duration;
  /** First retry delay after a failed fetch; it doubles per failure (default `'1s'`). */
  retryBackoff?: Duration;
  /** Cap of the retry delay (default `'5m'`). */
  maxRetryBackoff?: Duration;
  /** Largest response body accepted, in bytes (default 262144). */
  maxResponseBytes?: number;
  /** Most keys accepted in the document (default 100). */
  maxKeys?: number;
  /** Allow `http:` URLs to hosts other than loopback outside production (default false). */
  allowHttp?: boolean;
  /** Apply production rules (default: `process.env.NODE_ENV === 'production'`). */
  production?: boolean;
  /** Extra request headers (e.g. a `user-agent` your provider asks for). */
  headers?: Record<string, string>;
  /** The clock, in ms since the epoch or as a Date (default `Date.now`); tests inject a fake one. */
  now?: () => number | Date;
}

export interface ResolvedRemoteOptions {
  fetch: FetchLike;
  timeoutMs: number;
  maxResponseBytes: number;
  maxKeys: number;
  headers: Record<string, string>;
  urlPolicy: UrlPolicy;
  cache: CachePolicy;
  now: () => number;
}

const ms = (value: Duration | undefined, fallback: Duration, name: string): number => parseDuration(value ?? fallback, name) * 1000;

/** Check and default the options; throws ERR_JOSE_INVALID_OPTION naming the bad one. */
export function resolveRemoteOptions(options: RemoteKeySetOptions = {}): ResolvedRemoteOptions {
  const fetchFn = options.fetch ?? (globalThis as { fetch?: FetchLike }).fetch;
  if (typeof fetchFn !== 'function') {
    throw invalidOption('this runtime has no global fetch', 'pass the fetch option (e.g. from undici) to createRemoteKeySet');
  }
  const cache: CachePolicy = {
    minCacheAgeMs: ms(options.minCacheAge, '1m', 'minCacheAge'),
    maxCacheAgeMs: ms(options.maxCacheAge, '1h', 'maxCacheAge'),
    defaultCacheAgeMs: ms(options.defaultCacheAge, '10m', 'defaultCacheAge'),
    cooldownMs: ms(options.cooldown, '30s', 'cooldown'),
    maxStaleMs: ms(options.maxStale, '6h', 'maxStale'),
    backoffBaseMs: ms(options.retryBackoff, '1s', 'retryBackoff'),
    backoffMaxMs: ms(options.maxRetryBackoff, '5m', 'maxRetryBackoff'),
  };
  if (cache.minCacheAgeMs > cache.maxCacheAgeMs) {
    throw invalidOption(`minCacheAge (${cache.minCacheAgeMs / 1000}s) is longer than maxCacheAge (${cache.maxCacheAgeMs / 1000}s)`, 'the provider max-age is clamped between the two: minCacheAge must not exceed maxCacheAge');
  }
  const timeoutMs = ms(options.timeout, '5s', 'timeout');
  if (timeoutMs <= 0) throw invalidOption('timeout must be more than 0', "e.g. timeout: '5s'");
  const clock = options.now;
  return {
    fetch: (input, init) => fetchFn(input, init),
    timeoutMs,
    maxResponseBytes: parseLimit(options.maxResponseBytes, 'maxResponseBytes', 262_144),
    maxKeys: parseLimit(options.maxKeys, 'maxKeys', DEFAULT_LIMITS.maxKeysInSet),
    headers: { ...options.headers },
    urlPolicy: { allowHttp: options.allowHttp === true, production: isProduction(options.production, processEnv()) },
    cache,
    now: clock === undefined ? Date.now : () => { const t = clock(); return typeof t === 'number' ? t : t.getTime(); },
  };
}
