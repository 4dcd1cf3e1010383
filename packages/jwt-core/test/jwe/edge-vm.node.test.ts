/**
 * JWE inside an isolated EdgeVM (@edge-runtime/vm: no process, Buffer or require, as in Next.js
 * middleware), on the BUILT and bundled core (scripts/bundle-edge.mjs, as test/edge does for
 * signatures): the RFC 7516 / RFC 7520 vectors on auto, webcrypto and noble, round trips with keys
 * generated in the VM for every alg (ECDH-ES on every curve) across backends, and a nested JWT.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EdgeVM } from '@edge-runtime/vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleForEdge } from '../../scripts/bundle-edge.mjs';
import { vectorFile } from './helpers.js';

let vm: EdgeVM;

async function call<T>(fn: string, ...args: string[]): Promise<T> {
  const names = args.map((a, i) => {
    (vm.context as Record<string, unknown>)[`__jweArg${i}`] = a;
    return `__jweArg${i}`;
  });
  return JSON.parse(await vm.evaluate<Promise<string>>(`__tesseraJwe.${fn}(${names.join(', ')})`)) as T;
}

interface VectorCase { id: string; token: string; alg: string; enc: string; key?: unknown; pwd?: string; plaintext: string; valid: boolean }

function vectorCases(): VectorCase[] {
  const out: VectorCase[] = [];
  for (const c of vectorFile('rfc7516.json').cases) {
    out.push({ id: c.id, token: c.expected.compact, alg: c.id === 'rfc7516-A.2' ? 'RSA-OAEP' : c.alg, enc: c.enc, key: c.input.key, plaintext: c.input.plaintext, valid: c.expect === 'valid' });
  }
  const dir = fileURLToPath(new URL('../../../test-vectors/vectors/rfc7520-cookbook/', import.meta.url));
  for (const f of readdirSync(dir).filter((n) => n.startsWith('5_'))) {
    const c = vectorFile(`rfc7520-cookbook/${f}`).cases[0];
    if (c.expected.compact === undefined) continue;
    const refused = c.id === 'rfc7520-5.1' || c.id === 'rfc7520-5.9';
    out.push({ id: c.id, token: c.expected.compact, alg: c.id === 'rfc7520-5.1' ? 'RSA-OAEP' : c.alg, enc: c.enc, key: c.input.key, pwd: c.input.pwd, plaintext: c.input.plaintext, valid: !refused });
  }
  return out;
}

beforeAll(async () => {
  const bundle = await bundleForEdge(fileURLToPath(new URL('./edge-vm-entry.js', import.meta.url)));
  expect(bundle.inputs.filter((i: string) => i.startsWith('node:'))).toEqual([]);
  vm = new EdgeVM();
  vm.evaluate(bundle.code);
  expect(vm.evaluate<string>('typeof process + typeof Buffer + typeof require')).toBe('undefinedundefinedundefined');
}, 180_000);

describe('JWE in an isolated EdgeVM', () => {
  const cases = vectorCases();
  for (const backend of ['auto', 'webcrypto', 'noble']) {
    it(`RFC 7516 and RFC 7520 compact vectors on ${backend}`, async () => {
      const outcomes = await call<Array<{ id: string; ok: boolean; plaintext?: string; error?: { code: string } }>>('decryptCases', JSON.stringify(cases), backend);
      for (const c of cases) {
        const o = outcomes.find((x) => x.id === c.id)!;
        if (!c.valid) {
          // RSA1_5 (not on the allow-list) and zip: refused before any backend is chosen.
          expect(o.ok, c.id).toBe(false);
          expect(['ERR_JOSE_ALG_NOT_ALLOWED', 'ERR_JOSE_NOT_SUPPORTED'], c.id).toContain(o.error?.code);
        } else if (backend === 'noble' && c.alg.startsWith('RSA')) {
          expect(o, c.id).toMatchObject({ ok: false, error: { code: 'ERR_JOSE_NOT_SUPPORTED' } });
        } else {
          expect(o, c.id).toMatchObject({ ok: true, plaintext: c.plaintext });
        }
      }
    }, 60_000);
  }

  it('round trips with keys generated in the VM, every alg, across auto/webcrypto/noble', async () => {
    const jobs = [
      ...['RSA-OAEP', 'RSA-OAEP-256', 'RSA-OAEP-384', 'RSA-OAEP-512'].map((alg) => ({ alg, enc: 'A128CBC-HS256' })),
      ...['A128KW', 'A192KW', 'A256KW', 'A128GCMKW', 'A256GCMKW', 'PBES2-HS256+A128KW', 'PBES2-HS512+A256KW'].map((alg) => ({ alg, enc: 'A256GCM' })),
      ...['A128CBC-HS256', 'A192CBC-HS384', 'A256CBC-HS512', 'A128GCM', 'A192GCM', 'A256GCM'].map((enc) => ({ alg: 'dir', enc })),
      ...['P-256', 'P-384', 'P-521', 'X25519'].flatMap((crv) => [{ alg: 'ECDH-ES', enc: 'A128CBC-HS256', crv }, { alg: 'ECDH-ES+A128KW', enc: 'A128GCM', crv }]),
    ];
    const results = await call<Array<{ job: unknown; pairs: number; failures: string[] }>>('roundTrips', JSON.stringify(jobs), JSON.stringify(['auto', 'webcrypto', 'noble']));
    for (const r of results) {
      expect(r.failures, JSON.stringify(r.job)).toEqual([]);
      expect(r.pairs).toBeGreaterThanOrEqual(4);
    }
  }, 120_000);

  it('a nested JWT signed, encrypted, decrypted and verified in the VM', async () => {
    expect(await call('nested')).toEqual({ parts: 5, sub: 'edge' });
  }, 60_000);
});
