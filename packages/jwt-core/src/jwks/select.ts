/**
 * Key selection for JWS verification and JWE decryption: turns what the caller passed (a key, a
 * key set, or a resolver) into the keys to try for one token. It runs after the algorithm
 * allow-list and before any cryptography, and it fails closed:
 *
 * - anything that is not a Tessera key, key set or resolver (a string, bytes, a plain JWK, null,
 *   an empty value) is `ERR_JWK_INVALID`: an empty or falsy key must never mean "no check"
 *   (GHSA-8wpc, CVE-2026-44351);
 * - a key whose binding does not include the token's `alg`, or whose `use` differs, is refused:
 *   this is where RS256 -> HS256 algorithm confusion (CVE-2015-9235) stops;
 * - a resolver that throws, rejects or returns something unusable gives `ERR_JWKS_NO_MATCHING_KEY`.
 */
import { JoseError, joseError } from '../lib/errors.js';
import { internals, isKey, type Key } from '../jwk/key.js';
import { DEFAULT_LIMITS } from '../lib/limits.js';
import type { JoseHeader } from '../lib/types.js';
import { withArticle } from '../lib/describe.js';
import type { KeySelection, KeySet } from './types.js';

/** Whether `value` has the shape of a {@link KeySet} (static set, key ring, remote set). */
export function isKeySet(value: unknown): value is KeySet {
  return typeof value === 'object' && value !== null && !isKey(value)
    && typeof (value as KeySet).select === 'function' && typeof (value as KeySet).jwks === 'function';
}

/**
 * The keys to try for a token, in order. Synchronous for a single key (the hot path); a key set
 * or resolver may make it a Promise.
 */
export function resolveKeys(
  input: unknown,
  header: JoseHeader,
  selection: KeySelection & { context?: unknown },
): readonly Key[] | Promise<readonly Key[]> {
  if (isKey(input)) {
    checkKeyFits(input, header, selection.use);
    return [input];
  }
  if (isKeySet(input)) return fromKeySet(input, header, selection);
  if (typeof input === 'function') return fromResolver(input as (h: JoseHeader, c: unknown) => unknown, header, selection);
  internals(input); // throws ERR_JWK_INVALID: "expected a key from importJwk, ...; got ..."
  throw joseError('ERR_JWK_INVALID', 'expected a key, a key set or a key resolver', { hint: 'pass a key from importJwk, a key set or a resolver function' }); // unreachable: internals threw
}

/** Refuse a key not bound to the token's `alg` or meant for the other `use`. */
export function checkKeyFits(key: Key, header: JoseHeader, use: 'sig' | 'enc'): void {
  const alg = header.alg;
  if (key.use === use && typeof alg === 'string' && key.algorithms.includes(alg as Key['algorithms'][number]) && !(use === 'enc' && key.type === 'public')) return;
  // Failure paths only: the message is built when it is needed, not on every verification.
  const label = describeBinding(key);
  if (key.use !== use) {
    throw joseError('ERR_JWKS_NO_MATCHING_KEY',
      `the ${label} is for ${key.use === 'sig' ? 'signatures' : 'encryption'} ("use": "${key.use}"), not for ${use === 'sig' ? 'verifying a JWS' : 'decrypting a JWE'}`, {
        alg: typeof alg === 'string' ? alg : undefined, kid: kidOf(header),
        hint: 'a key serves one purpose (RFC 7517 §4.2): pass the key imported for this use',
      });
  }
  if (typeof alg !== 'string' || !key.algorithms.includes(alg as Key['algorithms'][number])) {
    const tokenAlg = typeof alg === 'string' ? shortText(alg) : 'none given';
    throw joseError('ERR_JWKS_NO_MATCHING_KEY', `the ${label} cannot be used for alg ${tokenAlg}`, {
      alg: typeof alg === 'string' ? alg : undefined, kid: kidOf(header),
      hint: `a key is bound to its algorithm family at import (RFC 8725 §3.1), so that a token cannot choose how its key is used: ${withArticle(key.kty)} key cannot ${use === 'sig' ? 'verify tokens signed' : 'decrypt tokens encrypted'} with ${tokenAlg} (algorithm confusion, CVE-2015-9235). Allow only the algorithms your key is for, or pass the key meant for ${tokenAlg}`,
    });
  }
  if (use === 'enc' && key.type === 'public') {
    throw joseError('ERR_JWKS_NO_MATCHING_KEY', `the ${label} is a public key; decrypting needs the private key`, {
      alg, kid: kidOf(header), hint: 'pass the private key (the public one is for encrypting)',
    });
  }
}

/** "RSA key (kid 'k1') bound to RS256, RS384, ..." for messages; never key material. */
export function describeBinding(key: Key): string {
  const kid = key.kid === undefined ? '' : ` (kid '${shortText(key.kid)}')`;
  return `${key.kty}${key.crv ? ` ${key.crv}` : ''} key${kid} bound to ${key.algorithms.join(', ')}`;
}

/** Untrusted text (a header's kid or alg) made safe for a message: printable ASCII, at most 64 characters. */
export function shortText(s: string): string {
  const clean = s.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > 64 ? `${clean.slice(0, 64)}...` : clean;
}

function kidOf(header: JoseHeader): string | undefined {
  return typeof header.kid === 'string' ? shortText(header.kid) : undefined;
}

function fromKeySet(set: KeySet, header: JoseHeader, selection: KeySelection): readonly Key[] | Promise<readonly Key[]> {
  let selected: unknown;
  try {
    selected = set.select(header, { use: selection.use, maxKeysTried: selection.maxKeysTried });
  } catch (err) {
    throw err instanceof JoseError ? err : resolverFailed(err, header, 'key set');
  }
  if (isPromiseLike(selected)) {
    return Promise.resolve(selected).then(
      (keys) => checkSelected(keys, header, selection),
      (err: unknown) => { throw err instanceof JoseError ? err : resolverFailed(err, header, 'key set'); },
    );
  }
  return checkSelected(selected, header, selection);
}

/** A key set is code the caller may have written: its answer is checked like a single key. */
function checkSelected(keys: unknown, header: JoseHeader, selection: KeySelection): readonly Key[] {
  if (!Array.isArray(keys) || keys.length === 0) {
    throw joseError('ERR_JWKS_NO_MATCHING_KEY', `the key set returned no key for alg ${typeof header.alg === 'string' ? shortText(header.alg) : 'none given'}`, {
      kid: kidOf(header), hint: 'a key set must throw ERR_JWKS_NO_MATCHING_KEY or return the matching keys',
    });
  }
  const out: Key[] = [];
  for (const key of keys.slice(0, maxTried(selection))) {
    if (!isKey(key)) internals(key);
    checkKeyFits(key as Key, header, selection.use);
    out.push(key as Key);
  }
  return out;
}

function fromResolver(
  resolver: (h: JoseHeader, c: unknown) => unknown,
  header: JoseHeader,
  selection: KeySelection & { context?: unknown },
): readonly Key[] | Promise<readonly Key[]> {
  let result: unknown;
  try {
    result = resolver(header, selection.context);
  } catch (err) {
    throw resolverFailed(err, header);
  }
  if (isPromiseLike(result)) {
    return Promise.resolve(result).then(
      (value) => fromResolved(value, header, selection),
      (err: unknown) => { throw resolverFailed(err, header); },
    );
  }
  return fromResolved(result, header, selection);
}

function fromResolved(value: unknown, header: JoseHeader, selection: KeySelection): readonly Key[] | Promise<readonly Key[]> {
  if (isKey(value)) {
    checkKeyFits(value, header, selection.use);
    return [value];
  }
  if (isKeySet(value)) return fromKeySet(value, header, selection);
  throw joseError('ERR_JWKS_NO_MATCHING_KEY', `the key resolver returned ${describeReturn(value)} instead of a key or a key set`, {
    kid: kidOf(header), alg: typeof header.alg === 'string' ? shortText(header.alg) : undefined,
    hint: 'a resolver returns a key from importJwk/importPem/importSecret or a key set (createKeySet, a key ring, a remote set); it may not return another function',
  });
}

function resolverFailed(err: unknown, header: JoseHeader, what = 'key resolver'): JoseError {
  if (err instanceof JoseError && err.code === 'ERR_JWKS_NO_MATCHING_KEY') return err;
  // A JoseError's message is safe to repeat (it never holds key material); others may hold anything.
  const name = err instanceof Error ? err.name : typeof err;
  const why = err instanceof JoseError ? `${err.code}: ${err.message}` : withArticle(name);
  return joseError('ERR_JWKS_NO_MATCHING_KEY', `the ${what} failed (${why}); no key was selected`, {
    kid: kidOf(header), alg: typeof header.alg === 'string' ? shortText(header.alg) : undefined, cause: err,
    // Not the token's fault: the auth layer answers it as an internal failure (503), not a 401.
    ...(err instanceof JoseError ? {} : { reason: 'resolver_failed' }),
    hint: 'the token is refused because its key could not be determined; check the resolver and what it depends on (a store, a network call)',
  });
}

function describeReturn(value: unknown): string {
  if (typeof value === 'function') return 'a function';
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'string') return 'a string';
  if (value instanceof Uint8Array) return 'bytes';
  return typeof value === 'object' ? (Array.isArray(value) ? 'an array' : 'a plain object') : `a ${typeof value}`;
}

/** The bound on keys tried; a missing or bad value falls back to the default, never to "unbounded" or "none". */
export function maxTried(selection: KeySelection): number {
  const n = selection.maxKeysTried;
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_LIMITS.maxKeysTried;
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as PromiseLike<unknown>).then === 'function';
}
