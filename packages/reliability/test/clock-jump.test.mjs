/**
 * CI version of "the clock of one instance jumps ±1 h" (docs/reliability.md#clock-jump): two
 * instances of node-http and of koa-api, B's wall clock moved +1 h, −1 h and back while both serve
 * (the long run adds next-web). Fails unless every token gets exactly its answer in each phase (the
 * cause named: ERR_JWT_EXPIRED, or iat in the future), or on any 5xx, hang, or instance down.
 */
import { describe, expect, it } from 'vitest';
import { clockJump, formatClockJump } from '../src/scenarios/clock-jump.mjs';
import { assertRunnable } from './helpers.mjs';

describe('clock of one instance jumps ±1 h: its tokens refused by the other with the cause named, nothing crashes', () => {
  it.each(['node', 'koa'])('%s', async (app) => {
    assertRunnable(app);
    const result = await clockJump({ app, seconds: 4, requests: 500_000, connections: 8 });
    console.log(formatClockJump(result));
    expect(result.failures).toEqual([]);
    expect(result.alive).toEqual([true, true]);
  });
});
