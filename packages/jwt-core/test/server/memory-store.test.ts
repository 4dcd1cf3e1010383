/** The in-memory store: expiry by the injected clock, atomic rotation rules, the bound. */
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/server/index.js';
import type { RefreshRecord } from '../../src/server/index.js';
import { Clock } from './helpers.js';

const rec = (hash: string, family = 'f1', expiresAt = 2e9): RefreshRecord => ({ hash, family, sub: 'u1', signedInAt: 100, issuedAt: 100, expiresAt, familyExpiresAt: 2e9 });
const T = () => Math.floor(Date.parse('2026-11-22T10:00:00Z') / 1000);

describe('createMemoryStore', () => {
  it('expires values by the injected clock', async () => {
    const clock = new Clock();
    const s = createMemoryStore({ now: clock.now });
    await s.set('a', '1', 60);
    clock.advance(59);
    expect(await s.get('a')).toBe('1');
    clock.advance(1);
    expect(await s.get('a')).toBeUndefined();
    await s.set('b', '2', 60);
    await s.delete('b');
    expect(await s.get('b')).toBeUndefined();
  });

  it('rotates once, then grace, then revokes the family on reuse', async () => {
    const s = createMemoryStore({ now: new Clock().now });
    await s.insertRefresh(rec('p'));
    const now = T();
    expect(await s.rotateRefresh({ hash: 'p', child: rec('c1'), now, graceSeconds: 10, maxGraceUses: 1 })).toMatchObject({ status: 'rotated', grace: false });
    expect(await s.rotateRefresh({ hash: 'p', child: rec('c2'), now: now + 5, graceSeconds: 10, maxGraceUses: 1 })).toMatchObject({ status: 'rotated', grace: true });
    expect(await s.findRefresh('c2')).toBeDefined();
    expect(await s.rotateRefresh({ hash: 'p', child: rec('c3'), now: now + 6, graceSeconds: 10, maxGraceUses: 1 })).toMatchObject({ status: 'reused' });
    expect(await s.findRefresh('c3')).toBeUndefined();
    expect(await s.isFamilyRevoked('f1')).toBe(true);
    expect(await s.rotateRefresh({ hash: 'c1', child: rec('c4'), now: now + 7, graceSeconds: 10, maxGraceUses: 1 })).toMatchObject({ status: 'revoked' });
    expect(await s.rotateRefresh({ hash: 'nope', child: rec('c5'), now, graceSeconds: 10, maxGraceUses: 1 })).toEqual({ status: 'missing' });
  });

  it('is atomic under concurrency: of N parallel first uses with no grace, exactly one rotates', async () => {
    const s = createMemoryStore({ now: new Clock().now });
    await s.insertRefresh(rec('p'));
    const out = await Promise.all([0, 1, 2, 3, 4].map((i) => s.rotateRefresh({ hash: 'p', child: rec(`c${i}`), now: T(), graceSeconds: 0, maxGraceUses: 8 })));
    expect(out.filter((o) => o.status === 'rotated')).toHaveLength(1);
    expect(out.filter((o) => o.status === 'reused').length + out.filter((o) => o.status === 'revoked').length).toBe(4);
  });

  it('never lowers a user epoch', async () => {
    const s = createMemoryStore({ now: new Clock().now });
    await s.raiseUserEpoch('u', 200, 600);
    await s.raiseUserEpoch('u', 100, 600);
    expect(await s.getUserEpoch('u')).toBe(200);
  });

  it('at the bound evicts expired entries, then the oldest refresh records, never revocations', async () => {
    const clock = new Clock();
    const s = createMemoryStore({ now: clock.now, maxEntries: 10 });
    for (let i = 0; i < 5; i++) await s.set(`rev${i}`, '1', 3600);
    await s.revokeFamily('fam', T() + 3600);
    await s.raiseUserEpoch('u', 1, 3600);
    for (let i = 0; i < 3; i++) await s.insertRefresh(rec(`r${i}`));
    await s.insertRefresh(rec('r3'));
    expect(await s.findRefresh('r0')).toBeUndefined(); // the oldest session had to sign in again
    expect(await s.findRefresh('r3')).toBeDefined();
    for (let i = 0; i < 5; i++) expect(await s.get(`rev${i}`)).toBe('1');
    expect(await s.isFamilyRevoked('fam')).toBe(true);
    expect(await s.getUserEpoch('u')).toBe(1);
  });

  it('refuses a tiny bound', () => {
    expect(() => createMemoryStore({ maxEntries: 1 })).toThrow(/maxEntries/);
  });
});
