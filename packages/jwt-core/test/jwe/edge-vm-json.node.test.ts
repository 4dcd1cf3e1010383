/**
 * JWE JSON serializations and zip inside an isolated EdgeVM (@edge-runtime/vm: no process, Buffer,
 * require, and, as in the Vercel Edge Runtime, no DecompressionStream or CompressionStream), on
 * the BUILT and bundled core: the RFC 7520 JSON vectors, 5.13's three recipients, 5.9's compressed
 * content through the JavaScript inflater, and a 100 MB compression bomb refused at the bound.
 */
import { createCipheriv, randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { EdgeVM } from '@edge-runtime/vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleForEdge } from '../../scripts/bundle-edge.mjs';
import { vectorFile } from './helpers.js';

let vm: EdgeVM;

async function call<T>(fn: string, ...args: string[]): Promise<T> {
  const names = args.map((a, i) => {
    (vm.context as Record<string, unknown>)[`__jweJsonArg${i}`] = a;
    return `__jweJsonArg${i}`;
  });
  return JSON.parse(await vm.evaluate<Promise<string>>(`__tesseraJweJson.${fn}(${names.join(', ')})`)) as T;
}

const dir = fileURLToPath(new URL('../../../test-vectors/vectors/rfc7520-cookbook/', import.meta.url));
const cookbook = readdirSync(dir).filter((f) => f.startsWith('5_')).map((f) => vectorFile(`rfc7520-cookbook/${f}`).cases[0]);
const byId = (id: string) => cookbook.find((c) => c.id === id);

beforeAll(async () => {
  const bundle = await bundleForEdge(fileURLToPath(new URL('./edge-vm-json-entry.js', import.meta.url)));
  expect(bundle.inputs.filter((i: string) => i.startsWith('node:'))).toEqual([]);
  vm = new EdgeVM();
  vm.evaluate(bundle.code);
  expect(vm.evaluate<string>('typeof process + typeof Buffer + typeof require')).toBe('undefinedundefinedundefined');
}, 180_000);

describe('JWE JSON and zip in an isolated EdgeVM', () => {
  it('the VM has no compression streams: zip goes through the JavaScript inflater', async () => {
    expect(await call('globals')).toEqual({ DecompressionStream: 'undefined', CompressionStream: 'undefined' });
  });

  it('RFC 7520 §5.2-5.12 JSON (general and flattened) and §5.9 compact with zip: true', async () => {
    const cases = cookbook.filter((c) => !['rfc7520-5.1', 'rfc7520-5.13'].includes(c.id)).flatMap((c) => (['json', 'json_flat'] as const).map((form) => ({
      id: `${c.id} ${form}`, jwe: c.expected[form], alg: c.alg, enc: c.enc, key: c.input.key, pwd: c.input.pwd, plaintext: c.input.plaintext,
      options: c.id === 'rfc7520-5.9' ? { zip: true } : {},
    })));
    const c9 = byId('rfc7520-5.9');
    cases.push({ id: '5.9 compact', jwe: c9.expected.compact, alg: c9.alg, enc: c9.enc, key: c9.input.key, pwd: undefined, plaintext: c9.input.plaintext, options: { zip: true } });
    const outcomes = await call<Array<{ id: string; ok: boolean; plaintext?: string }>>('decryptCases', JSON.stringify(cases));
    expect(outcomes).toHaveLength(23);
    for (const c of cases) expect(outcomes.find((o) => o.id === c.id), c.id).toMatchObject({ ok: true, plaintext: c.plaintext });
  }, 60_000);

  it('RFC 7520 §5.13: three recipients, the RSA1_5 one skipped', async () => {
    const c = byId('rfc7520-5.13');
    const [, ec, oct] = c.input.key;
    const keys = [{ jwk: ec, alg: 'ECDH-ES+A256KW' }, { jwk: oct, alg: 'A256GCMKW' }];
    const out = await call('multi', JSON.stringify(c.expected.json), JSON.stringify(keys), JSON.stringify({ algorithms: ['ECDH-ES+A256KW', 'A256GCMKW'], encryptionAlgorithms: ['A128CBC-HS256'] }));
    expect(out).toEqual({ ok: true, plaintext: c.input.plaintext, kid: 'peregrin.took@tuckborough.example' });
  }, 60_000);

  it('a 100 MB compression bomb is refused at maxDecompressedBytes by the JavaScript inflater', async () => {
    const cek = randomBytes(16);
    const h = Buffer.from(JSON.stringify({ alg: 'dir', enc: 'A128GCM', zip: 'DEF' })).toString('base64url');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-128-gcm', cek, iv).setAAD(Buffer.from(h, 'ascii'));
    const ct = Buffer.concat([cipher.update(deflateRawSync(Buffer.alloc(100 * 1024 * 1024))), cipher.final()]);
    const token = [h, '', iv.toString('base64url'), ct.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
    const key = { kty: 'oct', k: cek.toString('base64url') };
    const start = performance.now();
    const [out] = await call<Array<{ ok: boolean; error?: { code: string; reason: string } }>>('decryptCases', JSON.stringify([
      { id: 'bomb', jwe: token, alg: 'dir', enc: 'A128GCM', key: { ...key, alg: 'A128GCM' }, options: { zip: true, maxTokenLength: 200_000 } },
    ]));
    expect(out).toMatchObject({ ok: false, error: { code: 'ERR_JWE_INVALID', reason: 'decompressed-size' } });
    expect(performance.now() - start).toBeLessThan(5_000);
  }, 60_000);

  it('encryptJweJson -> decryptJweJson in the VM; zip on encrypt is refused there with the reason', async () => {
    const out = await call<{ recipients: number; texts: string[]; zip: { ok: boolean; error?: { code: string; reason: string } } }>('jsonRoundTrip');
    expect(out.recipients).toBe(2);
    expect(out.texts).toEqual(['edge json', 'edge json']);
    expect(out.zip).toMatchObject({ ok: false, error: { code: 'ERR_JOSE_NOT_SUPPORTED', reason: 'zip' } });
  }, 60_000);
});
