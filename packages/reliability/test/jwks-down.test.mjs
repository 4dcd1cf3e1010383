/**
 * CI version of "the JWKS endpoint of a remote issuer goes down or answers in 10 s, mid-load"
 * (docs/reliability.md#jwks-down): 10 s of load on an app trusting a fake identity provider, whose
 * endpoint fails at 1.5 s and comes back at 9.75 s. node-http with the connection refused, koa-api with
 * an endpoint that answers after 10 s; the long run (docs) covers every app with every failure.
 * Fails on a provider token refused while cached keys were within the stale window, one accepted
 * after it, a provider token waiting longer than the fetch timeout (beyond the app's p99 for its own
 * tokens, plus a margin), or any other wrong answer or 5xx.
 */
import { describe, expect, it } from 'vitest';
import { formatJwksDown, jwksDown } from '../src/scenarios/jwks-down.mjs';
import { assertRunnable } from './helpers.mjs';

describe('JWKS endpoint down mid-load: cached keys for the stale window, then 503, never a wait past the timeout', () => {
  it.each([['node', 'refused'], ['koa', 'slow']])('%s, endpoint %s', async (app, mode) => {
    assertRunnable(app);
    const result = await jwksDown({ app, mode, seconds: 10, requests: 500_000, connections: 6 });
    console.log(formatJwksDown(result));
    expect(result.failures).toEqual([]);
    expect(result.windows.must503).toBeGreaterThan(0);
    expect(result.windows.first503AfterDownMs).toBeLessThanOrEqual(result.windows.mustFailFromMs);
    expect(result.windows.providerMaxMs).toBeLessThanOrEqual(result.windows.boundMs);
  });
});
