/**
 * CI version of "the signing key rotates mid-load" (docs/reliability.md#key-rotation): two
 * instances of node-http sharing a private Redis behind a round-robin balancer; the three steps
 * (publish the new key, promote it, retire the old one) each rolled out as a rolling restart under
 * load with tokens of both keys (the long run covers every app). Fails on any request of a valid
 * token that is not a 200 (the store's fail-closed 503 aside, bounded to 0.5 %), on a JWKS that does not publish what the step says, or when a token of
 * the retired key is not refused naming the retirement.
 */
import { describe, expect, it } from 'vitest';
import { formatKeyRotation, keyRotation } from '../src/scenarios/key-rotation.mjs';
import { assertRunnable } from './helpers.mjs';

describe('signing key rotated mid-load across two instances: zero failed requests from valid tokens', () => {
  it('node', async () => {
    assertRunnable('node');
    const result = await keyRotation({ app: 'node', seconds: 4, requests: 500_000, connections: 4 });
    console.log(formatKeyRotation(result), result.storeWarnings);
    expect(result.failures).toEqual([]);
    expect(result.streams.map((s) => s.failed)).toEqual([0, 0]);
    expect(result.retiredProbe.map((p) => p.code)).toEqual(['ERR_JWKS_NO_MATCHING_KEY', 'ERR_JWKS_NO_MATCHING_KEY']);
  }, 240_000);
});
