/**
 * CI version of "at saturation" (docs/reliability.md): each app loaded for 6 s (after a 1 s warm-up)
 * with the token mix, every answer checked. Fails on any wrong answer, 5xx, timeout, socket error
 * or (node-http, koa-api) a heap that grows; p99 is printed, not judged.
 */
import { describe, expect, it } from 'vitest';
import { formatReport } from '../src/format.mjs';
import { saturation } from '../src/scenarios/saturation.mjs';
import { APP_NAMES, assertRunnable } from './helpers.mjs';

describe('at saturation: every answer right, no 5xx, heap flat', () => {
  it.each(APP_NAMES)('%s', async (app) => {
    assertRunnable(app);
    // next-web's heap after GC swings by up to 8 MiB between samples (docs/reliability.md): over a
    // 6 s run that swing hides any growth, so its heap is reported here and judged in the long run.
    const result = await saturation({ app, seconds: 6, requests: 500_000, warmupSeconds: 1, sampleEvery: 1, judgeHeap: app !== 'next' });
    console.log(formatReport('saturation', result));
    expect(result.failures).toEqual([]);
    // Every kind of token was sent and answered, enough to mean something on a busy machine.
    for (const [name, spec] of Object.entries(result.load.bySpec)) expect(spec.count, name).toBeGreaterThanOrEqual(5);
    expect(result.load.answered).toBe(result.load.sent);
    expect(result.heap.samples).toBeGreaterThanOrEqual(5);
  });
});
