/**
 * JWE limits: PBES2 iterations (maxPbes2Count, default 310000, checked in the header before any
 * key derivation), token length and header size (the same limits as JWS), and compression, which
 * is refused outright, so there is no inflated-size limit to configure.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decryptJwe, encryptJwe, generateSecret, importSecret } from '../../src/index.js';
import { b64u, segment } from '../../../test-vectors/src/security/encoding.js';
import { expectLimit } from './helpers.js';

afterEach(() => vi.restoreAllMocks());

const PASSWORD = importSecret('a long and unguessable pass phrase', { alg: 'PBES2-HS256+A128KW' });
const PBES2 = { algorithms: ['PBES2-HS256+A128KW'], encryptionAlgorithms: ['A128GCM'] } as const;

/** A PBES2 token with the given p2c whose other parts are filler: the header is refused before they matter. */
function pbes2Token(p2c: number): string {
  return `${segment({ alg: 'PBES2-HS256+A128KW', enc: 'A128GCM', p2c, p2s: b64u(new Uint8Array(16).fill(7)) })}.${b64u(new Uint8Array(24))}.${b64u(new Uint8Array(12))}.${b64u('x')}.${b64u(new Uint8Array(16))}`;
}

describe('maxPbes2Count', () => {
  it('defaults to 310000: a token made with p2c 310000 decrypts, p2c 310001 is refused naming the limit', async () => {
    const token = await encryptJwe('hello', PASSWORD, { alg: 'PBES2-HS256+A128KW', enc: 'A128GCM', p2c: 310_000 });
    expect(new TextDecoder().decode((await decryptJwe(token, PASSWORD, PBES2)).plaintext)).toBe('hello');
    await expectLimit(decryptJwe(pbes2Token(310_001), PASSWORD, PBES2), 'ERR_JWE_INVALID', /310000/);
  });

  it('is configurable: at maxPbes2Count 1000, p2c 1000 decrypts and 1001 is refused', async () => {
    const token = await encryptJwe('hello', PASSWORD, { alg: 'PBES2-HS256+A128KW', enc: 'A128GCM', p2c: 1_000 });
    await decryptJwe(token, PASSWORD, { ...PBES2, maxPbes2Count: 1_000 });
    await expectLimit(decryptJwe(pbes2Token(1_001), PASSWORD, { ...PBES2, maxPbes2Count: 1_000 }), 'ERR_JWE_INVALID', /1000 PBES2 iterations/);
  });

  it('is checked before any key derivation: no PBKDF2 runs for p2c 2^31-1 (WebCrypto spied)', async () => {
    const derive = vi.spyOn(crypto.subtle, 'deriveBits');
    const deriveKey = vi.spyOn(crypto.subtle, 'deriveKey');
    const started = performance.now();
    await expectLimit(decryptJwe(pbes2Token(2 ** 31 - 1), PASSWORD, { ...PBES2, backend: 'webcrypto' }), 'ERR_JWE_INVALID', /exceeds the maximum/);
    expect(performance.now() - started).toBeLessThan(200);
    expect(derive).not.toHaveBeenCalled();
    expect(deriveKey).not.toHaveBeenCalled();
  });
});

describe('JWE token length and header size', () => {
  const key = generateSecret('A128GCM');
  const DIR = { algorithms: ['dir'], encryptionAlgorithms: ['A128GCM'] } as const;

  it('maxTokenLength applies to decryptJwe (default 16384) and is configurable', async () => {
    const token = await encryptJwe('x'.repeat(100), key, { alg: 'dir', enc: 'A128GCM' });
    await decryptJwe(token, key, { ...DIR, maxTokenLength: token.length });
    await expectLimit(decryptJwe(token, key, { ...DIR, maxTokenLength: token.length - 1 }), 'ERR_JWE_INVALID', `maxTokenLength=${token.length - 1}`);
    await expectLimit(decryptJwe(`${'A'.repeat(16_385)}`, key, DIR), 'ERR_JWE_INVALID', 'maxTokenLength=16384');
  });

  it('maxHeaderBytes applies to decryptJwe (default 4096)', async () => {
    const big = `${segment({ alg: 'dir', enc: 'A128GCM', x: 'h'.repeat(4_100) })}..${b64u(new Uint8Array(12))}.${b64u('x')}.${b64u(new Uint8Array(16))}`;
    await expectLimit(decryptJwe(big, key, DIR), 'ERR_JWE_INVALID', 'maxHeaderBytes=4096');
  });
});

describe('compression (inflated size)', () => {
  it('is not supported at all: zip is refused when decrypting and when encrypting, so nothing is ever inflated', async () => {
    const key = generateSecret('A128GCM');
    const zipped = `${segment({ alg: 'dir', enc: 'A128GCM', zip: 'DEF' })}..${b64u(new Uint8Array(12))}.${b64u('x')}.${b64u(new Uint8Array(16))}`;
    await expectLimit(decryptJwe(zipped, key, { algorithms: ['dir'], encryptionAlgorithms: ['A128GCM'] }), 'ERR_JOSE_NOT_SUPPORTED', /zip/);
    await expectLimit(encryptJwe('x', key, { alg: 'dir', enc: 'A128GCM', header: { zip: 'DEF' } }), 'ERR_JOSE_INVALID_OPTION', /zip/);
  });
});
