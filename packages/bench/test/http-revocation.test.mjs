/**
 * koa-jwt's `isRevoked` in the Koa benchmark must refuse what Tessera's memory store refuses (a
 * revoked jti, a revoked session family, a session begun at or before the user's epoch) and forget
 * expired entries, so both sides do the same revocation work.
 */
import { describe, expect, it } from 'vitest';
import { mapIsRevoked } from '../src/http/revocation.mjs';

const now = Math.floor(Date.now() / 1000);
const claims = { sub: 'user-1', jti: 'jti-1', sid: 'session-1', auth_time: now - 60 };
const later = now + 3600;

describe('mapIsRevoked (koa-jwt isRevoked of the Koa benchmark)', () => {
  it('lets a token through when nothing is revoked', async () => {
    expect(await mapIsRevoked()(undefined, claims)).toBe(false);
  });

  it('refuses a revoked jti, a revoked session family and a session begun at or before the user epoch', async () => {
    expect(await mapIsRevoked(new Map([['jti:jti-1', { value: 1, expiresAt: later }]]))(undefined, claims)).toBe(true);
    expect(await mapIsRevoked(new Map([['fam:session-1', { value: 1, expiresAt: later }]]))(undefined, claims)).toBe(true);
    expect(await mapIsRevoked(new Map([['epoch:user-1', { value: claims.auth_time, expiresAt: later }]]))(undefined, claims)).toBe(true);
    expect(await mapIsRevoked(new Map([['epoch:user-1', { value: claims.auth_time - 1, expiresAt: later }]]))(undefined, claims)).toBe(false);
  });

  it('drops expired entries, as the memory store does', async () => {
    const revocations = new Map([['jti:jti-1', { value: 1, expiresAt: now - 1 }]]);
    expect(await mapIsRevoked(revocations)(undefined, claims)).toBe(false);
    expect(revocations.size).toBe(0);
  });
});
