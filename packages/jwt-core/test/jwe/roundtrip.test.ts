/**
 * Every alg/enc pair round-trips on every backend that implements it (noble: everything but RSA),
 * and tokens made on one backend decrypt on the others. Each token has a fresh CEK and IV.
 */
import { describe, expect, it } from 'vitest';
import { decryptJwe } from '../../src/jwe/decrypt.js';
import { encryptJwe } from '../../src/jwe/encrypt.js';
import type { JweContentAlgorithm, JweKeyAlgorithm } from '../../src/lib/algorithms.js';
import { BACKEND_NAMES, rejection, text } from './helpers.js';
import { keysFor, pairFor } from './keys.js';

const ENCS: JweContentAlgorithm[] = ['A128CBC-HS256', 'A192CBC-HS384', 'A256CBC-HS512', 'A128GCM', 'A192GCM', 'A256GCM'];
const SYMMETRIC: JweKeyAlgorithm[] = ['A128KW', 'A192KW', 'A256KW', 'dir', 'A128GCMKW', 'A192GCMKW', 'A256GCMKW', 'PBES2-HS256+A128KW', 'PBES2-HS384+A192KW', 'PBES2-HS512+A256KW'];
const RSA: JweKeyAlgorithm[] = ['RSA-OAEP', 'RSA-OAEP-256', 'RSA-OAEP-384', 'RSA-OAEP-512'];
const ECDH: JweKeyAlgorithm[] = ['ECDH-ES', 'ECDH-ES+A128KW', 'ECDH-ES+A192KW', 'ECDH-ES+A256KW'];
const CURVES = ['P-256', 'P-384', 'P-521', 'X25519'];
const MESSAGE = 'The true sign of intelligence is not knowledge but imagination. – ✓';

const opts = (alg: JweKeyAlgorithm, enc: JweContentAlgorithm, backend?: (typeof BACKEND_NAMES)[number]) => ({
  algorithms: [alg], encryptionAlgorithms: [enc], ...(backend ? { backend } : {}),
});

describe('round trip: symmetric key management x every enc x every backend', () => {
  for (const alg of SYMMETRIC) {
    for (const enc of ENCS) {
      it(`${alg} + ${enc}`, async () => {
        const { encryptKey, decryptKey } = keysFor(alg, enc);
        for (const from of BACKEND_NAMES) {
          const jwe = await encryptJwe(MESSAGE, encryptKey, { alg, enc, backend: from, p2c: 1000 });
          for (const to of BACKEND_NAMES) {
            const out = await decryptJwe(jwe, decryptKey, opts(alg, enc, to));
            expect(text(out.plaintext)).toBe(MESSAGE);
          }
        }
      });
    }
  }
});

describe('round trip: RSA-OAEP (node and webcrypto)', () => {
  for (const alg of RSA) {
    for (const enc of ENCS) {
      it(`${alg} + ${enc}`, async () => {
        const { encryptKey, decryptKey } = keysFor(alg, enc);
        for (const from of ['node', 'webcrypto'] as const) {
          const jwe = await encryptJwe(MESSAGE, encryptKey, { alg, enc, backend: from });
          for (const to of ['node', 'webcrypto'] as const) {
            expect(text((await decryptJwe(jwe, decryptKey, opts(alg, enc, to))).plaintext)).toBe(MESSAGE);
          }
        }
      });
    }
  }
});

describe('round trip: ECDH-ES on every curve', () => {
  for (const crv of CURVES) {
    for (const alg of ECDH) {
      it(`${alg} on ${crv}, CBC-HMAC and GCM, every backend pair`, async () => {
        const { publicKey, privateKey } = pairFor(crv, alg);
        // Every enc with ECDH-ES is covered by the jose interop test; here the backend matrix.
        for (const enc of ['A128CBC-HS256', 'A256GCM'] as const) {
          for (const from of BACKEND_NAMES) {
            const jwe = await encryptJwe(MESSAGE, publicKey, { alg, enc, backend: from, apu: new Uint8Array([1, 2]), apv: new Uint8Array([3]) });
            const header = JSON.parse(Buffer.from(jwe.split('.')[0]!, 'base64url').toString()) as Record<string, unknown>;
            expect(header).toMatchObject({ alg, enc, apu: 'AQI', apv: 'Aw', epk: { crv } });
            expect((header['epk'] as Record<string, unknown>)['d']).toBeUndefined();
            for (const to of BACKEND_NAMES) {
              expect(text((await decryptJwe(jwe, privateKey, opts(alg, enc, to))).plaintext)).toBe(MESSAGE);
            }
          }
        }
      });
    }
  }
});

describe('fresh randomness and the compact form', () => {
  it('uses a fresh CEK and IV for every token', async () => {
    const { encryptKey } = keysFor('RSA-OAEP-256', 'A128CBC-HS256');
    const a = (await encryptJwe(MESSAGE, encryptKey, { alg: 'RSA-OAEP-256', enc: 'A128CBC-HS256' })).split('.');
    const b = (await encryptJwe(MESSAGE, encryptKey, { alg: 'RSA-OAEP-256', enc: 'A128CBC-HS256' })).split('.');
    expect(a).toHaveLength(5);
    expect(a[1]).not.toBe(b[1]);
    expect(a[2]).not.toBe(b[2]);
    expect(a[3]).not.toBe(b[3]);
    expect(Buffer.from(a[2]!, 'base64url')).toHaveLength(16);
  });

  it('dir puts no encrypted key; the header carries alg, enc, kid and the caller\'s parameters', async () => {
    const { encryptKey, decryptKey } = keysFor('dir', 'A256GCM');
    const jwe = await encryptJwe(new Uint8Array([0, 1, 2, 255]), encryptKey, { alg: 'dir', enc: 'A256GCM', header: { typ: 'secret+jwe', cty: 'x' } });
    expect(jwe.split('.')[1]).toBe('');
    const out = await decryptJwe(jwe, decryptKey, opts('dir', 'A256GCM'));
    expect([...out.plaintext]).toEqual([0, 1, 2, 255]);
    expect(out.header).toMatchObject({ alg: 'dir', enc: 'A256GCM', typ: 'secret+jwe', cty: 'x' });
  });

  it('a dir key of the wrong size for enc is refused when encrypting', async () => {
    const { encryptKey } = keysFor('dir', 'A128GCM');
    const err = await rejection(encryptJwe('x', encryptKey, { alg: 'dir', enc: 'A256GCM' }));
    expect(['ERR_JWK_INVALID']).toContain(err.code);
  });

  it('an empty plaintext round-trips', async () => {
    const { encryptKey, decryptKey } = keysFor('A256KW', 'A256CBC-HS512');
    const jwe = await encryptJwe('', encryptKey, { alg: 'A256KW', enc: 'A256CBC-HS512' });
    expect((await decryptJwe(jwe, decryptKey, opts('A256KW', 'A256CBC-HS512'))).plaintext).toHaveLength(0);
  });
});
