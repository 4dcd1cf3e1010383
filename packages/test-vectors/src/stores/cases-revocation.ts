/**
 * Revocations: families (sessions), access tokens by `jti`, user epochs (logout-all), and
 * `checkAccess`, which must answer what the three single questions answer at one moment. Every
 * write is an atomic max: a revocation is never shortened, an epoch never lowered.
 */
import { expectEqual, T0, withStore, USER } from './harness.js';
import type { AuthStoreLike, StoreCase } from './types.js';

/** What the three single questions answer, in the shape of `checkAccess`. */
async function threeAnswers(store: AuthStoreLike, q: { jti: string; family: string; sub: string }): Promise<unknown> {
  return { revoked: await store.isAccessTokenRevoked(q), familyRevoked: await store.isFamilyRevoked(q), userEpoch: await store.getUserEpoch(q.sub) };
}

export const revocationCases: StoreCase[] = [
  {
    id: 'revocation.family',
    area: 'revocation',
    title: 'revokeFamily/isFamilyRevoked: one family only, and a later, shorter revocation does not shorten it',
    run: (h) => withStore(h, async ({ store, clock, name }) => {
      const fam = name('fam');
      expectEqual(await store.isFamilyRevoked({ family: fam, sub: USER }), false, 'isFamilyRevoked before any revocation');
      await store.revokeFamily({ family: fam, sub: USER }, T0 + 60);
      expectEqual(await store.isFamilyRevoked({ family: fam, sub: USER }), true, 'isFamilyRevoked after revokeFamily');
      expectEqual(await store.isFamilyRevoked({ family: name('other'), sub: USER }), false, 'isFamilyRevoked of another family');
      await store.revokeFamily({ family: fam, sub: USER }, T0 + 10);
      clock.advance(30);
      expectEqual(await store.isFamilyRevoked({ family: fam, sub: USER }), true, 'isFamilyRevoked at T0+30 after revokeFamily(until T0+60) then revokeFamily(until T0+10)');
    }),
  },
  {
    id: 'revocation.access-token',
    area: 'revocation',
    title: 'revokeAccessToken/isAccessTokenRevoked: one jti only, never shortened, and an until already past revokes nothing',
    run: (h) => withStore(h, async ({ store, clock, name }) => {
      const jti = name('jti');
      expectEqual(await store.isAccessTokenRevoked({ jti, sub: USER }), false, 'isAccessTokenRevoked before any revocation');
      await store.revokeAccessToken({ jti, sub: USER }, T0 + 60);
      expectEqual(await store.isAccessTokenRevoked({ jti, sub: USER }), true, 'isAccessTokenRevoked after revokeAccessToken');
      expectEqual(await store.isAccessTokenRevoked({ jti: name('other'), sub: USER }), false, 'isAccessTokenRevoked of another jti');
      await store.revokeAccessToken({ jti, sub: USER }, T0 + 10);
      await store.revokeAccessToken({ jti: name('past'), sub: USER }, T0 - 1);
      await store.revokeAccessToken({ jti: name('now'), sub: USER }, T0);
      expectEqual(await store.isAccessTokenRevoked({ jti: name('past'), sub: USER }), false, 'isAccessTokenRevoked after revokeAccessToken with an until already past');
      expectEqual(await store.isAccessTokenRevoked({ jti: name('now'), sub: USER }), false, 'isAccessTokenRevoked after revokeAccessToken with until = now');
      clock.advance(30);
      expectEqual(await store.isAccessTokenRevoked({ jti, sub: USER }), true, 'isAccessTokenRevoked at T0+30 after revokeAccessToken(until T0+60) then (until T0+10)');
    }),
  },
  {
    id: 'revocation.epoch',
    area: 'revocation',
    title: 'raiseUserEpoch is an atomic max: the epoch never goes down and its expiry never moves earlier; getUserEpoch reads it',
    run: (h) => withStore(h, async ({ store, clock, name }) => {
      const sub = name('user');
      expectEqual(await store.getUserEpoch(sub), undefined, 'getUserEpoch before any raise');
      await store.raiseUserEpoch(sub, T0 - 100, 600);
      expectEqual(await store.getUserEpoch(sub), T0 - 100, 'getUserEpoch after raiseUserEpoch');
      await store.raiseUserEpoch(sub, T0 - 200, 600);
      expectEqual(await store.getUserEpoch(sub), T0 - 100, 'getUserEpoch after a lower raise (the epoch went down)');
      await store.raiseUserEpoch(sub, T0, 600);
      expectEqual(await store.getUserEpoch(sub), T0, 'getUserEpoch after a higher raise');
      expectEqual(await store.getUserEpoch(name('other')), undefined, 'getUserEpoch of another user');
      await store.raiseUserEpoch(sub, T0 - 50, 10);
      clock.advance(11);
      expectEqual(await store.getUserEpoch(sub), T0, 'getUserEpoch at T0+11 after raises kept 600 s, then a lower raise kept 10 s');
      clock.advance(588);
      expectEqual(await store.getUserEpoch(sub), T0, 'getUserEpoch at T0+599 (kept 600 s)');
    }),
  },
  {
    id: 'revocation.check-access',
    area: 'revocation',
    title: 'checkAccess answers what isAccessTokenRevoked, isFamilyRevoked and getUserEpoch answer, in every state',
    run: (h) => withStore(h, async ({ store, clock, name }) => {
      const q = { jti: name('jti'), family: name('fam'), sub: name('user') };
      const expectState = async (when: string, expected: unknown): Promise<void> => {
        expectEqual(await store.checkAccess(q), expected, `checkAccess ${when}`);
        expectEqual(await threeAnswers(store, q), expected, `isAccessTokenRevoked/isFamilyRevoked/getUserEpoch ${when}`);
      };
      await expectState('before any revocation', { revoked: false, familyRevoked: false, userEpoch: undefined });
      await store.revokeAccessToken(q, T0 + 30);
      await expectState('after revokeAccessToken', { revoked: true, familyRevoked: false, userEpoch: undefined });
      await store.revokeFamily(q, T0 + 60);
      await expectState('after revokeFamily', { revoked: true, familyRevoked: true, userEpoch: undefined });
      await store.raiseUserEpoch(q.sub, T0 - 5, 90);
      await expectState('after raiseUserEpoch', { revoked: true, familyRevoked: true, userEpoch: T0 - 5 });
      expectEqual(await store.checkAccess({ jti: name('j2'), family: name('f2'), sub: name('u2') }), { revoked: false, familyRevoked: false, userEpoch: undefined }, 'checkAccess of another token, family and user');
      clock.advance(30);
      await expectState('at T0+30 (the jti revocation expired)', { revoked: false, familyRevoked: true, userEpoch: T0 - 5 });
      clock.advance(30);
      await expectState('at T0+60 (the family revocation expired)', { revoked: false, familyRevoked: false, userEpoch: T0 - 5 });
      clock.advance(30);
      await expectState('at T0+90 (the epoch expired)', { revoked: false, familyRevoked: false, userEpoch: undefined });
    }),
  },
];
