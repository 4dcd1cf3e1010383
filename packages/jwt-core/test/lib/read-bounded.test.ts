import { describe, expect, it } from 'vitest';
import { OverBoundError, readBounded } from '../../src/lib/read-bounded.js';

/** A stream of `count` chunks of `size` bytes that records how many chunks were pulled and whether it was cancelled. */
function counted(count: number, size: number) {
  const seen = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (seen.pulled === count) return controller.close();
      seen.pulled++;
      controller.enqueue(new Uint8Array(size).fill(seen.pulled));
    },
    cancel() {
      seen.cancelled = true;
    },
  }, { highWaterMark: 0 });
  return { stream, seen };
}

describe('readBounded', () => {
  it('returns every chunk in order, up to exactly the bound', async () => {
    const { stream } = counted(3, 4);
    expect([...await readBounded(stream, 12)]).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]);
  });

  it('stops at the first chunk past the bound and cancels the stream: the rest is never produced', async () => {
    const { stream, seen } = counted(1_000_000, 1024);
    await expect(readBounded(stream, 10_000)).rejects.toEqual(new OverBoundError(10_000));
    expect(seen.cancelled).toBe(true);
    expect(seen.pulled).toBeLessThanOrEqual(11);
  });

  it('rethrows a stream error as it came', async () => {
    const failure = new TypeError('connection reset');
    const stream = new ReadableStream<Uint8Array>({ pull: (c) => c.error(failure) });
    await expect(readBounded(stream, 100)).rejects.toBe(failure);
  });
});
