/**
 * The result checks the benchmark runs before timing anything must be able to fail: an
 * implementation that accepts forged tokens, returns other claims or signs unverifiable tokens is
 * refused. Plus the statistics helpers.
 */
import { describe, expect, it } from 'vitest';
import { checkSigner, checkVerifier, forge } from '../src/check.mjs';
import { makeClaims, makeKeys } from '../src/fixtures.mjs';
import { nodeFloor } from '../src/floors.mjs';
import { ratioInterval, summarize } from '../src/stats.mjs';
import { evaluateTargets } from '../src/targets.mjs';

const k = makeKeys(['HS256']).HS256;
const floor = nodeFloor('HS256', k);
const claims = makeClaims();
const token = floor.sign(claims);
const decode = (t) => JSON.parse(Buffer.from(t.split('.')[1], 'base64url').toString());

describe('result checks', () => {
  it('accept a correct verifier and signer', async () => {
    await checkVerifier({ name: 'floor', fn: floor.verify }, token, claims);
    await checkSigner({ name: 'floor', fn: floor.sign }, claims, floor.verify);
  });

  it('refuse a verifier that does not check the signature', async () => {
    await expect(checkVerifier({ name: 'decode-only', fn: decode }, token, claims)).rejects.toThrow(/accepted a token with a forged signature/);
  });

  it('refuse a verifier that returns other claims', async () => {
    await expect(checkVerifier({ name: 'wrong', fn: (t) => ({ ...floor.verify(t), sub: 'other' }) }, token, claims)).rejects.toThrow(/expected the signed claims/);
  });

  it('refuse a signer whose tokens do not verify or carry other claims', async () => {
    await expect(checkSigner({ name: 'bad-sig', fn: (c) => forge(floor.sign(c)) }, claims, floor.verify)).rejects.toThrow(/does not verify/);
    await expect(checkSigner({ name: 'bad-claims', fn: (c) => floor.sign({ ...c, sub: 'x' }) }, claims, floor.verify)).rejects.toThrow(/expected the given claims/);
  });

  it('forge changes exactly one signature character and keeps the rest', () => {
    const f = forge(token);
    expect(f).not.toBe(token);
    expect(f.length).toBe(token.length);
    expect(f.slice(0, token.lastIndexOf('.'))).toBe(token.slice(0, token.lastIndexOf('.')));
  });
});

describe('statistics', () => {
  it('summarize gives the median and the 10th-90th percentiles', () => {
    const s = summarize([5, 1, 4, 2, 3, 6, 7, 8, 9, 10, 11]);
    expect(s.median).toBe(6);
    expect(s.p10).toBe(2);
    expect(s.p90).toBe(10);
    expect(s.opsPerSec).toBeCloseTo(1e6 / 6);
  });

  it('ratioInterval brackets the ratio of the medians and widens with noise', () => {
    const noisy = (center, spread, n, seed) => Array.from({ length: n }, (_, i) => center + spread * Math.sin(i * 12.9898 + seed));
    const tight = ratioInterval(noisy(10, 0.5, 400, 1), noisy(8, 0.5, 400, 2));
    const wide = ratioInterval(noisy(10, 4, 400, 1), noisy(8, 4, 400, 2));
    expect(tight[0]).toBeLessThanOrEqual(1.25 + 0.02);
    expect(tight[1]).toBeGreaterThanOrEqual(1.25 - 0.02);
    expect(wide[1] - wide[0]).toBeGreaterThan(tight[1] - tight[0]);
    expect(ratioInterval([], [1])).toBeUndefined();
  });

  it('targets compare ours with the best peer and the floor', () => {
    const impls = [{ name: 'ours', group: 'ours', primary: true }, { name: 'a', group: 'peer' }, { name: 'b', group: 'peer' }, { name: 'floor', group: 'floor', primary: true }];
    const summaries = new Map([['ours', { median: 9 }], ['a', { median: 10 }], ['b', { median: 12 }], ['floor', { median: 6 }]]);
    const rows = evaluateTargets({ jws: [{ id: 'HS256 verify', alg: 'HS256', op: 'verify', impls, summaries }] });
    expect(rows.map((r) => [r.target, r.met])).toEqual([
      ['Node HS256 verify: ours / best peer ≤ 1.0', true],
      ['Node HS256 verify: ours / node:crypto floor ≤ 1.15', false],
    ]);
  });
});
