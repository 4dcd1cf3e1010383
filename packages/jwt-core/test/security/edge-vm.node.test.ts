/**
 * The security suite where Next.js middleware runs: the built core and the suite bundled by
 * esbuild (browser platform) and evaluated in an isolated EdgeVM from @edge-runtime/vm, where
 * `process`, `Buffer` and `require` do not exist, so the core's Web-only code paths are the ones
 * attacked (the vitest edge project keeps Node's globals). Every check runs on the core's choice
 * of backend, on webcrypto and on noble; RSA checks are skipped on noble.
 */
import { EdgeVM } from '@edge-runtime/vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleForEdge } from '../../scripts/bundle-edge.mjs';
import { securityCases } from '../../../test-vectors/src/security/index.js';

interface VmResult { id: string; check: string; failure?: string | null; skipped?: string }

let vm: EdgeVM;

beforeAll(async () => {
  const bundle = await bundleForEdge(new URL('./edge-vm-entry.js', import.meta.url).pathname);
  expect(bundle.inputs.filter((i) => i.startsWith('node:') || i.includes('(disabled)'))).toEqual([]);
  vm = new EdgeVM();
  vm.evaluate(bundle.code);
  expect(vm.evaluate<string>('typeof process + typeof Buffer + typeof require')).toBe('undefinedundefinedundefined');
}, 180_000);

describe('the security suite inside an EdgeVM', () => {
  const total = securityCases().reduce((n, c) => n + c.checks.length, 0);
  for (const backend of ['', 'webcrypto', 'noble']) {
    it(`every check resists the attack [${backend || 'auto'}]`, async () => {
      const results = JSON.parse(await vm.evaluate<Promise<string>>(`__tesseraSecurity.runAll(${JSON.stringify(backend)})`)) as VmResult[];
      expect(results).toHaveLength(total);
      const failures = results.filter((r) => r.skipped === undefined && r.failure !== null).map((r) => `${r.id}: ${r.check}: ${r.failure}`);
      expect(failures).toEqual([]);
      const skipped = results.filter((r) => r.skipped !== undefined);
      // Only RSA checks on noble may be skipped; the auth layer and the clock exist in the VM.
      for (const s of skipped) expect(s.skipped, `${s.id}: ${s.check}`).toMatch(/^the noble backend has no RS/);
      if (backend !== 'noble') expect(skipped).toEqual([]);
    }, 120_000);
  }
});
