/**
 * The opt-in verified-token cache of `createVerifier({ cache: { max } })`, and its `revoked` hook.
 *
 * A hit skips only the work that cannot change for the same bytes: parsing, the header checks and
 * the signature. Everything that can change is redone on every hit:
 * - the claim checks at the current time (exp, nbf, iat, maxTokenAge, and the static ones, which
 *   are cheap): an expired token is never served from the cache (GHSA-x937-hj6v-793p);
 * - key selection: the key that verified the token must still be selected for its header, so an
 *   entry never outlives the key's removal or retirement from a key set, and a resolver that picks
 *   keys per `context` (tenant) is asked again;
 * - the `revoked` hook.
 * When any of these fails the entry is dropped and the token goes through full verification, so a
 * refused token gets exactly the error it would get without the cache.
 *
 * Entries are keyed by the whole token text (CVE-2026-35039: a key derived from part of the token,
 * or from a hash of it, lets two tokens share an entry); only successful verifications are stored;
 * the map is a bounded LRU whose entries also leave at the token's own expiry. Memory is bounded
 * by `max` entries of at most `maxTokenLength` characters each plus their payloads.
 */
import { invalidOption, joseError } from '../lib/errors.js';
import { describeValue } from '../lib/describe.js';
import type { Key } from '../jwk/key.js';
import { deepFreeze } from '../jws/header-cache.js';
import { parseJwsVerifyOptions, type JwsVerifyConfig } from '../jws/options.js';
import { resolveKeys } from '../jwks/select.js';
import type { JoseHeader } from '../lib/types.js';
import type { JwtClaims, VerifyJwtResult } from './types.js';
import { validateClaims } from './claims.js';
import { parseClaimsOptions, type ClaimsConfig } from './options.js';
import type { JwtVerifier } from './verify.js';

/** Options of the verified-token cache. */
export interface VerifiedCacheOptions {
  /** Most entries kept (least recently used ones leave first). A positive integer, at most 1,000,000. */
  max: number;
}

/**
 * A revocation check run after every successful verification, cache hit or not. Resolve to `true`
 * to refuse the token with ERR_JWT_REVOKED. An error it throws rejects the verification as is.
 */
export type RevokedCheck = (payload: JwtClaims, header: Readonly<JoseHeader>) => boolean | Promise<boolean>;

const MAX_ENTRIES = 1_000_000;

interface Entry {
  readonly result: VerifyJwtResult;
  /** Seconds: the token's exp plus the clock tolerance; Infinity without exp. */
  readonly expiresAt: number;
}

/** A bounded LRU of verified tokens, keyed by the full token text. */
export class VerifiedTokenCache {
  readonly #entries = new Map<string, Entry>();
  readonly #max: number;

  constructor(max: number) {
    this.#max = max;
  }

  /** The entry for `token` unless it has expired at `now` (seconds); a hit becomes most recent. */
  get(token: string, now: number): Entry | undefined {
    const entry = this.#entries.get(token);
    if (entry === undefined) return undefined;
    this.#entries.delete(token);
    if (now >= entry.expiresAt) return undefined;
    this.#entries.set(token, entry);
    return entry;
  }

  set(token: string, entry: Entry): void {
    this.#entries.delete(token);
    if (this.#entries.size >= this.#max) {
      // Map iterates in insertion order and hits are re-inserted: the first key is the least recent.
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) this.#entries.delete(oldest.value);
    }
    this.#entries.set(token, entry);
  }

  delete(token: string): void {
    this.#entries.delete(token);
  }

  get size(): number {
    return this.#entries.size;
  }
}

/** Validate the `cache` option. */
export function parseCacheOption(value: unknown): VerifiedCacheOptions | undefined {
  if (value === undefined) return undefined;
  const max = (value as { max?: unknown } | null)?.max;
  if (typeof value !== 'object' || value === null || typeof max !== 'number' || !Number.isSafeInteger(max) || max < 1 || max > MAX_ENTRIES) {
    throw invalidOption(`cache must be { max } with max an integer from 1 to ${MAX_ENTRIES}, got ${describeValue(value)}`, 'e.g. cache: { max: 10_000 }');
  }
  return { max };
}

/** Validate the `revoked` option. */
export function parseRevokedOption(value: unknown): RevokedCheck | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'function') throw invalidOption(`revoked must be a function (payload, header) => boolean | Promise<boolean>, got ${describeValue(value)}`, 'e.g. revoked: (payload) => denyList.has(payload.jti)');
  return value as RevokedCheck;
}

function revokedError(result: VerifyJwtResult): Error {
  const kid = result.header.kid;
  return joseError('ERR_JWT_REVOKED', 'token was revoked (the revoked check returned true)', {
    reason: 'revoked', ...(typeof kid === 'string' ? { kid } : {}), hint: 'the token was revoked before its expiry; sign in again',
  });
}

async function checkRevoked<T extends JwtClaims>(revoked: RevokedCheck | undefined, result: VerifyJwtResult<T>): Promise<VerifyJwtResult<T>> {
  if (revoked === undefined) return result;
  const answer = await revoked(result.payload, result.header);
  if (answer === false) return result;
  if (answer === true) throw revokedError(result);
  // Fail closed: a hook that forgot to return is a bug, not a "not revoked".
  throw invalidOption(`revoked must return a boolean (or a Promise of one), got ${describeValue(answer)}`, 'return true to refuse the token, false to accept it');
}

/** Whether `key` is still among the keys selected for `header` (and the selection still succeeds). */
function keyStillSelected(config: JwsVerifyConfig, header: JoseHeader, key: Key, context: unknown): boolean | Promise<boolean> {
  const has = (keys: readonly Key[]) => keys.slice(0, config.maxKeysTried).includes(key);
  try {
    const candidates = resolveKeys(config.keys, header, { use: 'sig', maxKeysTried: config.maxKeysTried, context });
    return candidates instanceof Promise ? candidates.then(has, () => false) : has(candidates);
  } catch {
    return false;
  }
}

/** Whether a cached result may be served now: claims at `now`, then key selection. */
function stillValid(entry: Entry, jws: JwsVerifyConfig, claims: ClaimsConfig, context: unknown, now: number): boolean | Promise<boolean> {
  const { payload, header, key } = entry.result;
  try {
    validateClaims(payload, header, claims, now);
  } catch {
    return false;
  }
  return keyStillSelected(jws, header, key, context);
}

/**
 * Wrap a prepared verifier with the cache and/or the revocation hook. `keys` and `options` are
 * those the verifier was prepared with (already validated by it).
 */
export function withVerifiedCache<T extends JwtClaims>(
  verify: JwtVerifier<T>,
  keys: unknown,
  options: Record<string, unknown>,
  cacheOptions: VerifiedCacheOptions | undefined,
  revoked: RevokedCheck | undefined,
): JwtVerifier<T> {
  if (cacheOptions === undefined) return async (token, context) => checkRevoked(revoked, await verify(token, context));
  if (options.decrypt !== undefined) {
    // A hit would skip the decryption and with it the selection of the decryption key, so an
    // entry could outlive that key's retirement: refused rather than silently weaker.
    throw invalidOption('cache cannot be combined with decrypt (nested JWTs): their decryption key must be selected for every token', 'drop cache, or verify the inner JWS with a caching verifier after decrypting it yourself');
  }
  const jws = parseJwsVerifyOptions(keys, options);
  const claims = parseClaimsOptions(options);
  const cache = new VerifiedTokenCache(cacheOptions.max);
  return async (token: string, context?: unknown): Promise<VerifyJwtResult<T>> => {
    const ctx = context === undefined ? jws.context : context;
    const now = claims.currentTime ?? Date.now() / 1000;
    const entry = typeof token === 'string' ? cache.get(token, now) : undefined;
    if (entry !== undefined) {
      const valid = stillValid(entry, jws, claims, ctx, now);
      if (valid === true || (valid !== false && (await valid))) return checkRevoked(revoked, entry.result as VerifyJwtResult<T>);
      cache.delete(token);
    }
    const result = await verify(token, context);
    // Shared between callers from now on: frozen, like the verifier's cached headers.
    deepFreeze(result.payload);
    Object.freeze(result);
    const exp = result.payload.exp;
    cache.set(token, { result, expiresAt: typeof exp === 'number' ? exp + claims.clockTolerance : Infinity });
    return checkRevoked(revoked, result);
  };
}
