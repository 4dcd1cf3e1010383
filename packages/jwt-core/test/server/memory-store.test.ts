/**
 * What only the in-memory store has: its bound, and failing closed at it. The AuthStore contract
 * itself (every method, expiry, copies, atomic rotation) is the shared store suite, run for this
 * store in store-conformance.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/server/index.js';
import type { RefreshRecord } from '../../src/server/index.js';
import { Clock } from './helpers.js';

const rec = (hash: string, family = 'f1', expiresAt = 2e9): RefreshRecord => ({ hash, family, sub: 'u1', signedInAt: 100, issuedAt: 100, expiresAt, familyExpiresAt: 2e9 });
const seconds = (clock: Clock): number => Math.floor(clock.now().getTime() / 1000);

describe('createMemoryStore', () => {
  it('at the bound evicts expired entries, then the oldest refresh records, never revocations', async () => {
    const clock = new Clock();
    const s = createMemoryStore({ now: clock.now, maxEntries: 10 });
    const t = seconds(clock);
    for (let i = 0; i < 5; i++) await s.revokeAccessToken({ jti: `rev${i}`, sub: 'u' }, t + 3600);
    await s.revokeFamily({ family: 'fam', sub: 'u' }, t + 3600);
    await s.raiseUserEpoch('u', 1, 3600);
    for (let i = 0; i < 3; i++) await s.insertRefresh(rec(`r${i}`));
    await s.insertRefresh(rec('r3'));
    expect(await s.findRefresh('r0')).toBeUndefined(); // the oldest session had to sign in again
    expect(await s.findRefresh('r3')).toBeDefined();
    for (let i = 0; i < 5; i++) expect(await s.isAccessTokenRevoked({ jti: `rev${i}`, sub: 'u' })).toBe(true);
    expect(await s.isFamilyRevoked({ family: 'fam', sub: 'u' })).toBe(true);
    expect(await s.getUserEpoch('u')).toBe(1);
  });

  it('full of revocations, refuses every new write with ERR_AUTH_UNAVAILABLE and drops none of them', async () => {
    const clock = new Clock();
    const s = createMemoryStore({ now: clock.now, maxEntries: 10 });
    const t = seconds(clock);
    for (let i = 0; i < 8; i++) await s.revokeAccessToken({ jti: `j${i}`, sub: 'u' }, t + 600);
    await s.revokeFamily({ family: 'f0', sub: 'u' }, t + 600);
    await s.raiseUserEpoch('u0', t, 600);
    const full = { code: 'ERR_AUTH_UNAVAILABLE', reason: 'store_full' };
    await expect(s.insertRefresh(rec('h'))).rejects.toMatchObject(full);
    await expect(s.revokeAccessToken({ jti: 'j-new', sub: 'u' }, t + 600)).rejects.toMatchObject(full);
    await expect(s.revokeFamily({ family: 'f-new', sub: 'u' }, t + 600)).rejects.toMatchObject(full);
    await expect(s.raiseUserEpoch('u-new', t, 600)).rejects.toMatchObject(full);
    // Raising what is already there takes no room.
    await s.revokeFamily({ family: 'f0', sub: 'u' }, t + 900);
    await s.raiseUserEpoch('u0', t + 1, 600);
    for (let i = 0; i < 8; i++) expect(await s.isAccessTokenRevoked({ jti: `j${i}`, sub: 'u' })).toBe(true);
    expect(await s.checkAccess({ jti: 'j0', family: 'f0', sub: 'u0' })).toEqual({ revoked: true, familyRevoked: true, userEpoch: t + 1 });
    clock.advance(600); // the access-token revocations and the epoch expire and make room; the family lasts to t + 900
    await s.insertRefresh(rec('h'));
    expect(await s.findRefresh('h')).toBeDefined();
    expect(await s.isFamilyRevoked({ family: 'f0', sub: 'u' })).toBe(true);
  });

  it('runs on the real clock without one', async () => {
    const s = createMemoryStore();
    const t = Math.floor(Date.now() / 1000);
    await s.revokeAccessToken({ jti: 'j', sub: 'u' }, t + 60);
    await s.revokeAccessToken({ jti: 'gone', sub: 'u' }, t - 1);
    expect(await s.checkAccess({ jti: 'j', family: 'f', sub: 'u' })).toEqual({ revoked: true, familyRevoked: false, userEpoch: undefined });
    expect(await s.isAccessTokenRevoked({ jti: 'gone', sub: 'u' })).toBe(false);
  });

  it('refuses a tiny bound', () => {
    expect(() => createMemoryStore({ maxEntries: 1 })).toThrow(/maxEntries/);
  });
});
