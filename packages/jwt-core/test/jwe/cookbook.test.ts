/**
 * RFC 7520 (JOSE Cookbook) Section 5 JWE examples, compact serialization, on every backend that
 * implements the algorithm. 5.1 (RSA1_5) and 5.9 (zip: DEF) are refused by default (5.9 decrypts
 * with { zip: true }: zip.test.ts). 5.10-5.13 exist only in the JSON serializations: they, and the
 * JSON forms of 5.1-5.9, are in json-cookbook.test.ts.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decryptJwe } from '../../src/jwe/decrypt.js';
import { importSecret } from '../../src/jwk/import-secret.js';
import { importJwk } from '../../src/jwk/import.js';
import type { Key } from '../../src/jwk/key.js';
import type { Jwk } from '../../src/lib/types.js';
import type { JweContentAlgorithm, JweKeyAlgorithm } from '../../src/lib/algorithms.js';
import { BACKEND_NAMES, rejection, text, vectorFile } from './helpers.js';

interface CookbookCase {
  id: string; alg: JweKeyAlgorithm; enc: JweContentAlgorithm; expect: 'valid' | 'invalid';
  input: { plaintext: string; key?: Jwk; pwd?: string };
  expected: { compact?: string };
}

const dir = fileURLToPath(new URL('../../../test-vectors/vectors/rfc7520-cookbook/', import.meta.url));
const cases = readdirSync(dir).filter((f) => f.startsWith('5_')).map((f) => vectorFile<{ cases: CookbookCase[] }>(`rfc7520-cookbook/${f}`).cases[0]!);
const compact = cases.filter((c) => c.expected.compact !== undefined);

function keyOf(c: CookbookCase): Key {
  if (c.input.pwd !== undefined) return importSecret(c.input.pwd, { alg: c.alg });
  const { alg: _alg, ...jwk } = c.input.key!; // the cookbook's 5.6 key says alg A128GCM: bind it to dir explicitly
  return importJwk(jwk, { alg: c.alg });
}

describe('RFC 7520 Section 5, compact JWEs', () => {
  it('covers the compact examples 5.1-5.9', () => {
    expect(compact.map((c) => c.id).sort()).toEqual(['rfc7520-5.1', 'rfc7520-5.2', 'rfc7520-5.3', 'rfc7520-5.4', 'rfc7520-5.5', 'rfc7520-5.6', 'rfc7520-5.7', 'rfc7520-5.8', 'rfc7520-5.9']);
  });

  for (const c of compact.filter((x) => x.id !== 'rfc7520-5.1' && x.id !== 'rfc7520-5.9')) {
    for (const backend of BACKEND_NAMES) {
      it.runIf(!(backend === 'noble' && c.alg.startsWith('RSA')))(`${c.id} ${c.alg} + ${c.enc} decrypts on ${backend}`, async () => {
        const out = await decryptJwe(c.expected.compact!, keyOf(c), { algorithms: [c.alg], encryptionAlgorithms: [c.enc], backend });
        expect(text(out.plaintext)).toBe(c.input.plaintext);
        expect(out.header['alg']).toBe(c.alg);
      });
    }
  }

  it('5.1 (RSA1_5) is refused by default', async () => {
    const c = compact.find((x) => x.id === 'rfc7520-5.1')!;
    const key = importJwk({ ...c.input.key!, use: undefined } as Jwk, { alg: 'RSA-OAEP' });
    const err = await rejection(decryptJwe(c.expected.compact!, key, { algorithms: ['RSA-OAEP'], encryptionAlgorithms: ['A128CBC-HS256'] }));
    expect(err.code).toBe('ERR_JOSE_ALG_NOT_ALLOWED');
  });

  it('5.9 (zip: DEF) is refused by default', async () => {
    const c = compact.find((x) => x.id === 'rfc7520-5.9')!;
    const err = await rejection(decryptJwe(c.expected.compact!, keyOf(c), { algorithms: [c.alg], encryptionAlgorithms: [c.enc] }));
    expect(err.code).toBe('ERR_JOSE_NOT_SUPPORTED');
    expect(err.reason).toBe('zip');
  });
});
