/**
 * `fromIssuer`: the key set of an OpenID Provider found by discovery (OpenID Connect Discovery
 * 1.0 §4): GET `<issuer>/.well-known/openid-configuration`, check that the document's `issuer` is
 * exactly the configured one (§4.3, so a document served for another tenant or provider is not
 * trusted), then use its `jwks_uri`. Discovery is lazy: the first verification performs it, so
 * an application starts even while the provider is down; await `refresh()` to fail fast instead.
 */
import { JoseError, joseError } from '../lib/errors.js';
import type { Key } from '../jwk/key.js';
import type { JwkSet, JoseHeader } from '../lib/types.js';
import { backoffMs } from './remote-cache.js';
import { formatDuration } from '../lib/time.js';
import { quote } from '../lib/quote.js';
import { fetchJsonBounded } from './remote-fetch.js';
import { resolveRemoteOptions, type RemoteKeySetOptions, type ResolvedRemoteOptions } from './remote-options.js';
import { createRemoteKeySet, type RemoteKeySet, type RemoteKeySetStatus } from './remote.js';
import { checkEndpointUrl, displayUrl } from './remote-url.js';
import type { KeySelection, KeySet } from './types.js';

/** The key set of an OpenID Provider; `issuer` is the value to pass to `verifyJwt`'s `issuer` option. */
export interface IssuerKeySet extends KeySet {
  readonly issuer: string;
  /** The `jwks_uri` once discovered. */
  readonly jwksUri: string | undefined;
  /** Discover (if not yet done) and fetch the keys now; throws when either fails. */
  refresh(): Promise<void>;
  /** The remote key set's status; undefined before discovery. */
  status(): RemoteKeySetStatus | undefined;
}

/**
 * Verify tokens of an OpenID Provider (Auth0, Okta, Entra ID, Keycloak, Google...) from its issuer
 * URL. Options are those of {@link createRemoteKeySet}, applied to both requests.
 *
 * @example
 * ```ts
 * const keys = fromIssuer('https://login.example.com/');
 * const { payload } = await verifyJwt(token, keys, {
 *   algorithms: ['RS256'], issuer: keys.issuer, audience: 'api://orders',
 * });
 * ```
 */
export function fromIssuer(issuer: string, options: RemoteKeySetOptions = {}): IssuerKeySet {
  const resolved = resolveRemoteOptions(options);
  if (typeof issuer !== 'string') throw joseError('ERR_JOSE_INVALID_OPTION', 'fromIssuer expects the issuer URL as a string', { hint: "e.g. fromIssuer('https://login.example.com/')" });
  const base = checkEndpointUrl(issuer, 'the issuer URL', resolved.urlPolicy);
  if (base.search !== '' || base.hash !== '') throw joseError('ERR_JOSE_INVALID_OPTION', 'the issuer URL must not have a query or fragment (OpenID Connect Discovery §2)', { hint: 'pass the issuer exactly as tokens carry it in iss' });
  return new Issuer(issuer, base, options, resolved);
}

class Issuer implements IssuerKeySet {
  #remote: RemoteKeySet | undefined;
  #inflight: Promise<RemoteKeySet> | undefined;
  #failure: { at: number; count: number; error: JoseError } | undefined;

  constructor(readonly issuer: string, private readonly base: URL, private readonly options: RemoteKeySetOptions, private readonly resolved: ResolvedRemoteOptions) {}

  get jwksUri(): string | undefined { return this.#remote?.url; }
  get keys(): readonly Key[] { return this.#remote?.keys ?? []; }
  jwks(): JwkSet { return this.#remote?.jwks() ?? { keys: [] }; }
  status(): RemoteKeySetStatus | undefined { return this.#remote?.status(); }

  async select(header: JoseHeader, selection: KeySelection): Promise<readonly Key[]> {
    let remote: RemoteKeySet;
    try {
      remote = await this.#discover(false);
    } catch (err) {
      if (!(err instanceof JoseError)) throw err;
      const kid = typeof header.kid === 'string' ? header.kid : undefined;
      throw joseError(err.code, `cannot check ${kid === undefined ? 'a token without kid' : `kid ${quote(kid)}`}: no keys from ${this.issuer} yet: ${err.message}`, {
        ...(kid === undefined ? {} : { kid }), knownKids: [], reason: err.reason ?? 'discovery', hint: err.hint ?? '', cause: err,
      });
    }
    return remote.select(header, selection);
  }

  async refresh(): Promise<void> {
    await (await this.#discover(true)).refresh();
  }

  async #discover(force: boolean): Promise<RemoteKeySet> {
    if (this.#remote !== undefined) return this.#remote;
    if (this.#inflight !== undefined) return this.#inflight;
    const failure = this.#failure;
    const now = this.resolved.now();
    if (!force && failure !== undefined && now < failure.at + backoffMs(failure.count, this.resolved.cache)) {
      const wait = formatDuration(Math.ceil((failure.at + backoffMs(failure.count, this.resolved.cache) - now) / 1000));
      throw joseError(failure.error.code, `${failure.error.message}; next discovery attempt in ${wait}`, {
        reason: failure.error.reason ?? 'discovery', hint: failure.error.hint ?? '', cause: failure.error,
      });
    }
    const run = this.#fetchConfiguration().then(
      (remote) => { this.#remote = remote; this.#failure = undefined; return remote; },
      (err: unknown) => {
        const error = err instanceof JoseError ? err : joseError('ERR_JWKS_INVALID', 'OpenID discovery failed', { cause: err, hint: 'check the issuer URL' });
        this.#failure = { at: this.resolved.now(), count: (this.#failure?.count ?? 0) + 1, error };
        throw error;
      },
    ).finally(() => { this.#inflight = undefined; });
    this.#inflight = run;
    return run;
  }

  async #fetchConfiguration(): Promise<RemoteKeySet> {
    // §4: remove a terminating "/" from the issuer, then append the well-known path.
    const url = new URL(`${this.base.href.replace(/\/$/, '')}/.well-known/openid-configuration`);
    const { body } = await fetchJsonBounded(url, {
      fetch: this.resolved.fetch, timeoutMs: this.resolved.timeoutMs, maxBytes: this.resolved.maxResponseBytes,
      headers: this.resolved.headers, policy: this.resolved.urlPolicy, what: 'OpenID configuration',
    });
    if (body.issuer !== this.issuer) {
      throw joseError('ERR_JWKS_INVALID', `the OpenID configuration at ${displayUrl(url)} declares the issuer ${quote(body.issuer)}, not ${quote(this.issuer)}`, {
        reason: 'issuer_mismatch',
        hint: 'pass exactly the issuer the provider declares (a trailing slash counts); it is also the value tokens carry in iss',
      });
    }
    if (typeof body.jwks_uri !== 'string') {
      throw joseError('ERR_JWKS_INVALID', `the OpenID configuration at ${displayUrl(url)} has no jwks_uri`, {
        reason: 'content', hint: 'this provider does not publish signing keys by discovery; use createRemoteKeySet with its JWKS URL',
      });
    }
    let jwksUri: URL;
    try {
      jwksUri = checkEndpointUrl(body.jwks_uri, 'the jwks_uri of the OpenID configuration', this.resolved.urlPolicy);
    } catch (err) {
      throw joseError('ERR_JWKS_INVALID', err instanceof Error ? err.message : 'invalid jwks_uri', { reason: 'content', cause: err, hint: 'the provider configuration is wrong; use createRemoteKeySet with its HTTPS JWKS URL' });
    }
    return createRemoteKeySet(jwksUri, this.options);
  }
}
