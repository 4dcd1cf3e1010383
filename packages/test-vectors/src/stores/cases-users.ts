/**
 * Many users at once. A store may shard by user (a Redis Cluster store keeps each user's entries
 * in one hash slot, so different users land on different nodes): every question must still find
 * what was written for that user, and nothing written for one user may answer for another.
 */
import { expectEqual, record, T0, withStore } from './harness.js';
import type { StoreCase } from './types.js';

/** Enough users that a store sharding by user spreads them over every shard of a small cluster. */
const USERS = 24;

export const userCases: StoreCase[] = [
  {
    id: 'users.isolation',
    area: 'revocation',
    title: `${USERS} users: each user's refresh tokens, rotation, revocations and epoch are found by their own questions, and never answer for another user`,
    run: (h) => withStore(h, async ({ store, name }) => {
      const users = Array.from({ length: USERS }, (_, i) => ({
        sub: name(`user-${i}`), family: name(`fam-${i}`), jti: name(`jti-${i}`), hash: name(`rt-${i}`), child: name(`rt-${i}-child`),
      }));
      const rec = (u: (typeof users)[number], hash: string) => record(hash, u.family, 3600, u.sub);
      await Promise.all(users.map((u) => store.insertRefresh(rec(u, u.hash))));
      for (const u of users) expectEqual(await store.findRefresh(u.hash), rec(u, u.hash), `findRefresh of ${u.sub}'s token`);
      // Every even user rotates; every third has its session revoked, every fourth its access token, every fifth logs out everywhere.
      for (const [i, u] of users.entries()) {
        if (i % 2 === 0) {
          const out = await store.rotateRefresh({ hash: u.hash, child: rec(u, u.child), now: T0, graceSeconds: 0, maxGraceUses: 0 });
          expectEqual(out.status, 'rotated', `rotateRefresh of ${u.sub}'s token`);
        }
        if (i % 3 === 0) await store.revokeFamily({ family: u.family, sub: u.sub }, T0 + 600);
        if (i % 4 === 0) await store.revokeAccessToken({ jti: u.jti, sub: u.sub }, T0 + 600);
        if (i % 5 === 0) await store.raiseUserEpoch(u.sub, T0 - i, 600);
      }
      for (const [i, u] of users.entries()) {
        const expected = { revoked: i % 4 === 0, familyRevoked: i % 3 === 0, userEpoch: i % 5 === 0 ? T0 - i : undefined };
        expectEqual(await store.checkAccess({ jti: u.jti, family: u.family, sub: u.sub }), expected, `checkAccess of ${u.sub}`);
        expectEqual(await store.isFamilyRevoked({ family: u.family, sub: u.sub }), expected.familyRevoked, `isFamilyRevoked of ${u.sub}'s session`);
        expectEqual(await store.isAccessTokenRevoked({ jti: u.jti, sub: u.sub }), expected.revoked, `isAccessTokenRevoked of ${u.sub}'s token`);
        expectEqual(await store.getUserEpoch(u.sub), expected.userEpoch, `getUserEpoch of ${u.sub}`);
        const child = await store.findRefresh(u.child);
        expectEqual(child, i % 2 === 0 ? rec(u, u.child) : undefined, `findRefresh of ${u.sub}'s rotated child`);
        const found = await store.findRefresh(u.hash);
        expectEqual(found?.usedAt, i % 2 === 0 ? T0 : undefined, `usedAt of ${u.sub}'s first token`);
        // A revoked session refuses rotation of its members, for this user only.
        if (i % 2 === 1) {
          const out = await store.rotateRefresh({ hash: u.hash, child: rec(u, name(`late-${i}`)), now: T0 + 1, graceSeconds: 0, maxGraceUses: 0 });
          expectEqual(out.status, i % 3 === 0 ? 'revoked' : 'rotated', `rotateRefresh of ${u.sub}'s unused token after the revocations`);
        }
      }
    }),
  },
];
