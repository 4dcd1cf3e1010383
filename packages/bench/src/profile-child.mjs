/**
 * Run under `node --cpu-prof`: Tessera's createVerifier on one token of `alg`, in a loop bounded by
 * count and time (argv: coreUrl alg seconds). The profile shows where a verification spends its time.
 */
import { performance } from 'node:perf_hooks';
import { AUDIENCE, ISSUER, makeClaims, makeKeys } from './fixtures.mjs';
import { nodeFloor } from './floors.mjs';

const [coreUrl, alg, seconds] = process.argv.slice(2);
const core = await import(coreUrl);
const k = makeKeys([alg])[alg];
const token = nodeFloor(alg, k).sign(makeClaims());
const verify = core.createVerifier({ keys: core.importJwk(k.publicJwk, { alg }), algorithms: [alg], issuer: ISSUER, audience: AUDIENCE });
const end = performance.now() + Number(seconds) * 1000;
let n = 0;
for (; n < 5_000_000 && performance.now() < end; n++) await verify(token);
process.stdout.write(`${JSON.stringify({ alg, verifications: n })}\n`);
