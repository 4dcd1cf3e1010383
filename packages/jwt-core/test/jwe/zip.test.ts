/**
 * `zip: "DEF"` (RFC 7516 §4.1.3, RFC 7518 §7.3): refused unless the caller opts in; then inflated
 * after authentication, never past maxDecompressedBytes, the bound enforced while inflating (a
 * compression bomb, CVE-2024-28176, stops early). Encryption compresses only on request.
 */
import { createCipheriv, randomBytes } from 'node:crypto';
import { constants, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decryptJwe } from '../../src/jwe/decrypt.js';
import { encryptJwe } from '../../src/jwe/encrypt.js';
import { availableInflater, inflatePlaintext } from '../../src/jwe/zip.js';
import { importJwk } from '../../src/jwk/import.js';
import { importSecret } from '../../src/jwk/import-secret.js';
import { decryptJwt } from '../../src/jwt/decrypt.js';
import type { Jwk } from '../../src/lib/types.js';
import { BACKEND_NAMES, rejection, text, vectorFile } from './helpers.js';

const cookbook = vectorFile('rfc7520-cookbook/5_9.compressed_content.json').cases[0];
const cookbookKey = () => importJwk(cookbook.input.key as Jwk, { alg: 'A128KW' });
const opts = { algorithms: ['A128KW' as const], encryptionAlgorithms: ['A128GCM' as const] };

/** A dir + A128GCM JWE whose encrypted content is `content` as given (already compressed or not). */
function dirJwe(cek: Uint8Array, header: Record<string, unknown>, content: Uint8Array): string {
  const h = Buffer.from(JSON.stringify({ alg: 'dir', enc: 'A128GCM', ...header })).toString('base64url');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-128-gcm', cek, iv).setAAD(Buffer.from(h, 'ascii'));
  const ct = Buffer.concat([cipher.update(content), cipher.final()]);
  return [h, '', iv.toString('base64url'), ct.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

describe('zip: "DEF" on decrypt', () => {
  for (const backend of BACKEND_NAMES) {
    it(`RFC 7520 §5.9 decrypts and inflates with { zip: true } on ${backend}`, async () => {
      const out = await decryptJwe(cookbook.expected.compact, cookbookKey(), { ...opts, zip: true, backend });
      expect(text(out.plaintext)).toBe(cookbook.input.plaintext);
      expect(out.header['zip']).toBe('DEF');
    });
  }

  it('is refused without the option, with the option named in the hint', async () => {
    const err = await rejection(decryptJwe(cookbook.expected.compact, cookbookKey(), opts));
    expect(err).toMatchObject({ code: 'ERR_JOSE_NOT_SUPPORTED', reason: 'zip' });
    expect(err.hint).toMatch(/zip: true/);
  });

  it('only DEF is accepted, and only a boolean option', async () => {
    const cek = randomBytes(16);
    const key = importSecret(cek, { alg: 'A128GCM' });
    const err = await rejection(decryptJwe(dirJwe(cek, { zip: 'GZIP' }, deflateRawSync('x')), key, { algorithms: ['dir'], encryptionAlgorithms: ['A128GCM'], zip: true }));
    expect(err).toMatchObject({ code: 'ERR_JOSE_NOT_SUPPORTED', reason: 'zip' });
    const bad = await rejection(decryptJwe('x', key, { algorithms: ['dir'], encryptionAlgorithms: ['A128GCM'], zip: 'yes' as never }));
    expect(bad.code).toBe('ERR_JOSE_INVALID_OPTION');
  });

  it('authenticated content that is not raw DEFLATE is ERR_JWE_INVALID (reason zip), not returned compressed or raw', async () => {
    const cek = randomBytes(16);
    const key = importSecret(cek, { alg: 'A128GCM' });
    const err = await rejection(decryptJwe(dirJwe(cek, { zip: 'DEF' }, Buffer.from('plain, never compressed')), key, { algorithms: ['dir'], encryptionAlgorithms: ['A128GCM'], zip: true }));
    expect(err).toMatchObject({ code: 'ERR_JWE_INVALID', reason: 'zip' });
  });

  it('a tampered zip token fails authentication first: nothing is inflated before the tag is checked', async () => {
    const cek = randomBytes(16);
    const key = importSecret(cek, { alg: 'A128GCM' });
    const parts = dirJwe(cek, { zip: 'DEF' }, deflateRawSync(Buffer.alloc(10_000_000))).split('.');
    parts[4] = Buffer.alloc(16).toString('base64url');
    const err = await rejection(decryptJwe(parts.join('.'), key, { algorithms: ['dir'], encryptionAlgorithms: ['A128GCM'], zip: true, maxTokenLength: 100_000 }));
    expect(err.code).toBe('ERR_JWE_DECRYPTION_FAILED');
  });

  it('a 100 MB bomb (100 KB of DEFLATE) is refused at maxDecompressedBytes, fast and without holding the output', async () => {
    const cek = randomBytes(16);
    const key = importSecret(cek, { alg: 'A128GCM' });
    const bomb = deflateRawSync(Buffer.alloc(100 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(110_000);
    const token = dirJwe(cek, { zip: 'DEF' }, bomb);
    const before = process.memoryUsage();
    const start = performance.now();
    const err = await rejection(decryptJwe(token, key, { algorithms: ['dir'], encryptionAlgorithms: ['A128GCM'], zip: true, maxTokenLength: 200_000 }));
    const elapsed = performance.now() - start;
    const after = process.memoryUsage();
    expect(err).toMatchObject({ code: 'ERR_JWE_INVALID', reason: 'decompressed-size', limit: 'maxDecompressedBytes=262144' });
    expect(err.message).not.toContain(token.slice(0, 40));
    // Inflating all of it takes far longer and 100 MB; the refusal stops after ~256 KiB.
    expect(elapsed).toBeLessThan(2_000);
    expect(after.arrayBuffers + after.heapUsed - before.arrayBuffers - before.heapUsed).toBeLessThan(40 * 1024 * 1024);
  });

  it('maxDecompressedBytes is the exact bound: a plaintext of that size passes, one byte more is refused', async () => {
    const cek = randomBytes(16);
    const key = importSecret(cek, { alg: 'A128GCM' });
    const o = { algorithms: ['dir' as const], encryptionAlgorithms: ['A128GCM' as const], zip: true, maxDecompressedBytes: 5000 };
    const exact = await decryptJwe(dirJwe(cek, { zip: 'DEF' }, deflateRawSync(Buffer.alloc(5000, 7))), key, o);
    expect(exact.plaintext.length).toBe(5000);
    const over = await rejection(decryptJwe(dirJwe(cek, { zip: 'DEF' }, deflateRawSync(Buffer.alloc(5001, 7))), key, o));
    expect(over.reason).toBe('decompressed-size');
  });
});

describe('inflatePlaintext: the native stream and the JavaScript inflater agree', () => {
  it(`uses the native DecompressionStream here (${availableInflater()})`, () => {
    expect(availableInflater()).toBe('native');
  });

  it('javascript: decodes what zlib makes with every block type (stored, fixed, dynamic Huffman) like zlib', async () => {
    const samples = [new Uint8Array(0), randomBytes(70_000), Buffer.from('abc'.repeat(30_000)), Buffer.from(cookbook.input.plaintext)];
    const settings = [{ level: 0 }, { level: 1 }, { level: 9 }, { strategy: constants.Z_FIXED }, { strategy: constants.Z_HUFFMAN_ONLY }, { strategy: constants.Z_RLE }];
    for (const sample of samples) {
      for (const setting of settings) {
        const out = await inflatePlaintext(deflateRawSync(sample, setting), 1_000_000, 'javascript');
        expect(Buffer.from(out).equals(Buffer.from(sample)), JSON.stringify(setting)).toBe(true);
      }
    }
  });

  for (const inflater of ['native', 'javascript'] as const) {
    it(`${inflater}: stops a bomb at the bound and refuses malformed data the same way`, async () => {
      const bomb = deflateRawSync(Buffer.alloc(50 * 1024 * 1024));
      expect((await rejection(inflatePlaintext(bomb, 100_000, inflater))).reason).toBe('decompressed-size');
      const truncated = deflateRawSync(randomBytes(5000)).subarray(0, 3000);
      expect((await rejection(inflatePlaintext(truncated, 100_000, inflater))).reason).toBe('zip');
      expect((await rejection(inflatePlaintext(Uint8Array.of(0xff, 0xff, 0xff), 100_000, inflater))).reason).toBe('zip');
    });
  }
});

describe('zip on encrypt (opt-in)', () => {
  it('compresses with { zip: "DEF" }: a smaller token, zip in the protected header, and a round trip', async () => {
    const key = importSecret(randomBytes(32), { alg: 'A256GCM' });
    const plaintext = JSON.stringify({ sub: 'user', roles: Array.from({ length: 200 }, () => 'reader') });
    const zipped = await encryptJwe(plaintext, key, { alg: 'dir', enc: 'A256GCM', zip: 'DEF' });
    const plain = await encryptJwe(plaintext, key, { alg: 'dir', enc: 'A256GCM' });
    expect(zipped.length).toBeLessThan(plain.length / 4);
    expect(JSON.parse(Buffer.from(zipped.split('.')[0]!, 'base64url').toString())).toMatchObject({ zip: 'DEF' });
    const out = await decryptJwe(zipped, key, { algorithms: ['dir'], encryptionAlgorithms: ['A256GCM'], zip: true });
    expect(text(out.plaintext)).toBe(plaintext);
    expect((await rejection(decryptJwe(zipped, key, { algorithms: ['dir'], encryptionAlgorithms: ['A256GCM'] }))).reason).toBe('zip');
  });

  it('refuses any other zip value and zip through the header option', async () => {
    const key = importSecret(randomBytes(32), { alg: 'A256GCM' });
    expect((await rejection(encryptJwe('x', key, { alg: 'dir', enc: 'A256GCM', zip: 'GZIP' as 'DEF' }))).code).toBe('ERR_JOSE_INVALID_OPTION');
    const viaHeader = await rejection(encryptJwe('x', key, { alg: 'dir', enc: 'A256GCM', header: { zip: 'DEF' } }));
    expect(viaHeader.code).toBe('ERR_JOSE_INVALID_OPTION');
    expect(viaHeader.hint).toMatch(/zip: 'DEF'/);
  });
});

describe('zip through decryptJwt', () => {
  it('a compressed encrypted JWT decrypts with { zip: true } and its claims are checked; without it, refused', async () => {
    const key = importSecret(randomBytes(32), { alg: 'A256GCM' });
    const now = Math.floor(Date.now() / 1000);
    const token = await encryptJwe(JSON.stringify({ sub: 'zipped', exp: now + 60 }), key, { alg: 'dir', enc: 'A256GCM', zip: 'DEF' });
    const options = { algorithms: ['dir' as const], encryptionAlgorithms: ['A256GCM' as const] };
    expect((await decryptJwt(token, key, { ...options, zip: true, maxDecompressedBytes: 1024 })).payload.sub).toBe('zipped');
    expect((await rejection(decryptJwt(token, key, options))).reason).toBe('zip');
    const expired = await encryptJwe(JSON.stringify({ sub: 'zipped', exp: now - 600 }), key, { alg: 'dir', enc: 'A256GCM', zip: 'DEF' });
    expect((await rejection(decryptJwt(expired, key, { ...options, zip: true }))).code).toBe('ERR_JWT_EXPIRED');
  });
});
