/**
 * Known-answer tests: RFC 7516 Appendix A (A.1 RSA-OAEP + A256GCM, A.3 A128KW + A128CBC-HS256
 * decrypt; A.2 RSA1_5 refused) and RFC 7518 Appendix B (AES_CBC_HMAC_SHA2: E and T recomputed
 * from K, P, IV, A on every backend), each forced onto every backend that implements it.
 */
import { describe, expect, it } from 'vitest';
import { importJwk } from '../../src/jwk/import.js';
import type { Jwk } from '../../src/jwk/types.js';
import { cbcHmacDecrypt, cbcHmacEncrypt, type CbcHmacEnc } from '../../src/jwe/content/cbc-hmac.js';
import { decryptJwe } from '../../src/jwe/decrypt.js';
import { BACKENDS, BACKEND_NAMES, hex, rejection, text, toHex, vectorFile } from './helpers.js';

interface Rfc7516Case { id: string; alg: string; enc: string; input: { key: Jwk; plaintext: string }; expected: { compact: string } }
interface AppendixBCase { id: string; enc: CbcHmacEnc; input: Record<string, string>; expected: { E_hex: string; T_hex: string } }

const rfc7516 = vectorFile<{ cases: Rfc7516Case[] }>('rfc7516.json').cases;
const byId = (id: string): Rfc7516Case => rfc7516.find((c) => c.id === id)!;

describe('RFC 7516 Appendix A', () => {
  const a1 = byId('rfc7516-A.1');
  const a2 = byId('rfc7516-A.2');
  const a3 = byId('rfc7516-A.3');

  for (const backend of BACKEND_NAMES) {
    it.runIf(backend !== 'noble')(`A.1 RSA-OAEP + A256GCM decrypts on ${backend}`, async () => {
      const key = importJwk(a1.input.key, { alg: 'RSA-OAEP' });
      const out = await decryptJwe(a1.expected.compact, key, { algorithms: ['RSA-OAEP'], encryptionAlgorithms: ['A256GCM'], backend });
      expect(text(out.plaintext)).toBe(a1.input.plaintext);
      expect(out.header).toEqual({ alg: 'RSA-OAEP', enc: 'A256GCM' });
      expect(out.key).toBe(key);
    });

    it(`A.3 A128KW + A128CBC-HS256 decrypts on ${backend}`, async () => {
      const key = importJwk(a3.input.key, { alg: 'A128KW' });
      const out = await decryptJwe(a3.expected.compact, key, { algorithms: ['A128KW'], encryptionAlgorithms: ['A128CBC-HS256'], backend });
      expect(text(out.plaintext)).toBe(a3.input.plaintext);
    });
  }

  it('A.1 is refused on the noble backend (no RSA in pure JS)', async () => {
    const key = importJwk(a1.input.key, { alg: 'RSA-OAEP' });
    const err = await rejection(decryptJwe(a1.expected.compact, key, { algorithms: ['RSA-OAEP'], encryptionAlgorithms: ['A256GCM'], backend: 'noble' }));
    expect(err.code).toBe('ERR_JOSE_NOT_SUPPORTED');
  });

  it('A.2 (RSA1_5) is refused by default, naming the algorithm and the fix', async () => {
    const key = importJwk(a1.input.key, { alg: 'RSA-OAEP' });
    const err = await rejection(decryptJwe(a2.expected.compact, key, { algorithms: ['RSA-OAEP'], encryptionAlgorithms: ['A128CBC-HS256'] }));
    expect(err.code).toBe('ERR_JOSE_ALG_NOT_ALLOWED');
    expect(err.message).toContain('"RSA1_5" is not allowed; allowed: RSA-OAEP');
    expect(err.hint).toMatch(/Bleichenbacher/);
  });

  it('RSA1_5 cannot even be put on the allow-list', async () => {
    const key = importJwk(a1.input.key, { alg: 'RSA-OAEP' });
    const err = await rejection(decryptJwe(a2.expected.compact, key, { algorithms: ['RSA1_5' as 'RSA-OAEP'], encryptionAlgorithms: ['A128CBC-HS256'] }));
    expect(err.code).toBe('ERR_JOSE_INVALID_OPTION');
    expect(err.hint).toMatch(/Bleichenbacher/);
  });
});

describe('RFC 7518 Appendix B (AES_CBC_HMAC_SHA2) at the primitive level', () => {
  const cases = vectorFile<{ cases: AppendixBCase[] }>('rfc7518-appendix-b.json').cases;
  for (const backend of BACKENDS) {
    for (const c of cases) {
      it(`${c.id} ${c.enc} on ${backend.name}: E and T from K, P, IV, A`, async () => {
        const [K, P, IV, A] = [hex(c.input['K_hex']!), hex(c.input['P_hex']!), hex(c.input['IV_hex']!), hex(c.input['A_hex']!)];
        const out = await cbcHmacEncrypt(backend, c.enc, K, IV, P, A);
        expect(toHex(out.ciphertext)).toBe(c.expected.E_hex);
        expect(toHex(out.tag)).toBe(c.expected.T_hex);
        const back = await cbcHmacDecrypt(backend, c.enc, K, IV, hex(c.expected.E_hex), hex(c.expected.T_hex), A);
        expect(toHex(back)).toBe(c.input['P_hex']);
      });
    }
  }
});
