/**
 * `createKeySet`: a fixed set of keys that picks candidates for a token by `kid` and `alg`
 * (RFC 7515 §4.1.4, RFC 7517 §5), and publishes its public JWKS. Key rings and remote sets
 * build on it.
 */
import { JoseError, joseError } from '../lib/errors.js';
import { exportJwk } from '../jwk/export.js';
import { importJwk } from '../jwk/import.js';
import { describeValue, withArticle } from '../lib/describe.js';
import { isKey, type Key } from '../jwk/key.js';
import type { Jwk, JwkSet, JoseHeader } from '../lib/types.js';
import { DEFAULT_LIMITS } from '../lib/limits.js';
import { parseLimit } from '../lib/options.js';
import { maxTried, shortText } from './select.js';
import type { KeySelection, KeySet } from './types.js';
import { refuseAmbiguousKids } from './ambiguous.js';

/** Options of {@link createKeySet}. */
export interface CreateKeySetOptions {
  /** Most keys accepted (default 100); a larger input is refused before any import work. */
  maxKeys?: number;
}

/** Kids listed in a message before "and N more". */
const KIDS_SHOWN = 20;

/**
 * Create a key set from keys, JWKs or a JWKS document (`{ keys: [...] }`; each JWK goes through
 * `importJwk`). `select` returns the keys for a token: by `kid` when the header has one, else
 * up to `maxKeysTried` keys bound to the token's `alg`, tried in order (a deliberate, bounded
 * fallback for issuers that send no kid). Different keys under one kid that could serve the same
 * algorithm are refused here, as ambiguous (ambiguous.ts). `jwks()` publishes the public keys
 * only; secret keys are left out.
 *
 * @example
 * ```ts
 * const keys = createKeySet([currentKey, previousKey]);
 * const { payload } = await verifyJwt(token, keys, { algorithms: ['ES256'] });
 * const published = keys.jwks(); // serve at /.well-known/jwks.json
 * ```
 * @throws JoseError `ERR_JWKS_INVALID` for an empty or oversized set, a malformed document, or
 * two different keys for the same algorithms under one kid (reason `ambiguous`);
 * `ERR_JWK_INVALID` (naming the key's position) for a key that does not import.
 */
export function createKeySet(keys: readonly Key[] | JwkSet | readonly Jwk[], options: CreateKeySetOptions = {}): KeySet {
  const maxKeys = parseLimit(options.maxKeys, 'maxKeys', DEFAULT_LIMITS.maxKeysInSet);
  const list: unknown = Array.isArray(keys) ? keys : (keys as JwkSet | null)?.keys;
  if (!Array.isArray(list)) {
    throw joseError('ERR_JWKS_INVALID', `createKeySet expects an array of keys or a JWKS document ({ keys: [...] }); got ${describeValue(keys)}`, {
      hint: 'RFC 7517 §5: a JWK Set is a JSON object with a "keys" array; parse JSON text first',
    });
  }
  if (list.length > maxKeys) {
    throw joseError('ERR_JWKS_INVALID', `the key set has ${list.length} keys; at most ${maxKeys} are accepted`, {
      limit: `maxKeys=${maxKeys}`, hint: 'a key set holds a handful of keys; raise maxKeys only if you really use more',
    });
  }
  if (list.length === 0) {
    throw joseError('ERR_JWKS_INVALID', 'the key set is empty', { hint: 'pass at least one key; an empty set can never verify a token' });
  }
  const imported = list.map(toKey);
  refuseAmbiguousKids(imported);
  return new StaticKeySet(imported);
}

function toKey(entry: unknown, index: number): Key {
  if (isKey(entry)) return entry;
  try {
    return importJwk(entry as Jwk);
  } catch (err) {
    if (!(err instanceof JoseError)) throw err;
    const kid = typeof (entry as Jwk | null)?.kid === 'string' ? ` (kid '${shortText((entry as Jwk).kid!)}')` : '';
    throw joseError(err.code, `key #${index + 1}${kid} of the set: ${err.message}`, { hint: err.hint ?? 'fix or remove this key; every key of a set must import', cause: err });
  }
}

class StaticKeySet implements KeySet {
  readonly keys: readonly Key[];
  readonly #byKid = new Map<string, Key[]>();
  #published: string | undefined;

  constructor(keys: Key[]) {
    this.keys = Object.freeze(keys);
    for (const key of keys) {
      if (key.kid === undefined) continue;
      const same = this.#byKid.get(key.kid);
      if (same === undefined) this.#byKid.set(key.kid, [key]);
      else same.push(key);
    }
  }

  jwks(): JwkSet {
    if (this.#published === undefined) {
      const seen = new Set<string>();
      for (const key of this.keys) {
        if (key.type === 'secret') continue; // a secret is never published
        seen.add(JSON.stringify(exportJwk(key)));
      }
      this.#published = `{"keys":[${[...seen].join(',')}]}`;
    }
    // A fresh copy per call: callers may add members (e.g. x5c) without touching the set.
    return JSON.parse(this.#published) as JwkSet;
  }

  select(header: JoseHeader, selection: KeySelection): readonly Key[] {
    const { alg, kid } = header;
    const max = maxTried(selection);
    if (typeof alg !== 'string') throw noMatch('the token has no "alg"', undefined, undefined, this.kids());
    const usable = (k: Key): boolean => k.use === selection.use
      && (k.algorithms as readonly string[]).includes(alg) && !(selection.use === 'enc' && k.type === 'public');
    const safeAlg = shortText(alg);
    if (kid !== undefined) {
      if (typeof kid !== 'string') throw noMatch(`the token's "kid" is ${describeValue(kid)}, not a string`, safeAlg, undefined, this.kids());
      const same = this.#byKid.get(kid) ?? [];
      const found = same.filter(usable);
      if (found.length > 0) return found.slice(0, max);
      const safeKid = shortText(kid);
      if (same.length > 0) {
        const bound = same.map((k) => `${withArticle(`${k.kty} ${k.type}`)} key for ${k.algorithms.join(', ')} ("use": "${k.use}")`).join('; ');
        throw noMatch(`the key with kid '${safeKid}' cannot be used for alg ${safeAlg}: it is ${bound}`, safeAlg, safeKid, this.kids());
      }
      throw noMatch(`no key with kid '${safeKid}' for alg ${safeAlg}; known kids: ${this.kidList()}`, safeAlg, safeKid, this.kids());
    }
    const found = this.keys.filter(usable);
    if (found.length > 0) return found.slice(0, max);
    throw noMatch(`no key for alg ${safeAlg} (the token has no kid); the set holds ${this.describeKeys()}`, safeAlg, undefined, this.kids());
  }

  private kids(): string[] {
    return [...this.#byKid.keys()];
  }

  private kidList(): string {
    const kids = this.kids();
    const unnamed = this.keys.filter((k) => k.kid === undefined).length;
    const shown = kids.slice(0, KIDS_SHOWN).join(', ') + (kids.length > KIDS_SHOWN ? ` and ${kids.length - KIDS_SHOWN} more` : '');
    const tail = unnamed > 0 ? `${kids.length > 0 ? '; ' : ''}${unnamed} key${unnamed === 1 ? '' : 's'} without kid` : '';
    return (kids.length === 0 ? 'none' : shown) + tail;
  }

  private describeKeys(): string {
    const items = this.keys.slice(0, KIDS_SHOWN).map((k) => `${k.kid === undefined ? 'a key without kid' : `'${k.kid}'`} (${k.use}: ${k.algorithms.join(', ')})`);
    return items.join(', ') + (this.keys.length > KIDS_SHOWN ? ` and ${this.keys.length - KIDS_SHOWN} more` : '');
  }
}

function noMatch(message: string, alg: string | undefined, kid: string | undefined, knownKids: readonly string[]): JoseError {
  return joseError('ERR_JWKS_NO_MATCHING_KEY', message, {
    alg, kid, knownKids,
    hint: kid !== undefined
      ? 'the token was signed with a key this set does not hold: an instance or service signing with its own key (every instance behind one load balancer must hold the same key ring: the same TESSERA_SIGNING_KEY and TESSERA_VERIFY_KEYS everywhere), a rotated key not yet added here, a token from another issuer, or a forged kid'
      : 'add the key for this algorithm to the set, or check that the token comes from the expected issuer',
  });
}
