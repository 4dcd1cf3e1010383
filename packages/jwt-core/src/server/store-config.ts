/**
 * The `store` option at start-up: the default, and the check that a store has every method. The
 * default in-memory store holds one process's state, so it is refused where that cannot be right:
 * on an Edge runtime (each isolate has its own memory) and in production (a deployment that scales
 * out would let a revoked token through on the other instances). Choosing it explicitly is allowed.
 */
import { invalidOption } from '../errors.js';
import { createMemoryStore } from './memory-store.js';
import type { AuthStore } from './store.js';

/** The methods createAuth requires, in the order of the AuthStore interface. */
const STORE_METHODS = [
  'insertRefresh', 'findRefresh', 'rotateRefresh', 'revokeFamily', 'isFamilyRevoked',
  'revokeAccessToken', 'isAccessTokenRevoked', 'checkAccess', 'getUserEpoch', 'raiseUserEpoch',
] as const satisfies readonly (keyof AuthStore)[];

interface RuntimeGlobals {
  EdgeRuntime?: unknown;
  process?: { env?: Record<string, string | undefined> };
}

/**
 * Where the in-process default store cannot be right, as a phrase for the message, or undefined.
 * Reads globals only: the core imports no Node built-ins. `EdgeRuntime` is the string Next.js and
 * Vercel (and @edge-runtime/vm) define on the Edge runtime.
 */
function sharedStoreNeeded(): string | undefined {
  const g = globalThis as RuntimeGlobals;
  if (typeof g.EdgeRuntime === 'string') return `on an Edge runtime (EdgeRuntime is ${JSON.stringify(g.EdgeRuntime)}), where each isolate has its own memory`;
  if (g.process?.env?.NODE_ENV === 'production') return 'with NODE_ENV=production, where more than one instance may serve the same users';
  return undefined;
}

/**
 * `store` validated, or the default in-memory store driven by `now` (undefined: the store's own
 * real clock). Throws ERR_JOSE_INVALID_OPTION for a store missing a method, and for no store where
 * only a shared one is right.
 */
export function resolveStore(store: AuthStore | undefined, now: (() => Date) | undefined): AuthStore {
  if (store === undefined) {
    const where = sharedStoreNeeded();
    if (where !== undefined) {
      throw invalidOption(`createAuth has no store, and the default in-memory store cannot be right ${where}: pass a shared store, `
        + 'such as createRedisStore from @tessera/redis, or store: createMemoryStore() to choose the single-instance memory store explicitly',
      'every instance must see the same revocations and refresh tokens, or a token revoked on one instance still passes on another');
    }
    return createMemoryStore(now === undefined ? {} : { now });
  }
  if (typeof store !== 'object' || store === null) throw invalidOption('store must be an object implementing the AuthStore interface', 'pass createMemoryStore() for one instance, or a shared store such as createRedisStore from @tessera/redis');
  for (const m of STORE_METHODS) {
    if (typeof store[m] !== 'function') {
      // get/set/delete were the generic methods the store interface had before its domain operations.
      const old = typeof (store as { get?: unknown }).get === 'function' ? '; a store written for the older get/set/delete interface must implement the domain operations instead' : '';
      throw invalidOption(`store.${m} must be a function (see the AuthStore interface)${old}`, 'implement every method of AuthStore; run @tessera/test-vectors/stores to check the store');
    }
  }
  return store;
}
