/** The `store` option at start-up: every AuthStore method is required and a missing one is named. */
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/server/index.js';
import type { AuthStore } from '../../src/server/index.js';
import { setup } from './helpers.js';

const METHODS = ['insertRefresh', 'findRefresh', 'rotateRefresh', 'revokeFamily', 'isFamilyRevoked',
  'revokeAccessToken', 'isAccessTokenRevoked', 'checkAccess', 'getUserEpoch', 'raiseUserEpoch'] as const;

function thrown(fn: () => unknown): { code?: string; message: string; hint?: string } {
  try {
    fn();
  } catch (err) {
    return err as { code?: string; message: string; hint?: string };
  }
  throw new Error('expected a throw');
}

describe('store validation', () => {
  it('lists every AuthStore method the memory store implements', () => {
    expect(Object.keys(createMemoryStore()).sort()).toEqual([...METHODS].sort());
  });

  it.each(METHODS)('refuses a store without %s, naming it', (method) => {
    const store = { ...createMemoryStore() } as Partial<AuthStore>;
    delete store[method];
    const err = thrown(() => setup({ store: store as AuthStore }));
    expect(err.code).toBe('ERR_JOSE_INVALID_OPTION');
    expect(err.message).toBe(`store.${method} must be a function (see the AuthStore interface)`);
  });

  it('points a store of the older get/set/delete interface to the domain operations', () => {
    const store = { get: async () => undefined, set: async () => undefined, delete: async () => undefined };
    expect(() => setup({ store: store as never })).toThrow(/^store\.insertRefresh must be a function .*older get\/set\/delete interface/);
  });

  it('refuses a store that is not an object', () => {
    expect(() => setup({ store: 'redis://localhost' as never })).toThrow(/store must be an object implementing the AuthStore interface/);
  });
});
