/**
 * What verification accepts as "the key": one key, a key set, or a resolver that picks either per
 * token (multi-tenant servers). Static sets, key rings and remote JWKS all implement {@link KeySet}.
 */
import type { Key } from '../jwk/key.js';
import type { JwkSet, JoseHeader } from '../lib/types.js';

/** How a key set is asked for candidates. */
export interface KeySelection {
  /** `sig` when verifying a JWS, `enc` when decrypting a JWE. */
  readonly use: 'sig' | 'enc';
  /** At most this many keys are returned when the header has no `kid`. */
  readonly maxKeysTried: number;
}

/**
 * A set of keys that selects candidates for a token by `kid` and `alg`.
 *
 * `select` returns the keys to try, in order, already filtered to those bound to `header.alg`;
 * when none fits it throws `ERR_JWKS_NO_MATCHING_KEY` whose message names the `kid` asked for
 * and the kids known.
 */
export interface KeySet {
  /** The keys currently held (for a remote set, those cached now). */
  readonly keys: readonly Key[];
  /** The public JWKS document of the set: public members only, never a private or secret key. */
  jwks(): JwkSet;
  select(header: JoseHeader, selection: KeySelection): readonly Key[] | Promise<readonly Key[]>;
}

/**
 * Picks the key or key set per token, e.g. by tenant. `context` is whatever the caller passed as
 * the `context` option (a request, a tenant id...).
 */
export type KeyResolver = (header: JoseHeader, context: unknown) => Key | KeySet | Promise<Key | KeySet>;

/** Everything accepted where a verification or decryption key is expected. */
export type KeyInput = Key | KeySet | KeyResolver;
