/**
 * The `store` option at start-up: the default in-memory store, and the check that a store has
 * every method of the AuthStore interface.
 */
import { invalidOption } from '../errors.js';
import { createMemoryStore } from './memory-store.js';
import type { AuthStore } from './store.js';

/** The methods createAuth requires, in the order of the AuthStore interface. */
const STORE_METHODS = [
  'insertRefresh', 'findRefresh', 'rotateRefresh', 'revokeFamily', 'isFamilyRevoked',
  'revokeAccessToken', 'isAccessTokenRevoked', 'checkAccess', 'getUserEpoch', 'raiseUserEpoch',
] as const satisfies readonly (keyof AuthStore)[];

/**
 * `store` validated, or the default in-memory store driven by `now` (undefined: the store's own
 * real clock). Throws ERR_JOSE_INVALID_OPTION for a store missing a method.
 */
export function resolveStore(store: AuthStore | undefined, now: (() => Date) | undefined): AuthStore {
  if (store === undefined) return createMemoryStore(now === undefined ? {} : { now });
  if (typeof store !== 'object' || store === null) throw invalidOption('store must be an object implementing the AuthStore interface');
  for (const m of STORE_METHODS) {
    if (typeof store[m] !== 'function') {
      // get/set/delete were the generic methods the store interface had before its domain operations.
      const old = typeof (store as { get?: unknown }).get === 'function' ? '; a store written for the older get/set/delete interface must implement the domain operations instead' : '';
      throw invalidOption(`store.${m} must be a function (see the AuthStore interface)${old}`);
    }
  }
  return store;
}
