/**
 * Refresh records and rotation (`AuthStore.rotateRefresh`), in the order of its documented steps:
 * unknown or expired -> missing; family revoked -> revoked; unused -> rotated; the grace rule
 * (`graceSeconds > 0`, `now - usedAt <= graceSeconds`, fewer than `maxGraceUses` grace children)
 * -> rotated with grace; otherwise the family is revoked -> reused. Nothing is written for missing
 * and revoked, and no child is stored for reused.
 */
import { expectEqual, record, T0, withStore, USER } from './harness.js';
import type { StoreCase } from './types.js';

export const refreshCases: StoreCase[] = [
  {
    id: 'refresh.insert-find',
    area: 'refresh',
    title: 'insertRefresh stores a record that findRefresh returns as given; an unknown hash is undefined',
    run: (h) => withStore(h, async ({ store, name }) => {
      const r = record(name('rt'), name('fam'));
      await store.insertRefresh(r);
      expectEqual(await store.findRefresh(r.hash), r, 'findRefresh after insertRefresh');
      expectEqual(await store.findRefresh(name('unknown')), undefined, 'findRefresh of a hash never inserted');
      const other = { ...record(name('rt2'), name('fam2'), 60, 'user-2'), usedAt: T0, graceUses: 3 };
      await store.insertRefresh(other);
      expectEqual(await store.findRefresh(other.hash), other, 'findRefresh of a record with usedAt and graceUses');
      expectEqual(await store.findRefresh(r.hash), r, 'findRefresh of the first record after a second insert');
    }),
  },
  {
    id: 'rotation.first-use',
    area: 'rotation',
    title: 'rotateRefresh on an unused token marks it used at now, stores the child: rotated without grace',
    run: (h) => withStore(h, async ({ store, name }) => {
      const parent = record(name('p'), name('fam'));
      const child = { ...record(name('c'), name('fam')), issuedAt: T0 + 5 };
      await store.insertRefresh(parent);
      const out = await store.rotateRefresh({ hash: parent.hash, child, now: T0 + 5, graceSeconds: 10, maxGraceUses: 2 });
      expectEqual(out, { status: 'rotated', grace: false, record: { ...parent, usedAt: T0 + 5 } }, 'first rotateRefresh');
      expectEqual(await store.findRefresh(parent.hash), { ...parent, usedAt: T0 + 5 }, 'the parent after its first use');
      expectEqual(await store.findRefresh(child.hash), child, 'the child after the first use');
      expectEqual(await store.isFamilyRevoked({ family: parent.family, sub: USER }), false, 'isFamilyRevoked after a first use');
    }),
  },
  {
    id: 'rotation.grace',
    area: 'rotation',
    title: 'within graceSeconds of the first use (bound included) up to maxGraceUses more children; the next use is reused and revokes the family',
    run: (h) => withStore(h, async ({ store, name }) => {
      const fam = name('fam');
      const parent = record(name('p'), fam);
      const rotate = (child: string, now: number) => store.rotateRefresh({ hash: parent.hash, child: record(name(child), fam), now, graceSeconds: 10, maxGraceUses: 2 });
      await store.insertRefresh(parent);
      expectEqual((await rotate('c0', T0)).status, 'rotated', 'first use');
      expectEqual(await rotate('c1', T0 + 3), { status: 'rotated', grace: true, record: { ...parent, usedAt: T0, graceUses: 1 } }, 'a use 3 s after the first (grace 10 s, 2 uses)');
      expectEqual(await rotate('c2', T0 + 10), { status: 'rotated', grace: true, record: { ...parent, usedAt: T0, graceUses: 2 } }, 'a use exactly graceSeconds after the first');
      expectEqual(await store.findRefresh(name('c1')), record(name('c1'), fam), 'the first grace child');
      expectEqual(await store.findRefresh(name('c2')), record(name('c2'), fam), 'the second grace child');
      expectEqual(await rotate('c3', T0 + 10), { status: 'reused', record: { ...parent, usedAt: T0, graceUses: 2 } }, 'a use beyond maxGraceUses, inside the window');
      expectEqual(await store.findRefresh(name('c3')), undefined, 'the child of a reused token (must not be stored)');
      expectEqual(await store.isFamilyRevoked({ family: fam, sub: USER }), true, 'isFamilyRevoked after a reuse');
    }),
  },
  {
    id: 'rotation.outside-grace',
    area: 'rotation',
    title: 'a use after graceSeconds is reused: the family is revoked, so its newest token is revoked too',
    run: (h) => withStore(h, async ({ store, name }) => {
      const fam = name('fam');
      const parent = record(name('p'), fam);
      await store.insertRefresh(parent);
      await store.rotateRefresh({ hash: parent.hash, child: record(name('c1'), fam), now: T0, graceSeconds: 10, maxGraceUses: 8 });
      const late = await store.rotateRefresh({ hash: parent.hash, child: record(name('c2'), fam), now: T0 + 11, graceSeconds: 10, maxGraceUses: 8 });
      expectEqual(late, { status: 'reused', record: { ...parent, usedAt: T0 } }, 'a use 11 s after the first (grace 10 s)');
      expectEqual(await store.findRefresh(name('c2')), undefined, 'the child of a reused token (must not be stored)');
      expectEqual(await store.isFamilyRevoked({ family: fam, sub: USER }), true, 'isFamilyRevoked after a reuse');
      const newest = await store.rotateRefresh({ hash: name('c1'), child: record(name('c3'), fam), now: T0 + 12, graceSeconds: 10, maxGraceUses: 8 });
      expectEqual(newest, { status: 'revoked', record: record(name('c1'), fam) }, 'rotateRefresh of the unused newest token of the revoked family');
    }),
  },
  {
    id: 'rotation.no-grace',
    area: 'rotation',
    title: 'with graceSeconds 0 a second use, even in the same second, is reused',
    run: (h) => withStore(h, async ({ store, name }) => {
      const fam = name('fam');
      const parent = record(name('p'), fam);
      await store.insertRefresh(parent);
      expectEqual((await store.rotateRefresh({ hash: parent.hash, child: record(name('c1'), fam), now: T0, graceSeconds: 0, maxGraceUses: 8 })).status, 'rotated', 'first use');
      const again = await store.rotateRefresh({ hash: parent.hash, child: record(name('c2'), fam), now: T0, graceSeconds: 0, maxGraceUses: 8 });
      expectEqual(again, { status: 'reused', record: { ...parent, usedAt: T0 } }, 'a second use with graceSeconds 0');
      expectEqual(await store.isFamilyRevoked({ family: fam, sub: USER }), true, 'isFamilyRevoked after a reuse');
    }),
  },
  {
    id: 'rotation.revoked-family',
    area: 'rotation',
    title: 'rotateRefresh of a token of a revoked family is revoked and writes nothing',
    run: (h) => withStore(h, async ({ store, name }) => {
      const fam = name('fam');
      const parent = record(name('p'), fam);
      await store.insertRefresh(parent);
      await store.revokeFamily({ family: fam, sub: USER }, T0 + 600);
      const out = await store.rotateRefresh({ hash: parent.hash, child: record(name('c'), fam), now: T0, graceSeconds: 10, maxGraceUses: 8 });
      expectEqual(out, { status: 'revoked', record: parent }, 'rotateRefresh of an unused token of a revoked family');
      expectEqual(await store.findRefresh(parent.hash), parent, 'the token after a refused rotation (must not be marked used)');
      expectEqual(await store.findRefresh(name('c')), undefined, 'the child of a refused rotation (must not be stored)');
    }),
  },
  {
    id: 'rotation.missing',
    area: 'rotation',
    title: 'rotateRefresh of an unknown token is missing and writes nothing',
    run: (h) => withStore(h, async ({ store, name }) => {
      const out = await store.rotateRefresh({ hash: name('nope'), child: record(name('c'), name('fam')), now: T0, graceSeconds: 10, maxGraceUses: 8 });
      expectEqual(out, { status: 'missing' }, 'rotateRefresh of a hash never inserted');
      expectEqual(await store.findRefresh(name('c')), undefined, 'the child of a missing token (must not be stored)');
      expectEqual(await store.isFamilyRevoked({ family: name('fam'), sub: USER }), false, 'isFamilyRevoked after a missing rotation');
    }),
  },
];
