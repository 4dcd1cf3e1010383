/**
 * CI smoke run of the benchmark: every implementation of every case is built and CHECKED (right
 * claims back, forged tokens refused, signed tokens verifiable, servers answering 200/401, the
 * memory bound), with no timing at all, so the benchmark cannot rot unnoticed.
 */
import { describe, expect, it } from 'vitest';
import { runBench } from '../src/run.mjs';

describe('benchmark smoke run', () => {
  it('checks every implementation of every case without timing anything', async () => {
    const lines = [];
    const { results } = await runBench({ smoke: true, log: (l) => lines.push(l) });
    expect(results.jws.map((c) => c.id)).toEqual(['HS256 verify', 'HS256 sign', 'RS256 verify', 'RS256 sign', 'PS256 verify', 'PS256 sign', 'ES256 verify', 'ES256 sign', 'EdDSA verify', 'EdDSA sign']);
    for (const c of results.jws) {
      expect(c.impls.filter((i) => i.group === 'ours').length).toBe(2);
      expect(c.impls.some((i) => i.group === 'peer')).toBe(true);
      expect(c.impls.some((i) => i.name === 'node:crypto floor')).toBe(true);
      expect(c.summaries).toBeNull();
    }
    expect(results.jwe.map((c) => c.op)).toEqual(['decrypt', 'encrypt']);
    expect(results.cache[0].impls.map((i) => i.name)).toContain('fast-jwt, cache hit');
    expect(results.edge).toHaveLength(10);
    expect(lines).toContain('http: 7 servers checked (200 valid, 401 forged / missing)');
    expect(results.memory.done).toBe(3000);
    expect(results.memory.ok).toBe(true);
  }, 180_000);
});
