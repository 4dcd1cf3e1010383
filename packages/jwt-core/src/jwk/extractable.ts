/**
 * Keys generated with `extractable: false` (the default of the generators, as in WebCrypto) keep
 * their private part inside the process: `exportJwk(key, { private: true })` refuses them.
 * Kept beside the key model rather than in it, so the Key shape stays as it is.
 */
import type { Key } from './key.js';

const NON_EXTRACTABLE = new WeakSet<Key>();

export function markNonExtractable(key: Key): Key {
  NON_EXTRACTABLE.add(key);
  return key;
}

export function isExtractable(key: Key): boolean {
  return !NON_EXTRACTABLE.has(key);
}
