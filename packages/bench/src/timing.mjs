/**
 * Timing-safety check (issue 7): does rejecting a MAC take the same time whether the FIRST or the
 * LAST byte is wrong? An early-exit comparison answers sooner when the first byte differs, and
 * that difference lets an attacker find a valid MAC byte by byte.
 *
 * Method (after dudect, Reparaz et al. 2017): two classes of inputs, A = tag with its first byte
 * flipped, B = tag with its last byte flipped. Batches of `PER_BATCH` calls of one class, classes
 * in random order (interleaved, so drift and noise hit both alike), bounded in count and time.
 * Welch's t-test on the batch means (after cropping
 * samples above the pooled 90th percentile, as dudect does): |t| > 4.5 is dudect's threshold for "a timing difference is
 * detected". A positive control (a deliberately early-exit comparison on the same inputs) shows
 * the method can see a leak of that kind. This is a statistical check, not a unit test: run it
 * with `pnpm --filter @tessera/bench timing`; it writes docs/timing.md.
 */
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { buildTessera } from './bundle.mjs';
import { makeClaims } from './fixtures.mjs';
import { nodeFloor } from './floors.mjs';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const THRESHOLD = 4.5;
const smoke = process.argv.includes('--smoke');
const BATCHES = smoke ? 20 : 600; // per class
const MAX_SECONDS = smoke ? 10 : 60; // per check

function welch(a, b) {
  const mean = (x) => x.reduce((s, v) => s + v, 0) / x.length;
  const variance = (x, m) => x.reduce((s, v) => s + (v - m) ** 2, 0) / (x.length - 1);
  const ma = mean(a);
  const mb = mean(b);
  return (ma - mb) / Math.sqrt(variance(a, ma) / a.length + variance(b, mb) / b.length);
}

const median = (x) => {
  const s = [...x].sort((p, q) => p - q);
  return s[Math.floor(s.length / 2)];
};

/** Flip one bit of the byte at `index` of the token's last segment (the signature or the tag). */
function flipByte(token, index) {
  const dot = token.lastIndexOf('.');
  const bytes = Buffer.from(token.slice(dot + 1), 'base64url');
  bytes[index < 0 ? bytes.length + index : index] ^= 0x01;
  return token.slice(0, dot + 1) + bytes.toString('base64url');
}

/** Time `fn(a)` vs `fn(b)`; `fn` may be async and may throw (rejections are the expected outcome). */
async function compare(name, backend, fn, a, b, perBatch, { sync = false } = {}) {
  const samples = { A: [], B: [] };
  let sink = 0;
  const call = sync
    ? (input) => { sink ^= fn(input) ? 1 : 0; }
    : async (input) => {
      try { await fn(input); } catch { /* expected: a wrong MAC is refused */ }
    };
  const batch = sync
    ? (input) => { for (let j = 0; j < perBatch; j++) call(input); }
    : async (input) => { for (let j = 0; j < perBatch; j++) await call(input); };
  for (let i = 0; i < 200; i++) { await call(a); await call(b); } // warm-up
  const end = performance.now() + MAX_SECONDS * 1000;
  for (let i = 0; i < BATCHES && performance.now() < end; i++) {
    const order = Math.random() < 0.5 ? ['A', 'B'] : ['B', 'A'];
    for (const cls of order) {
      const input = cls === 'A' ? a : b;
      const t0 = performance.now();
      await batch(input);
      samples[cls].push(((performance.now() - t0) * 1000) / perBatch);
    }
  }
  // dudect crops outliers (interrupts, GC, other processes) before the test: keep samples below
  // the 90th percentile of both classes pooled.
  const pooled = [...samples.A, ...samples.B].sort((p, q) => p - q);
  const cut = pooled[Math.floor(pooled.length * 0.9)];
  const t = welch(samples.A.filter((v) => v <= cut), samples.B.filter((v) => v <= cut));
  const mA = median(samples.A);
  const mB = median(samples.B);
  if (sink < 0) throw new Error('unreachable');
  return { name, backend, batches: samples.A.length, perBatch, medianA: mA, medianB: mB, diffPct: (100 * (mA - mB)) / mB, t, leak: Math.abs(t) > THRESHOLD };
}

async function constantTimeModule() {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-ct-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  await build({ entryPoints: [here('../../jwt-core/src/lib/constant-time.ts')], outfile: join(dir, 'ct.mjs'), bundle: true, format: 'esm', logLevel: 'error' });
  return import(pathToFileURL(join(dir, 'ct.mjs')).href);
}

/** An early-exit comparison: the positive control, NOT something Tessera uses. */
function leakyEqual(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export async function runTiming({ log = console.log } = {}) {
  const urls = await buildTessera();
  const core = await import(urls.core);
  const ct = await constantTimeModule();
  const rows = [];

  // 1. The comparison primitives on 32-byte MACs.
  const mac = new Uint8Array(randomBytes(32));
  const firstWrong = mac.slice(); firstWrong[0] ^= 1;
  const lastWrong = mac.slice(); lastWrong[31] ^= 1;
  rows.push(await compare('timingSafeEqual (src/lib/constant-time.ts), 32 bytes', 'pure JS', (x) => ct.timingSafeEqual(mac, x), firstWrong, lastWrong, 5000, { sync: true }));
  rows.push({ ...(await compare('positive control: early-exit comparison, 32 bytes', 'pure JS', (x) => leakyEqual(mac, x), firstWrong, lastWrong, 5000, { sync: true })), control: true });
  log('timing: primitives done');

  // 2. HS256 verification end to end, on each backend.
  const secret = randomBytes(32);
  const key = core.importSecret(new Uint8Array(secret), { alg: 'HS256', kid: 'timing' });
  const token = nodeFloor('HS256', { kid: 'timing', secret, privateKey: (await import('node:crypto')).createSecretKey(secret) }).sign(makeClaims());
  for (const backend of ['node', 'noble', 'webcrypto']) {
    const verify = core.createVerifier({ keys: key, algorithms: ['HS256'], backend });
    await verify(token); // the right token verifies on this backend
    rows.push(await compare('HS256 verify, signature wrong in first vs last byte', backend, verify, flipByte(token, 0), flipByte(token, -1), 50));
    log(`timing: HS256 ${backend} done`);
  }

  // 3. JWE A128CBC-HS256 tag check (dir: the CEK is the key, so the tag check dominates).
  const cek = randomBytes(32);
  const dirKey = core.importJwk({ kty: 'oct', k: cek.toString('base64url'), alg: 'dir', use: 'enc' }, { alg: 'dir' });
  const jwe = await core.encryptJwe(JSON.stringify(makeClaims()), dirKey, { alg: 'dir', enc: 'A128CBC-HS256' });
  for (const backend of ['node', 'noble', 'webcrypto']) {
    const options = { algorithms: ['dir'], encryptionAlgorithms: ['A128CBC-HS256'], backend };
    await core.decryptJwe(jwe, dirKey, options);
    rows.push(await compare('JWE A128CBC-HS256 decrypt, tag wrong in first vs last byte', backend, (t) => core.decryptJwe(t, dirKey, options), flipByte(jwe, 0), flipByte(jwe, -1), 30));
    log(`timing: JWE ${backend} done`);
  }
  return rows;
}

function verdict(r) {
  if (r.control) return r.leak ? 'difference detected (expected: the method works)' : '**control NOT detected: the run is too noisy to conclude**';
  return r.leak ? '**difference detected**' : 'no difference detected';
}

export function renderTiming(rows, env) {
  const f = (v) => v.toFixed(3);
  return `# Timing-safety check

<!-- Generated by \`pnpm --filter @tessera/bench timing\` (packages/bench/src/timing.mjs). -->

Run: ${env.date} · Node ${env.node} · ${env.note}

Does refusing a wrong MAC take the same time whether its **first** byte (class A) or its **last**
byte (class B) is wrong? An early-exit comparison returns sooner for A, which lets an attacker
forge a MAC byte by byte (e.g. CVE-2025-65945-style comparisons).

Method (after dudect, Reparaz et al., 2017): batches of one class, the two classes interleaved in
random order, bounded in count and time; samples above the pooled 90th percentile cropped
(interrupts, GC, other processes); Welch's t-test on the batch means. **|t| > ${THRESHOLD}**
(dudect's threshold) means a timing difference is detected. The positive control is an
early-exit comparison on the same inputs: it shows the method can see that kind of leak. The
machine is shared and noisy, so a single |t| slightly over the threshold on an end-to-end row
deserves a re-run before conclusions; the primitive rows are the sharp ones.

| Check | Backend | batches × calls | median A µs | median B µs | A − B | t | Verdict |
|---|---|---:|---:|---:|---:|---:|---|
${rows.map((r) => `| ${r.name} | ${r.backend} | ${r.batches} × ${r.perBatch} | ${f(r.medianA)} | ${f(r.medianB)} | ${r.diffPct.toFixed(2)}% | ${r.t.toFixed(2)} | ${verdict(r)} |`).join('\n')}

Notes: on the node backend the HMAC comparison is node:crypto's \`timingSafeEqual\` (OpenSSL
\`CRYPTO_memcmp\`); on noble it is Tessera's \`timingSafeEqual\` (XOR-accumulate over the whole
length); on WebCrypto it is \`subtle.verify\`. The JWE rows check the CBC-HMAC tag, which
Tessera compares with its own \`timingSafeEqual\` before any AES decryption (RFC 7518 §5.2.2.2).
`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const t0 = Date.now();
  const rows = await runTiming();
  for (const r of rows) console.log(`${r.leak ? 'LEAK?' : 'ok   '} t=${r.t.toFixed(2).padStart(7)} ${r.name} [${r.backend}] A ${r.medianA.toFixed(3)} µs B ${r.medianB.toFixed(3)} µs`);
  if (!smoke) {
    const root = (p) => fileURLToPath(new URL(`../../../${p}`, import.meta.url));
    mkdirSync(root('docs'), { recursive: true });
    writeFileSync(root('docs/timing.md'), renderTiming(rows, { date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), node: process.version, note: `took ${Math.round((Date.now() - t0) / 1000)} s` }));
    console.log('wrote docs/timing.md');
  }
}
