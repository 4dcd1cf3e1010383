/**
 * The store conformance suite: the `AuthStore` contract of `@tessera/jwt-core/server` as cases any
 * store runs unchanged (STYLE.md, "Adapters and stores": every store runs the same store suite). A
 * case builds its store through the runner's {@link StoreHarness} with a clock of its own, so expiry
 * is tested without waiting; it resolves when the store conforms and throws an Error naming what
 * differed. Runtime-agnostic: no Node APIs, no dependency on the core.
 *
 * @example
 * ```ts
 * import { describe, it } from 'vitest';
 * import { createMemoryStore } from '@tessera/jwt-core/server';
 * import { storeCases, type StoreHarness } from '@tessera/test-vectors/stores';
 *
 * const harness: StoreHarness = { createStore: (clock) => createMemoryStore({ now: () => clock.now() }) };
 * describe('memory store', () => {
 *   for (const c of storeCases()) it(c.title, () => c.run(harness));
 * });
 * ```
 */
import { concurrencyCases } from './cases-concurrency.js';
import { expiryCases } from './cases-expiry.js';
import { refreshCases } from './cases-refresh.js';
import { revocationCases } from './cases-revocation.js';
import { userCases } from './cases-users.js';
import type { StoreCase } from './types.js';

export type * from './types.js';
export { T0 } from './harness.js';

/**
 * Every case: refresh records and rotation, revocations and `checkAccess`, expiry of each kind of
 * entry, copies, rotation under concurrency, and many users at once (for stores that shard by
 * user). A fresh array of the same case objects.
 */
export function storeCases(): StoreCase[] {
  return [...refreshCases, ...revocationCases, ...expiryCases, ...concurrencyCases, ...userCases];
}

/** One case by its id. */
export function storeCase(id: string): StoreCase | undefined {
  return storeCases().find((c) => c.id === id);
}
