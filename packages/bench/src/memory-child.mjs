/**
 * Memory check, run as `node --expose-gc memory-child.mjs <coreUrl> <tokens> <cacheMax> <maxSeconds>`:
 * one caching createVerifier verifies that many distinct HS256 tokens (each signed just before,
 * then dropped); heapUsed is read after a full GC at checkpoints. The heap may grow while the
 * cache fills (cacheMax entries) and must then stay flat. Prints one JSON line.
 */
import { createSecretKey, randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { AUDIENCE, ISSUER, makeClaims } from './fixtures.mjs';
import { nodeFloor } from './floors.mjs';

const [coreUrl, tokensArg, maxArg, secondsArg] = process.argv.slice(2);
const total = Number(tokensArg);
const cacheMax = Number(maxArg);
const deadline = performance.now() + Number(secondsArg) * 1000;
if (typeof globalThis.gc !== 'function') throw new Error('run with --expose-gc');

const core = await import(coreUrl);
const secret = randomBytes(32);
const k = { kid: 'mem', secret, privateKey: createSecretKey(secret) };
const floor = nodeFloor('HS256', k);
const key = core.importSecret(new Uint8Array(secret), { alg: 'HS256', kid: 'mem' });
const verify = core.createVerifier({ keys: key, algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE, cache: { max: cacheMax } });
const base = makeClaims();

const heap = () => {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed;
};

const checkpoints = new Set([cacheMax, Math.floor(total / 4), Math.floor(total / 2), Math.floor((3 * total) / 4), total].filter((n) => n > 0 && n <= total));
const samples = [{ tokens: 0, heapUsed: heap() }];
let done = 0;
for (let i = 1; i <= total && performance.now() < deadline; i++) {
  const token = floor.sign({ ...base, jti: `token-${i}` });
  const { payload } = await verify(token);
  if (payload.jti !== `token-${i}`) throw new Error(`token ${i} verified to the wrong payload`);
  done = i;
  if (checkpoints.has(i)) samples.push({ tokens: i, heapUsed: heap() });
}
if (samples[samples.length - 1].tokens !== done) samples.push({ tokens: done, heapUsed: heap() });
process.stdout.write(`${JSON.stringify({ total, done, cacheMax, samples, seconds: (performance.now() - (deadline - Number(secondsArg) * 1000)) / 1000 })}\n`);
