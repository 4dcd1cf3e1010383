/**
 * randomBytes serves small draws from a pool filled by one CSPRNG call. What must not change:
 * each draw has the length asked for, owns its memory (its `.buffer` exposes no other draw), is
 * never handed out twice (also across a refill of the pool), and still comes from the runtime's
 * CSPRNG (the pool is filled through crypto.getRandomValues).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { randomBytes } from '../../src/lib/backends/runtime.js';

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

describe('randomBytes', () => {
  afterEach(() => vi.restoreAllMocks());

  it('gives the asked length in memory of its own, small and large', () => {
    for (const n of [0, 1, 12, 16, 32, 64, 65, 100, 70_000]) {
      const b = randomBytes(n);
      expect(b).toBeInstanceOf(Uint8Array);
      expect(b.length).toBe(n);
      expect(b.byteOffset).toBe(0);
      expect(b.buffer.byteLength).toBe(n);
    }
  });

  it('never hands out the same bytes twice, across many refills of the pool', () => {
    const seen = new Set<string>();
    // 16-byte IVs and 32-byte CEKs interleaved, well past several pool sizes.
    for (let i = 0; i < 3000; i++) {
      const b = randomBytes(i % 2 === 0 ? 16 : 32);
      const h = hex(b);
      expect(seen.has(h)).toBe(false);
      seen.add(h);
    }
    // A draw is not all zeros (the zeroing of handed-out pool bytes never leaks into a draw).
    const zero = hex(new Uint8Array(32));
    expect(seen.has(zero)).toBe(false);
  });

  it('fills from crypto.getRandomValues, one call for many small draws', () => {
    const spy = vi.spyOn(globalThis.crypto, 'getRandomValues');
    const draws = Array.from({ length: 40 }, () => randomBytes(16));
    expect(spy.mock.calls.length).toBeGreaterThanOrEqual(1);
    expect(spy.mock.calls.length).toBeLessThanOrEqual(2);
    expect(new Set(draws.map(hex)).size).toBe(40);
    // A large draw goes to the CSPRNG directly.
    spy.mockClear();
    randomBytes(4096);
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('changing a draw does not change a later one', () => {
    const a = randomBytes(16);
    a.fill(7);
    const b = randomBytes(16);
    expect(hex(b)).not.toBe(hex(new Uint8Array(16).fill(7)));
    expect(hex(b)).not.toBe(hex(new Uint8Array(16)));
  });
});
