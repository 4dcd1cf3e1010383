/**
 * The verified-token cache on a hit: Tessera's `createVerifier({ cache })` against fast-jwt's
 * `cache` option, the same HS256 token, with the uncached verifiers alongside for scale.
 */
import { AUDIENCE, ISSUER } from '../fixtures.mjs';
import { nodeFloor } from '../floors.mjs';
import { fastJwtPeer } from '../peers.mjs';
import { checkVerifier } from '../check.mjs';

export async function runCacheCase({ core, keys, claims, measure, log }) {
  const alg = 'HS256';
  const k = keys[alg];
  const key = core.importJwk(k.publicJwk, { alg });
  const options = { keys: key, algorithms: [alg], issuer: ISSUER, audience: AUDIENCE };
  const cached = core.createVerifier({ ...options, cache: { max: 10_000 } });
  const plain = core.createVerifier(options);
  const fastCached = fastJwtPeer(alg, k, { cache: 10_000 });
  const fastPlain = fastJwtPeer(alg, k);
  const payload = (r) => r.payload;
  const impls = [
    { name: 'Tessera createVerifier, cache hit', group: 'ours', primary: true, async: true, fn: cached, payload },
    { name: 'fast-jwt, cache hit', group: 'peer', async: false, fn: fastCached.verify },
    { name: 'Tessera createVerifier, no cache', group: 'ours', async: true, fn: plain, payload },
    { name: 'fast-jwt, no cache', group: 'peer', async: false, fn: fastPlain.verify },
    { name: 'node:crypto floor', group: 'floor', primary: true, async: false, fn: nodeFloor(alg, k).verify },
  ];
  const token = nodeFloor(alg, k).sign(claims);
  for (const impl of impls) {
    await checkVerifier(impl, token, claims); // the first call also fills the caches
    impl.arg = token;
  }
  log('cache: 5 verifiers checked');
  return [{ id: 'HS256 verify, verified-token cache hit', alg, op: 'cache hit', tokenLength: token.length, impls, summaries: await measure(impls) }];
}
