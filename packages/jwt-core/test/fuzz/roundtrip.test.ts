/**
 * sign -> verify round-trips for random claims, Unicode included (astral characters, combining
 * marks, lone surrogates, control characters), on every algorithm and on every backend that has
 * it. `__proto__` members are excluded: the verifier refuses them by design.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { signJwt, verifyJwt } from '../../src/index.js';
import type { JwsAlgorithm } from '../../src/index.js';
import { ALGS, type AlgKeys, keysForAll, NOW_DATE, outcome, runs } from './setup.js';

const REGISTERED = new Set(['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti', '__proto__']);
const text = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 30 }), fc.string({ maxLength: 30 }));
// A "__proto__" member anywhere in a payload is refused by the verifier by design (prototype
// pollution), so such claims are not expected to round-trip (signJwt does sign them: see SECURITY.md).
const claims = fc.record({
  sub: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
  extra: fc.dictionary(text.filter((k) => !REGISTERED.has(k)), fc.oneof(text, fc.jsonValue({ maxDepth: 3 })), { maxKeys: 6 }),
}).filter((c) => !JSON.stringify(c).includes('"__proto__"'));

let keys: Map<JwsAlgorithm, AlgKeys>;
beforeAll(async () => { keys = await keysForAll(); }, 60_000);

const BACKENDS = ['node', 'webcrypto', 'noble'] as const;
const RSA = (alg: string) => alg.startsWith('RS') || alg.startsWith('PS');

describe('sign -> verify round-trips random claims', () => {
  it.each(ALGS.map((a) => [a]))('%s (selected backend)', async (alg) => {
    const k = keys.get(alg)!;
    await fc.assert(fc.asyncProperty(claims, async ({ sub, extra }) => {
      const input = { ...extra, sub };
      const token = await signJwt(input, k.signKey, { alg, currentDate: NOW_DATE, expiresIn: '5m' });
      const { payload } = await verifyJwt(token, k.verifyKey, { algorithms: [alg], currentDate: NOW_DATE });
      // JSON is the reference: what JSON.stringify/parse keep is what must come back.
      const { iat, exp, ...rest } = payload;
      expect(rest).toEqual(JSON.parse(JSON.stringify(input)));
      expect(exp! - iat!).toBe(300);
    }), runs(15));
  });

  it.each(BACKENDS.map((b) => [b]))('every algorithm forced onto the %s backend (where it has the algorithm)', async (backend) => {
    for (const alg of ALGS) {
      if (backend === 'noble' && RSA(alg)) continue;
      const k = keys.get(alg)!;
      await fc.assert(fc.asyncProperty(claims, async ({ sub, extra }) => {
        const token = await signJwt({ ...extra, sub }, k.signKey, { alg, currentDate: NOW_DATE, backend });
        expect(await outcome(() => verifyJwt(token, k.verifyKey, { algorithms: [alg], currentDate: NOW_DATE, backend }))).toBe('accepted');
      }), runs(alg.startsWith('ES') && backend === 'noble' ? 2 : 4));
    }
  });
});
