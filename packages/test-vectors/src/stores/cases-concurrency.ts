/**
 * Records are copies, and `rotateRefresh` is one atomic step: 1,000 concurrent calls on one token
 * give what 1,000 sequential calls give (GHSA-392p-2q2v-4372): `1 + maxGraceUses` rotations
 * (exactly one with grace 0), then one `reused` that revokes the family, then `revoked`.
 */
import { expectEqual, expectThat, record, T0, withStore, USER } from './harness.js';
import type { StoreCase, StoreHarness, StoreRotateOutcome } from './types.js';

const CONCURRENT = 1000;

async function concurrentRotations(h: StoreHarness, graceSeconds: number, maxGraceUses: number): Promise<void> {
  await withStore(h, async ({ store, name }) => {
    const fam = name('fam');
    const parent = record(name('p'), fam);
    await store.insertRefresh(parent);
    const children = Array.from({ length: CONCURRENT }, (_, i) => name(`c${i}`));
    const outcomes: StoreRotateOutcome[] = await Promise.all(children.map((c) => store.rotateRefresh({ hash: parent.hash, child: record(c, fam), now: T0, graceSeconds, maxGraceUses })));
    const count = (status: string, grace?: boolean): number => outcomes.filter((o) => o.status === status && (grace === undefined || (o as { grace?: boolean }).grace === grace)).length;
    const tally = `${count('rotated')} rotated, ${count('reused')} reused, ${count('revoked')} revoked, ${count('missing')} missing`;
    const rotations = 1 + (graceSeconds > 0 ? maxGraceUses : 0);
    const what = `${CONCURRENT} concurrent rotateRefresh calls on one token (graceSeconds ${graceSeconds}, maxGraceUses ${maxGraceUses})`;
    expectThat(count('rotated', false) === 1 && count('rotated', true) === rotations - 1, `${what}: expected 1 first rotation and ${rotations - 1} grace rotations, got ${tally} (${count('rotated', false)} without grace)`);
    expectThat(count('reused') === 1 && count('revoked') === CONCURRENT - rotations - 1, `${what}: expected then 1 reused and ${CONCURRENT - rotations - 1} revoked, got ${tally}`);
    const stored = (await Promise.all(children.map((c) => store.findRefresh(c)))).filter((r) => r !== undefined).length;
    expectEqual(stored, rotations, `${what}: children stored`);
    expectEqual(await store.isFamilyRevoked({ family: fam, sub: USER }), true, `${what}: isFamilyRevoked afterwards`);
    expectEqual(await store.findRefresh(parent.hash), { ...parent, usedAt: T0, ...(rotations > 1 ? { graceUses: maxGraceUses } : {}) }, `${what}: the token afterwards`);
  });
}

export const concurrencyCases: StoreCase[] = [
  {
    id: 'copies',
    area: 'copies',
    title: 'records go in and come out as copies: mutating an argument or a returned record does not change the store',
    run: (h) => withStore(h, async ({ store, name }) => {
      const fam = name('fam');
      const original = record(name('p'), fam);
      const given = { ...original };
      await store.insertRefresh(given);
      given.sub = 'mallory';
      given.expiresAt += 10_000;
      expectEqual(await store.findRefresh(original.hash), original, 'findRefresh after mutating the record given to insertRefresh');
      const found = await store.findRefresh(original.hash);
      if (found !== undefined) found.family = 'mallory';
      expectEqual(await store.findRefresh(original.hash), original, 'findRefresh after mutating a record findRefresh returned');
      const child = record(name('c'), fam);
      const childGiven = { ...child };
      const out = await store.rotateRefresh({ hash: original.hash, child: childGiven, now: T0, graceSeconds: 10, maxGraceUses: 1 });
      childGiven.sub = 'mallory';
      if (out.status !== 'missing') out.record.usedAt = undefined;
      expectEqual(await store.findRefresh(child.hash), child, 'the child after mutating the child given to rotateRefresh');
      expectEqual(await store.findRefresh(original.hash), { ...original, usedAt: T0 }, 'the token after mutating the record rotateRefresh returned');
    }),
  },
  {
    id: 'concurrency.no-grace',
    area: 'concurrency',
    title: `${CONCURRENT} concurrent rotations of one token with graceSeconds 0: exactly one rotates, one is reused, the rest revoked; the family is revoked`,
    run: (h) => concurrentRotations(h, 0, 8),
  },
  {
    id: 'concurrency.grace',
    area: 'concurrency',
    title: `${CONCURRENT} concurrent rotations of one token within the grace window: exactly 1 + maxGraceUses rotate, one is reused, the rest revoked; the family is revoked`,
    run: (h) => concurrentRotations(h, 10, 5),
  },
];
