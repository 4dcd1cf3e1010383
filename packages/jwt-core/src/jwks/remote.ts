/**
 * `createRemoteKeySet`: the keys of an identity provider's JWKS endpoint, fetched on demand,
 * cached, refreshed on rotation, and explained when they fail. The timing rules are in
 * remote-cache.ts, the bounded request in remote-fetch.ts, the lenient import in remote-keys.ts.
 */
import { JoseError, joseError } from '../lib/errors.js';
import type { Key } from '../jwk/key.js';
import type { JwkSet, JoseHeader } from '../lib/types.js';
import { quote } from '../lib/quote.js';
import { createKeySet } from './key-set.js';
import { freshnessMs, initialState, nextAttemptAt, servable, type FetchState } from './remote-cache.js';
import { fetchJsonBounded } from './remote-fetch.js';
import { importRemoteKeys, type IgnoredKey } from './remote-keys.js';
import { resolveRemoteOptions, type ResolvedRemoteOptions, type RemoteKeySetOptions } from './remote-options.js';
import { checkEndpointUrl, displayUrl } from './remote-url.js';
import type { KeySelection, KeySet } from './types.js';
import { describeFetchState, noKeysYetError, refetchFailedError, unknownKeyError } from './remote-errors.js';

export type { RemoteKeySetOptions } from './remote-options.js';

/** What a remote key set knows right now; for health checks and logs. */
export interface RemoteKeySetStatus {
  readonly url: string;
  readonly kids: readonly string[];
  readonly ignored: readonly IgnoredKey[];
  readonly fetchedAt: Date | undefined;
  readonly expiresAt: Date | undefined;
  /** Consecutive failed fetches since the last success. */
  readonly failures: number;
  readonly lastError: { readonly at: Date; readonly message: string } | undefined;
}

/** A {@link KeySet} backed by a JWKS URL. */
export interface RemoteKeySet extends KeySet {
  /** The endpoint, without query string or credentials. */
  readonly url: string;
  /**
   * Fetch now (joining a fetch already under way), whatever the cache, cooldown and backoff say.
   * Throws the fetch error when no keys can be served afterwards: await it at start-up to fail
   * fast when the endpoint is wrong.
   */
  refresh(): Promise<void>;
  status(): RemoteKeySetStatus;
}

/**
 * A key set over a JWKS endpoint, accepted wherever a key is (`verifyJwt`, `verifyJws`,
 * `createVerifier`, `decryptJwe`).
 *
 * - keys are cached for the endpoint's `Cache-Control: max-age`, within `minCacheAge`/`maxCacheAge`;
 * - a token with an unknown `kid` triggers one refetch, at most once per `cooldown`;
 * - concurrent verifications share one request; each request has a `timeout` and size bounds;
 * - when the endpoint fails, cached keys are served up to `maxStale` after expiry while retries back off;
 * - keys it cannot use are skipped, and `ERR_JWKS_NO_MATCHING_KEY` says which kid was wanted,
 *   which kids are known, when they were fetched and whether the last fetch failed.
 *
 * Only `https:` URLs are accepted (plain `http:` only for localhost). The URL comes from your
 * configuration; `jku`/`x5u` token headers are never followed.
 *
 * @example
 * ```ts
 * const keys = createRemoteKeySet('https://login.example.com/.well-known/jwks.json');
 * const { payload } = await verifyJwt(token, keys, {
 *   algorithms: ['RS256'], issuer: 'https://login.example.com/', audience: 'api://orders',
 * });
 * ```
 */
export function createRemoteKeySet(url: string | URL, options?: RemoteKeySetOptions): RemoteKeySet {
  const resolved = resolveRemoteOptions(options);
  return new RemoteJwks(checkEndpointUrl(url, 'the JWKS URL', resolved.urlPolicy), resolved);
}

class RemoteJwks implements RemoteKeySet {
  readonly url: string;
  #current: KeySet | undefined;
  #ignored: IgnoredKey[] = [];
  #state: FetchState = initialState();
  #inflight: Promise<void> | undefined;

  constructor(private readonly endpoint: URL, private readonly options: ResolvedRemoteOptions) {
    this.url = displayUrl(endpoint);
  }

  get keys(): readonly Key[] {
    return this.#current?.keys ?? [];
  }

  jwks(): JwkSet {
    return this.#current?.jwks() ?? { keys: [] };
  }

  async select(header: JoseHeader, selection: KeySelection): Promise<readonly Key[]> {
    if (this.options.now() >= this.#state.expiresAt) await this.#fetchIfAllowed('expired');
    const now = this.options.now();
    if (!servable(this.#state, this.options.cache, now)) throw this.#unavailable(header, now);
    try {
      return await this.#selectCached(header, selection);
    } catch (err) {
      if (!(err instanceof JoseError) || err.code !== 'ERR_JWKS_NO_MATCHING_KEY') throw err;
      // OIDC Core §10.1.1: a new kid is how a provider announces a rotation. A known kid that does
      // not fit the token's alg is not news from the provider: no refetch for it.
      const kid = header.kid;
      const known = typeof kid === 'string' && this.keys.some((k) => k.kid === kid);
      const fetched = known ? false : await this.#fetchIfAllowed('unknown-kid');
      // While the endpoint fails (its last fetch did), a new kid may be the provider's next key:
      // the token cannot be judged, which is the server's failure (503), not the token's (401).
      if (!known && this.#state.lastError !== undefined) {
        throw refetchFailedError(this.url, this.#state, typeof kid === 'string' ? kid : undefined, this.status().kids);
      }
      if (fetched && servable(this.#state, this.options.cache, this.options.now())) {
        try {
          return await this.#selectCached(header, selection);
        } catch (again) {
          if (!(again instanceof JoseError) || again.code !== 'ERR_JWKS_NO_MATCHING_KEY') throw again;
          throw this.#explain(again, header, undefined);
        }
      }
      throw this.#explain(err, header, fetched || known ? undefined : nextAttemptAt(this.#state, this.options.cache, 'unknown-kid'));
    }
  }

  async refresh(): Promise<void> {
    await (this.#inflight ?? this.#start());
    const now = this.options.now();
    if (!servable(this.#state, this.options.cache, now)) throw this.#unavailable(undefined, now);
  }

  status(): RemoteKeySetStatus {
    const s = this.#state;
    return {
      url: this.url,
      kids: this.keys.flatMap((k) => (k.kid === undefined ? [] : [k.kid])),
      ignored: [...this.#ignored],
      fetchedAt: s.fetchedAt === undefined ? undefined : new Date(s.fetchedAt),
      expiresAt: s.fetchedAt === undefined ? undefined : new Date(s.expiresAt),
      failures: s.failures,
      lastError: s.lastError === undefined ? undefined : { at: new Date(s.lastError.at), message: s.lastError.message },
    };
  }

  async #selectCached(header: JoseHeader, selection: KeySelection): Promise<readonly Key[]> {
    if (this.#current === undefined) {
      throw joseError('ERR_JWKS_NO_MATCHING_KEY', `no usable key${typeof header.kid === 'string' ? ` with kid ${quote(header.kid)}` : ''}; known kids: none`, {
        ...(typeof header.kid === 'string' ? { kid: header.kid } : {}), knownKids: [],
        hint: 'the provider published no key this verifier can use (see status().ignored for why each was skipped)',
      });
    }
    return this.#current.select(header, selection);
  }

  /** Join the fetch under way, or start one when the timing rules allow. Resolves whether a fetch ran. */
  async #fetchIfAllowed(reason: 'expired' | 'unknown-kid'): Promise<boolean> {
    if (this.#inflight !== undefined) {
      await this.#inflight;
      return true;
    }
    if (this.options.now() < nextAttemptAt(this.#state, this.options.cache, reason)) return false;
    await this.#start();
    return true;
  }

  #start(): Promise<void> {
    const run = this.#fetch().finally(() => { this.#inflight = undefined; });
    this.#inflight = run;
    return run;
  }

  /** One fetch; records success or failure in the state and never throws. */
  async #fetch(): Promise<void> {
    const { options } = this;
    this.#state.lastAttemptAt = options.now();
    try {
      const { body, headers } = await fetchJsonBounded(this.endpoint, {
        fetch: options.fetch, timeoutMs: options.timeoutMs, maxBytes: options.maxResponseBytes,
        headers: options.headers, policy: options.urlPolicy, what: 'JWKS',
      });
      const imported = importRemoteKeys(body, this.url, options.maxKeys);
      this.#current = imported.keys.length === 0 ? undefined : createKeySet(imported.keys, { maxKeys: options.maxKeys });
      this.#ignored = imported.ignored;
      const at = options.now();
      this.#state.fetchedAt = at;
      this.#state.expiresAt = at + freshnessMs(headers, options.cache);
      this.#state.failures = 0;
      this.#state.lastError = undefined;
    } catch (err) {
      this.#state.failures += 1;
      const message = err instanceof Error ? err.message : String(err);
      this.#state.lastError = { at: options.now(), message, error: err };
    }
  }

  #unavailable(header: JoseHeader | undefined, now: number): JoseError {
    return noKeysYetError(this.url, this.#state, this.options.cache, now, header, this.status().kids);
  }

  #explain(err: JoseError, header: JoseHeader, refetchAllowedAt: number | undefined): JoseError {
    const known = this.status().kids;
    const kid = typeof header.kid === 'string' ? header.kid : undefined;
    const detail = describeFetchState(this.#state, this.#ignored, this.options.now(), refetchAllowedAt, this.options.cache.cooldownMs);
    return unknownKeyError(err, this.url, kid, known, detail);
  }
}
