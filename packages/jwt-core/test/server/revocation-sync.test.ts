/**
 * A store may answer `checkAccess` synchronously (the memory store does): the auth layer judges the
 * answer at once, with the same outcomes as for a promise. A throw or a malformed answer still
 * denies with 503, a revoked token is still refused, never let through.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/server/index.js';
import type { AccessState, AuthStore } from '../../src/server/index.js';
import { Clock, login, request, setup } from './helpers.js';

type Mode = 'memory' | 'throws' | 'malformed' | 'revoked' | 'family';

function syncStore(clock: Clock) {
  const inner = createMemoryStore({ now: clock.now });
  const state = { mode: 'memory' as Mode };
  const store: AuthStore = {
    ...inner,
    checkAccess(query) {
      switch (state.mode) {
        case 'throws': throw new Error('the in-process index is corrupt');
        case 'malformed': return { revoked: 'no' } as unknown as AccessState;
        case 'revoked': return { revoked: true, familyRevoked: false, userEpoch: undefined };
        case 'family': return { revoked: false, familyRevoked: true, userEpoch: undefined };
        default: return inner.checkAccess(query);
      }
    },
  };
  return { store, state };
}

describe('a store answering checkAccess synchronously', () => {
  it('the memory store answers with the state itself, not a promise', () => {
    const state = createMemoryStore().checkAccess({ jti: 'j', family: 'f', sub: 'u' });
    expect(state).toEqual({ revoked: false, familyRevoked: false, userEpoch: undefined });
  });

  it('lets a live session through, refuses revoked tokens and sessions (401), denies on a throw or a malformed answer (503)', async () => {
    const clock = new Clock();
    const { store, state } = syncStore(clock);
    const { auth } = setup({ store, now: clock.now });
    const jar = await login(auth);
    const outcome = async (mode: Mode) => {
      state.mode = mode;
      const r = await auth.authenticate(request('GET', '/api/me', { jar }));
      return r.ok ? 200 : [r.response.status, r.error.code];
    };
    expect(await outcome('memory')).toBe(200);
    expect(await outcome('revoked')).toEqual([401, 'ERR_JWT_REVOKED']);
    expect(await outcome('family')).toEqual([401, 'ERR_JWT_REVOKED']);
    expect(await outcome('throws')).toEqual([503, 'ERR_AUTH_UNAVAILABLE']);
    expect(await outcome('malformed')).toEqual([503, 'ERR_AUTH_UNAVAILABLE']);
    expect(await outcome('memory')).toBe(200);
  });
});
