/**
 * Keys generated in this process (`generateKeyPair`, `generateSecret`) are remembered, so that
 * the auth layer can tell at start-up that its signing key was made in memory: in production such
 * a key invalidates every token at each restart and differs between the instances of a farm.
 * Kept beside the key model rather than in it, so the Key shape stays as it is.
 */
import type { Key } from './key.js';

const GENERATED = new WeakSet<Key>();

export function markGenerated(key: Key): Key {
  GENERATED.add(key);
  return key;
}

/** Whether `key` came from a generator in this process (not from stored key material). */
export function isGenerated(key: Key): boolean {
  return GENERATED.has(key);
}
