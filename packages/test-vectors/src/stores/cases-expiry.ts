/**
 * Expiry by the injected clock, for every kind of entry: an entry is live while `now < expiry` and
 * gone from `expiry` on. Refresh records expire at `expiresAt`, revoked access tokens and families
 * at their `until`, epochs `ttlSeconds` after the raise.
 */
import { expectEqual, record, T0, withStore, USER } from './harness.js';
import type { StoreCase } from './types.js';

export const expiryCases: StoreCase[] = [
  {
    id: 'expiry.refresh',
    area: 'expiry',
    title: 'a refresh record is gone at its expiresAt: findRefresh is undefined and rotateRefresh missing',
    run: (h) => withStore(h, async ({ store, clock, name }) => {
      const r = record(name('rt'), name('fam'), 60);
      await store.insertRefresh(r);
      clock.advance(59);
      expectEqual(await store.findRefresh(r.hash), r, 'findRefresh one second before expiresAt');
      clock.advance(1);
      expectEqual(await store.findRefresh(r.hash), undefined, 'findRefresh at expiresAt');
      const out = await store.rotateRefresh({ hash: r.hash, child: record(name('c'), r.family), now: T0 + 60, graceSeconds: 10, maxGraceUses: 8 });
      expectEqual(out, { status: 'missing' }, 'rotateRefresh at expiresAt');
      expectEqual(await store.findRefresh(name('c')), undefined, 'the child of an expired token (must not be stored)');
    }),
  },
  {
    id: 'expiry.access-token',
    area: 'expiry',
    title: 'a revoked access token is no longer revoked from its until on',
    run: (h) => withStore(h, async ({ store, clock, name }) => {
      const jti = name('jti');
      await store.revokeAccessToken({ jti, sub: USER }, T0 + 30);
      clock.advance(29);
      expectEqual(await store.isAccessTokenRevoked({ jti, sub: USER }), true, 'isAccessTokenRevoked one second before until');
      clock.advance(1);
      expectEqual(await store.isAccessTokenRevoked({ jti, sub: USER }), false, 'isAccessTokenRevoked at until');
    }),
  },
  {
    id: 'expiry.family',
    area: 'expiry',
    title: 'a family revocation ends at its until; the family\'s tokens rotate again only if they are still live',
    run: (h) => withStore(h, async ({ store, clock, name }) => {
      const fam = name('fam');
      const r = record(name('rt'), fam, 7200);
      await store.insertRefresh(r);
      await store.revokeFamily({ family: fam, sub: USER }, T0 + 60);
      clock.advance(59);
      expectEqual(await store.isFamilyRevoked({ family: fam, sub: USER }), true, 'isFamilyRevoked one second before until');
      expectEqual((await store.rotateRefresh({ hash: r.hash, child: record(name('c0'), fam), now: T0 + 59, graceSeconds: 0, maxGraceUses: 0 })).status, 'revoked', 'rotateRefresh one second before until');
      clock.advance(1);
      expectEqual(await store.isFamilyRevoked({ family: fam, sub: USER }), false, 'isFamilyRevoked at until');
      expectEqual((await store.rotateRefresh({ hash: r.hash, child: record(name('c1'), fam), now: T0 + 60, graceSeconds: 0, maxGraceUses: 0 })).status, 'rotated', 'rotateRefresh at until');
    }),
  },
  {
    id: 'expiry.epoch',
    area: 'expiry',
    title: 'a user epoch is gone ttlSeconds after it was raised',
    run: (h) => withStore(h, async ({ store, clock, name }) => {
      const sub = name('user');
      await store.raiseUserEpoch(sub, T0, 90);
      clock.advance(89);
      expectEqual(await store.getUserEpoch(sub), T0, 'getUserEpoch one second before the ttl ends');
      clock.advance(1);
      expectEqual(await store.getUserEpoch(sub), undefined, 'getUserEpoch when the ttl ends');
    }),
  },
];
