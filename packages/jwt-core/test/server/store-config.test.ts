/**
 * The `store` option at start-up: every AuthStore method is required and a missing one is named;
 * without a store, createAuth refuses to start where an in-process store cannot be right (an Edge
 * runtime, NODE_ENV=production) unless the memory store is chosen explicitly.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryStore } from '../../src/server/index.js';
import type { AuthStore } from '../../src/server/index.js';
import { body, request, setup } from './helpers.js';

const METHODS = ['insertRefresh', 'findRefresh', 'rotateRefresh', 'revokeFamily', 'isFamilyRevoked',
  'revokeAccessToken', 'isAccessTokenRevoked', 'checkAccess', 'getUserEpoch', 'raiseUserEpoch'] as const;

/** setup() with no store at all (helpers.ts passes an explicit one by default). */
function setupWithoutStore(): ReturnType<typeof setup> {
  return setup({ store: undefined, transport: 'bearer' });
}

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

describe('the default in-memory store', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.unstubAllEnvs();
  });

  it('is refused on an Edge runtime, with the fix in the message', () => {
    vi.stubGlobal('EdgeRuntime', 'edge-runtime');
    vi.stubEnv('NODE_ENV', 'development');
    const err = thrown(setupWithoutStore);
    expect(err.code).toBe('ERR_JOSE_INVALID_OPTION');
    expect(err.message).toContain('on an Edge runtime (EdgeRuntime is "edge-runtime")');
    expect(err.message).toContain('pass a shared store, such as createRedisStore from @tessera/redis, or store: createMemoryStore()');
  });

  it('is refused with NODE_ENV=production, with the fix in the message', () => {
    vi.stubGlobal('EdgeRuntime', undefined);
    vi.stubEnv('NODE_ENV', 'production');
    const err = thrown(setupWithoutStore);
    expect(err.code).toBe('ERR_JOSE_INVALID_OPTION');
    expect(err.message).toContain('with NODE_ENV=production');
    expect(err.message).toContain('pass a shared store, such as createRedisStore from @tessera/redis, or store: createMemoryStore()');
  });

  it('chosen explicitly, starts on an Edge runtime and in production', async () => {
    vi.stubGlobal('EdgeRuntime', 'vercel');
    vi.stubEnv('NODE_ENV', 'production');
    const { auth } = setup({ store: createMemoryStore() });
    const res = await auth.handle(request('POST', '/auth/login', { json: { username: 'alice', password: 'correct horse' } }));
    expect(res!.status).toBe(200);
  });

  it('is used elsewhere, and its expiry follows the injected clock', async () => {
    vi.stubGlobal('EdgeRuntime', undefined);
    vi.stubEnv('NODE_ENV', 'development');
    const { auth, clock } = setupWithoutStore();
    const refresh = (token: unknown) => auth.handle(request('POST', '/auth/refresh', { json: { refresh_token: token } }));
    const tokens = await body(await auth.handle(request('POST', '/auth/login', { json: { username: 'alice', password: 'correct horse' } })));
    // Live at the injected time and gone refreshTokenTtl later, whatever the real date: the store
    // keeps the injected clock.
    const renewed = await refresh(tokens.refresh_token);
    expect(renewed!.status).toBe(200);
    clock.advance(14 * 86_400);
    expect(await body(await refresh((await body(renewed)).refresh_token))).toMatchObject({ error: 'ERR_AUTH_REFRESH_INVALID' });
  });
});
