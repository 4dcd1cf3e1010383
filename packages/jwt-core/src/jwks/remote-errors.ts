/**
 * Messages of a remote key set. A key lookup that fails in production has to explain itself in
 * the log line: which kid the token asked for, which kids the provider published, how old that
 * knowledge is, and whether the provider could be reached at all.
 */
import { JoseError, joseError } from '../lib/errors.js';
import { quote } from '../lib/quote.js';
import { formatDuration, formatInstant } from '../lib/time.js';
import { type CachePolicy, type FetchState, nextAttemptAt } from './remote-cache.js';
import type { IgnoredKey } from './remote-keys.js';

const ago = (now: number, at: number): string => `${formatDuration((now - at) / 1000)} ago (${formatInstant(Math.floor(at / 1000))})`;

/** "keys fetched 12s ago (...); the last fetch failed 3s ago: ...; ignored keys: ...". */
export function describeFetchState(
  state: FetchState, ignored: readonly IgnoredKey[], now: number, refetchAllowedAt: number | undefined, cooldownMs: number,
): string {
  const parts: string[] = [];
  parts.push(state.fetchedAt === undefined ? 'keys never fetched successfully' : `keys fetched ${ago(now, state.fetchedAt)}`);
  if (state.lastError !== undefined) {
    parts.push(`the last fetch failed ${formatDuration((now - state.lastError.at) / 1000)} ago (${state.failures} failure${state.failures === 1 ? '' : 's'} in a row): ${state.lastError.message}`);
  } else {
    parts.push('the last fetch succeeded');
  }
  if (refetchAllowedAt !== undefined && refetchAllowedAt > now) {
    parts.push(`no refetch now: the next is allowed in ${formatDuration(Math.ceil((refetchAllowedAt - now) / 1000))} (cooldown ${formatDuration(cooldownMs / 1000)}${state.failures > 0 ? ', with retry backoff' : ''})`);
  }
  if (ignored.length > 0) {
    const shown = ignored.slice(0, 3).map((k) => `${k.kid === undefined ? '(no kid)' : quote(k.kid)}: ${k.reason}`);
    parts.push(`ignored keys: ${shown.join('; ')}${ignored.length > 3 ? `; and ${ignored.length - 3} more` : ''}`);
  }
  return parts.join('; ');
}

/** ERR_JWKS_NO_MATCHING_KEY rebuilt with the endpoint and its fetch state. */
export function unknownKeyError(inner: JoseError, url: string, kid: string | undefined, known: readonly string[], detail: string): JoseError {
  return joseError('ERR_JWKS_NO_MATCHING_KEY', `${inner.message} (JWKS ${url}; ${detail})`, {
    ...(kid === undefined ? {} : { kid }),
    knownKids: known,
    ...(inner.alg === undefined ? {} : { alg: inner.alg }),
    reason: inner.reason ?? 'no_matching_key',
    hint: kid === undefined
      ? 'the token has no kid and no published key fits its alg; check the algorithms option and that the token comes from this provider'
      : 'if the provider just rotated its keys, the next refetch picks the new key up; a kid the provider never published means the token was not issued by it (check its iss)',
    cause: inner,
  });
}

/** No keys can be served: never fetched, or too stale. Carries the code of the last fetch error. */
export function noKeysYetError(
  url: string, state: FetchState, policy: CachePolicy, now: number, header: { kid?: unknown } | undefined, cachedKids: readonly string[],
): JoseError {
  const kid = typeof header?.kid === 'string' ? header.kid : undefined;
  const last = state.lastError;
  const code = last?.error instanceof JoseError ? last.error.code : 'ERR_JWKS_INVALID';
  const next = nextAttemptAt(state, policy, 'expired');
  const retry = next > now ? `; next attempt in ${formatDuration(Math.ceil((next - now) / 1000))}` : '';
  const why = last === undefined ? 'no fetch has completed' : `the last fetch failed ${formatDuration((now - last.at) / 1000)} ago: ${last.message}`;
  const wanted = header === undefined ? '' : `cannot check ${kid === undefined ? 'a token without kid' : `kid ${quote(kid)}`}: `;
  const message = state.fetchedAt === undefined
    ? `${wanted}no keys from the JWKS ${url} yet: ${why}${retry}`
    : `${wanted}the keys from the JWKS ${url} (kids: ${cachedKids.length === 0 ? 'none' : cachedKids.join(', ')}) expired at ${formatInstant(Math.floor(state.expiresAt / 1000))}, longer ago than maxStale (${formatDuration(policy.maxStaleMs / 1000)}), and refreshing failed: ${why}${retry}`;
  return joseError(code, message, {
    reason: 'unavailable', ...(kid === undefined ? {} : { kid }), knownKids: state.fetchedAt === undefined ? [] : cachedKids,
    hint: 'the key endpoint cannot be reached or answers garbage: tokens cannot be checked until it recovers (answer 503, not 401); check the URL and the provider status',
    ...(last === undefined ? {} : { cause: last.error }),
  });
}

/**
 * A kid the cached keys do not hold, while the endpoint's last fetch failed: it may be the
 * provider's next key (OIDC Core §10.1.1), so the token cannot be judged. `reason: 'unavailable'`
 * (a server-side failure: 503, not 401), never a verdict on the token.
 */
export function refetchFailedError(url: string, state: FetchState, kid: string | undefined, cachedKids: readonly string[]): JoseError {
  const last = state.lastError;
  const code = last?.error instanceof JoseError ? last.error.code : 'ERR_JWKS_INVALID';
  return joseError(code, `cannot check ${kid === undefined ? 'a token without kid' : `kid ${quote(kid)}`}: the cached keys of the JWKS ${url} (kids: ${cachedKids.length === 0 ? 'none' : cachedKids.join(', ')}) do not hold it, and the last fetch of the JWKS failed: ${last?.message ?? 'unknown error'}`, {
    reason: 'unavailable', ...(kid === undefined ? {} : { kid }), knownKids: cachedKids,
    hint: 'the provider may have rotated its keys while its key endpoint fails: such tokens cannot be checked until it recovers (answer 503, not 401); check the provider status',
    ...(last === undefined ? {} : { cause: last.error }),
  });
}
