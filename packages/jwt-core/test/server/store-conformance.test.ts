/**
 * The store conformance suite (`@tessera/test-vectors/stores`) run for the in-memory store, and
 * against broken variants of it, so that the suite is known to catch what it claims to.
 */
import { describe, expect, it } from 'vitest';
import { storeCases, type StoreHarness } from '@tessera/test-vectors/stores';
import { createMemoryStore } from '../../src/server/index.js';
import type { AuthStore, RefreshRecord } from '../../src/server/index.js';

const harness: StoreHarness = { createStore: (clock) => createMemoryStore({ now: () => clock.now() }) };

describe('createMemoryStore conforms to the store suite', () => {
  for (const c of storeCases()) it(`${c.id}: ${c.title}`, () => c.run(harness));
});

/** A harness over the memory store with some methods replaced. */
function broken(patch: (inner: AuthStore) => Partial<AuthStore>): StoreHarness {
  return {
    createStore: (clock) => {
      const inner = createMemoryStore({ now: () => clock.now() });
      return { ...inner, ...patch(inner) };
    },
  };
}

const MUTANTS: [string, StoreHarness, string[]][] = [
  ['ignores the injected clock', { createStore: () => createMemoryStore() }, ['expiry.refresh', 'expiry.access-token', 'expiry.family', 'expiry.epoch']],
  ['hands out its stored records', broken((inner) => {
    const handed = new Map<string, RefreshRecord>();
    return {
      findRefresh: async (hash) => {
        const r = handed.get(hash) ?? (await inner.findRefresh(hash));
        if (r !== undefined) handed.set(hash, r);
        return r;
      },
    };
  }), ['copies']],
  ['answers checkAccess without the family', broken((inner) => ({ checkAccess: async (q) => ({ ...(await inner.checkAccess(q)), familyRevoked: false }) })), ['revocation.check-access']],
  ['rotates by reading then writing, never marking the token used', broken((inner) => ({
    rotateRefresh: async (req) => {
      const record = await inner.findRefresh(req.hash);
      if (record === undefined) return { status: 'missing' };
      if (await inner.isFamilyRevoked(record)) return { status: 'revoked', record };
      await inner.insertRefresh(req.child);
      return { status: 'rotated', record, grace: false };
    },
  })), ['rotation.first-use', 'rotation.grace', 'rotation.no-grace', 'concurrency.no-grace', 'concurrency.grace']],
  ['keeps one epoch for all users', broken((inner) => ({
    raiseUserEpoch: (_sub, epoch, ttl) => inner.raiseUserEpoch('everyone', epoch, ttl),
    getUserEpoch: () => inner.getUserEpoch('everyone'),
    checkAccess: (q) => inner.checkAccess({ ...q, sub: 'everyone' }),
  })), ['revocation.epoch', 'revocation.check-access', 'users.isolation']],
  ['answers a revoked session for every session of its user', broken((inner) => ({
    revokeFamily: ({ sub }, until) => inner.revokeFamily({ family: `user:${sub}`, sub }, until),
    isFamilyRevoked: ({ sub }) => inner.isFamilyRevoked({ family: `user:${sub}`, sub }),
    checkAccess: async (q) => ({ ...(await inner.checkAccess(q)), familyRevoked: await inner.isFamilyRevoked({ family: `user:${q.sub}`, sub: q.sub }) }),
  })), ['revocation.family', 'users.isolation']],
];

describe('the store suite fails a broken store', () => {
  it.each(MUTANTS)('a store that %s fails the cases that test it', async (_, mutant, expected) => {
    const failed: string[] = [];
    for (const c of storeCases()) {
      try {
        await c.run(mutant);
      } catch (error) {
        expect(error).toBeInstanceOf(Error);
        expect((error as Error).message).toContain(': expected ');
        failed.push(c.id);
      }
    }
    expect(failed).toEqual(expect.arrayContaining(expected));
  });
});
