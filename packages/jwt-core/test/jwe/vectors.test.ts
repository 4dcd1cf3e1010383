/**
 * Known-answer tests: RFC 7516 Appendix A (A.1 RSA-OAEP + A256GCM, A.3 A128KW + A128CBC-HS256
 * decrypt; A.2 RSA1_5 refused) and RFC 7518 Appendix B (AES_CBC_HMAC_SHA2: E and T recomputed
 * from K, P, IV, A on every backend), each forced onto every backend that implements it.
 */
import { describe, expect, it } from 'vitest';
import { importJwk } from '../../src/jwk/import.js';
import type { Jwk } from '../../src/lib/types.js';
import { cbcHmacDecrypt, cbcHmacEncrypt, type CbcHmacEnc } from '../../src/jwe/content/cbc-hmac.js';
import { decryptJwe } from '../../src/jwe/decrypt.js';
import { concatKdf } from '../../src/jwe/keymgmt/concat-kdf.js';
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

describe('ECDH-ES key agreement known answers', () => {
  // RFC 7518 Appendix C: ECDH-ES (direct) for A128GCM, apu "Alice", apv "Bob". The keys and the
  // derived key are printed in the RFC; the values below are copied from it.
  const alice = { kty: 'EC', crv: 'P-256', x: 'gI0GAILBdu7T53akrFmMyGcsF3n5dO7MmwNBHKW5SV0', y: 'SLW_xSffzlPWrHEVI30DHM_4egVwt3NQqeUD7nMFpps', d: '0_NxaRPUMQoAJt50Gz8YiTr8gRTwyEaCumd-MToTmIo' };
  const bob = { kty: 'EC', crv: 'P-256', x: 'weNJy2HscCSM6AEDTDg04biOvhFhyyWvOHQfeF_PxMQ', y: 'e8lnCO-AlStT-NJVX-crhB7QRYhiix03illJOVAOyck', d: 'VEmDZpDXXK8p8N0Cndsxs924q6nS1RXFASRl6BfUqdw' };
  const pub = ({ d: _d, ...rest }: Jwk): Jwk => rest;
  const a6 = vectorFile<{ cases: Array<{ id: string; input: Record<string, string & Jwk>; intermediate: { ephemeral_public_hex: string; epk: Jwk }; expected: { Z_hex: string }; supplementary: { recipient_secret_hex: string } }> }>('rfc8037.json').cases.find((c) => c.id === 'rfc8037-A.6')!;
  const okp = (secretHex: string, publicHex: string): Jwk => ({ kty: 'OKP', crv: 'X25519', x: Buffer.from(publicHex, 'hex').toString('base64url'), d: Buffer.from(secretHex, 'hex').toString('base64url') });

  for (const backend of BACKENDS) {
    it(`RFC 7518 Appendix C: Z and the Concat KDF output on ${backend.name}`, async () => {
      const z1 = await backend.ecdh(alice as Jwk, pub(bob as Jwk));
      const z2 = await backend.ecdh(bob as Jwk, pub(alice as Jwk));
      expect(toHex(z1)).toBe(toHex(z2));
      expect([...z1.slice(0, 4)]).toEqual([158, 86, 217, 29]);
      const k = await concatKdf(backend, z1, 'A128GCM', new TextEncoder().encode('Alice'), new TextEncoder().encode('Bob'), 16);
      expect(Buffer.from(k).toString('base64url')).toBe('VqqN6vgjbSBcIijNcacQGg');
    });

    it(`RFC 8037 A.6: X25519 Z from both sides on ${backend.name}`, async () => {
      const sender = okp(a6.input['ephemeral_secret_hex']!, a6.intermediate.ephemeral_public_hex);
      const recipient = okp(a6.supplementary.recipient_secret_hex, a6.input['recipient_public_hex']!);
      expect(toHex(await backend.ecdh(sender, pub(recipient)))).toBe(a6.expected.Z_hex);
      expect(toHex(await backend.ecdh(recipient, a6.intermediate.epk))).toBe(a6.expected.Z_hex);
    });
  }
});
