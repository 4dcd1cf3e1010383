/**
 * Key generation on node:crypto under garbage-collection pressure. Node 20 deadlocks when a
 * generated KeyObject is exported while a collection finalizes the job that generated it (the
 * job's destructor waits for the key's lock the export holds): the process hangs for good, no
 * timeout fires. The core has node:crypto encode generated keys as JWKs itself (NODE_JWK_ENCODING).
 * This runs the built core in a child Node with a tiny young generation, so collections land inside
 * the generation path thousands of times, and fails if the child does not finish in time. With the
 * export-after-generate pattern it hangs within seconds here.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const pkg = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = join(pkg, 'test', '.keygen-gc');

const SCRIPT = `
import { generateKeyPair, encryptJwe } from '@tessera/jwt-core';
let n = 0;
for (let i = 0; i < 4000; i++) { await generateKeyPair(i % 2 ? 'ES256' : 'EdDSA', { backend: 'node' }); n++; }
const { publicKey } = await generateKeyPair('ECDH-ES+A128KW', { crv: 'P-256', backend: 'node' });
for (let i = 0; i < 4000; i++) { await encryptJwe(new Uint8Array([1]), publicKey, { alg: 'ECDH-ES+A128KW', enc: 'A128GCM' }); n++; }
console.log(n);
`;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('key generation under GC pressure (node:crypto)', () => {
  it('generates signing keys and ECDH-ES ephemeral keys without hanging', async () => {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'run.mjs');
    writeFileSync(file, SCRIPT);
    // timeout kills a hung child; execFile then rejects and the test fails with the reason.
    const { stdout } = await run(process.execPath, ['--max-semi-space-size=1', file], { cwd: pkg, timeout: 90_000 });
    expect(stdout.trim()).toBe('8000');
  }, 120_000);
});
