/**
 * No padding oracle (RFC 7516 §11.4-11.5, RFC 7518 §5.2.2.2): every decryption failure is the
 * same ERR_JWE_DECRYPTION_FAILED with the same message and hint and no cause; the CBC-HMAC tag
 * is checked at full length before any AES decryption; a failed key unwrap goes on with a random
 * CEK instead of failing early.
 */
import { constants, createCipheriv, createHmac, createPublicKey, publicEncrypt, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { JoseError } from '../../src/errors.js';
import { nodeJweCrypto } from '../../src/jwe/backends/node.js';
import { cbcHmacDecrypt, cbcHmacEncrypt } from '../../src/jwe/content/cbc-hmac.js';
import { decryptJwe } from '../../src/jwe/decrypt.js';
import { encryptJwe } from '../../src/jwe/encrypt.js';
import { importSecret } from '../../src/jwk/import-secret.js';
import type { JweContentAlgorithm, JweKeyAlgorithm } from '../../src/lib/algorithms.js';
import { flipBit, rejection, withSegment } from './helpers.js';
import { keysFor, pairFor } from './keys.js';

const b64u = (b: Uint8Array | Buffer): string => Buffer.from(b).toString('base64url');
const opts = (alg: JweKeyAlgorithm, enc: JweContentAlgorithm) => ({ algorithms: [alg], encryptionAlgorithms: [enc], backend: 'node' as const });

afterEach(() => {
  vi.restoreAllMocks();
});

/** A dir + A128CBC-HS256 JWE whose tag is valid but whose CBC padding is not. */
function badPaddingToken(k: Uint8Array): string {
  const protectedB64u = b64u(Buffer.from(JSON.stringify({ alg: 'dir', enc: 'A128CBC-HS256' })));
  const iv = randomBytes(16);
  const c = createCipheriv('aes-128-cbc', k.subarray(16), iv).setAutoPadding(false);
  const block = Buffer.alloc(16, 0x41);
  block[15] = 0x00; // a final byte of 0 is never valid PKCS#7 padding
  const e = Buffer.concat([c.update(block), c.final()]);
  const aad = Buffer.from(protectedB64u, 'ascii');
  const al = Buffer.alloc(8);
  al.writeBigUInt64BE(BigInt(aad.length * 8));
  const t = createHmac('sha256', k.subarray(0, 16)).update(Buffer.concat([aad, iv, e, al])).digest().subarray(0, 16);
  return [protectedB64u, '', b64u(iv), b64u(e), b64u(t)].join('.');
}

describe('one indistinguishable error for every decryption failure', () => {
  it('wrong key, bad OAEP, wrong CEK length, AES-KW integrity, bad tag, bad padding, wrong IV length', async () => {
    const rsa = pairFor('rsa', 'RSA-OAEP-256');
    const good = await encryptJwe('hello', rsa.publicKey, { alg: 'RSA-OAEP-256', enc: 'A128CBC-HS256' });
    const otherRsa = pairFor('rsa-2', 'RSA-OAEP-256');
    const kw = keysFor('A128KW', 'A128CBC-HS256');
    const kwToken = await encryptJwe('hello', kw.encryptKey, { alg: 'A128KW', enc: 'A128CBC-HS256' });
    const dirSecret = new Uint8Array(randomBytes(32));
    const dirKey = importSecret(dirSecret, { alg: 'A128CBC-HS256' });
    const wrongDirKey = importSecret(new Uint8Array(randomBytes(32)), { alg: 'A128CBC-HS256' });
    const dirToken = await encryptJwe('hello', dirKey, { alg: 'dir', enc: 'A128CBC-HS256' });
    // An RSA-OAEP-256 encrypted key holding a 16-byte CEK where A128CBC-HS256 needs 32.
    const shortCek = publicEncrypt({ key: createPublicKey({ key: rsa.publicJwk as never, format: 'jwk' }), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, randomBytes(16));

    const failures: Array<[string, Promise<unknown>]> = [
      ['wrong RSA key', decryptJwe(good, otherRsa.privateKey, opts('RSA-OAEP-256', 'A128CBC-HS256'))],
      ['bad OAEP (encrypted key altered)', decryptJwe(flipBit(good, 1, 5), rsa.privateKey, opts('RSA-OAEP-256', 'A128CBC-HS256'))],
      ['wrong CEK length after unwrap', decryptJwe(withSegment(good, 1, b64u(shortCek)), rsa.privateKey, opts('RSA-OAEP-256', 'A128CBC-HS256'))],
      ['AES-KW integrity failure', decryptJwe(flipBit(kwToken, 1, 3), kw.decryptKey, opts('A128KW', 'A128CBC-HS256'))],
      ['bad tag (last byte)', decryptJwe(flipBit(good, 4, -1), rsa.privateKey, opts('RSA-OAEP-256', 'A128CBC-HS256'))],
      ['altered ciphertext', decryptJwe(flipBit(good, 3, 0), rsa.privateKey, opts('RSA-OAEP-256', 'A128CBC-HS256'))],
      ['altered IV', decryptJwe(flipBit(good, 2, 0), rsa.privateKey, opts('RSA-OAEP-256', 'A128CBC-HS256'))],
      ['wrong IV length', decryptJwe(withSegment(good, 2, b64u(randomBytes(12))), rsa.privateKey, opts('RSA-OAEP-256', 'A128CBC-HS256'))],
      ['short tag', decryptJwe(withSegment(good, 4, b64u(Buffer.from(good.split('.')[4]!, 'base64url').subarray(0, 8))), rsa.privateKey, opts('RSA-OAEP-256', 'A128CBC-HS256'))],
      ['wrong dir key', decryptJwe(dirToken, wrongDirKey, opts('dir', 'A128CBC-HS256'))],
      ['bad CBC padding after a good tag', decryptJwe(badPaddingToken(dirSecret), dirKey, opts('dir', 'A128CBC-HS256'))],
    ];
    const errors: JoseError[] = [];
    for (const [, p] of failures) errors.push(await rejection(p));
    const first = errors[0]!;
    expect(first.code).toBe('ERR_JWE_DECRYPTION_FAILED');
    for (const [i, err] of errors.entries()) {
      const what = failures[i]![0];
      expect({ what, code: err.code, message: err.message, hint: err.hint, reason: err.reason, cause: err.cause })
        .toEqual({ what, code: first.code, message: first.message, hint: first.hint, reason: undefined, cause: undefined });
      expect(JSON.stringify(err)).toBe(JSON.stringify(first));
    }
  });
});

describe('CBC-HMAC: the full tag first, in constant time, before any decryption', () => {
  const k = new Uint8Array(randomBytes(32));
  const iv = new Uint8Array(randomBytes(16));
  const aad = new TextEncoder().encode('header');
  const p = new TextEncoder().encode('attack at dawn, bring snacks');

  it('a bad tag never reaches AES-CBC decryption', async () => {
    const { ciphertext, tag } = await cbcHmacEncrypt(nodeJweCrypto, 'A128CBC-HS256', k, iv, p, aad);
    // node:crypto's synchronous primitive is the one a decryption runs (cbcHmacNow).
    const spy = vi.spyOn(nodeJweCrypto.cbcHmacNow!, 'aesCbcDecrypt');
    const bad = tag.slice();
    bad[15]! ^= 1;
    const err = await rejection(cbcHmacDecrypt(nodeJweCrypto, 'A128CBC-HS256', k, iv, ciphertext, bad, aad));
    expect(err.code).toBe('ERR_JWE_DECRYPTION_FAILED');
    expect(spy).not.toHaveBeenCalled();
    await cbcHmacDecrypt(nodeJweCrypto, 'A128CBC-HS256', k, iv, ciphertext, tag, aad);
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('refuses a truncated tag and a tag with extra bytes, even when they start with the right bytes', async () => {
    const { ciphertext, tag } = await cbcHmacEncrypt(nodeJweCrypto, 'A128CBC-HS256', k, iv, p, aad);
    const full = (await nodeJweCrypto.hmac('SHA-256', k.subarray(0, 16), new Uint8Array(0))).length;
    expect(full).toBe(32);
    for (const t of [tag.slice(0, 8), tag.slice(0, 15), new Uint8Array([...tag, 0]), new Uint8Array(0)]) {
      expect((await rejection(cbcHmacDecrypt(nodeJweCrypto, 'A128CBC-HS256', k, iv, ciphertext, t, aad))).code).toBe('ERR_JWE_DECRYPTION_FAILED');
    }
  });

  it('the MAC covers the AAD, the IV, the ciphertext and AL', async () => {
    const { ciphertext, tag } = await cbcHmacEncrypt(nodeJweCrypto, 'A128CBC-HS256', k, iv, p, aad);
    const flip = (b: Uint8Array, at: number): Uint8Array => { const c = b.slice(); c[at]! ^= 0x80; return c; };
    const cases: Array<[Uint8Array, Uint8Array, Uint8Array]> = [
      [flip(aad, 0), iv, ciphertext],
      [new Uint8Array([...aad, 0x20]), iv, ciphertext], // AL changes with the AAD length
      [aad, flip(iv, 15), ciphertext],
      [aad, iv, flip(ciphertext, ciphertext.length - 1)],
    ];
    for (const [a, v, c] of cases) {
      expect((await rejection(cbcHmacDecrypt(nodeJweCrypto, 'A128CBC-HS256', k, v, c, tag, a))).code).toBe('ERR_JWE_DECRYPTION_FAILED');
    }
  });
});

describe('a failed key unwrap continues with a random CEK (RFC 7516 §11.5)', () => {
  it('bad OAEP padding still runs the content MAC, like a bad tag does', async () => {
    const rsa = pairFor('rsa', 'RSA-OAEP');
    const token = await encryptJwe('x', rsa.publicKey, { alg: 'RSA-OAEP', enc: 'A128CBC-HS256', backend: 'node' });
    const hmac = vi.spyOn(nodeJweCrypto.cbcHmacNow!, 'hmac');
    await rejection(decryptJwe(flipBit(token, 1, 0), rsa.privateKey, opts('RSA-OAEP', 'A128CBC-HS256')));
    expect(hmac).toHaveBeenCalledTimes(1);
  });

  it('an AES-KW integrity failure still runs the content MAC', async () => {
    const kw = keysFor('A256KW', 'A256CBC-HS512');
    const token = await encryptJwe('x', kw.encryptKey, { alg: 'A256KW', enc: 'A256CBC-HS512', backend: 'node' });
    const hmac = vi.spyOn(nodeJweCrypto.cbcHmacNow!, 'hmac');
    await rejection(decryptJwe(flipBit(token, 1, 0), kw.decryptKey, opts('A256KW', 'A256CBC-HS512')));
    expect(hmac).toHaveBeenCalledTimes(1);
  });
});

describe('AES-GCM: 96-bit IV and 128-bit tag only', () => {
  it('refuses a correctly encrypted token whose IV is not 96 bits', async () => {
    const k = randomBytes(32);
    const key = importSecret(new Uint8Array(k), { alg: 'A256GCM' });
    const protectedB64u = b64u(Buffer.from(JSON.stringify({ alg: 'dir', enc: 'A256GCM' })));
    for (const ivBytes of [16, 8]) {
      const iv = randomBytes(ivBytes);
      const c = createCipheriv('aes-256-gcm', k, iv, { authTagLength: 16 });
      c.setAAD(Buffer.from(protectedB64u, 'ascii'));
      const ct = Buffer.concat([c.update('long IV'), c.final()]);
      const token = [protectedB64u, '', b64u(iv), b64u(ct), b64u(c.getAuthTag())].join('.');
      for (const backend of ['node', 'webcrypto', 'noble'] as const) {
        const err = await rejection(decryptJwe(token, key, { algorithms: ['dir'], encryptionAlgorithms: ['A256GCM'], backend }));
        expect(err.code).toBe('ERR_JWE_DECRYPTION_FAILED');
      }
    }
  });

  it('refuses other IV and tag lengths with the one decryption error', async () => {
    const { encryptKey, decryptKey } = keysFor('dir', 'A256GCM');
    const token = await encryptJwe('hello', encryptKey, { alg: 'dir', enc: 'A256GCM' });
    const o = { algorithms: ['dir'] as const, encryptionAlgorithms: ['A256GCM'] as const };
    for (const bad of [
      withSegment(token, 2, b64u(randomBytes(16))),
      withSegment(token, 2, b64u(randomBytes(8))),
      withSegment(token, 4, b64u(Buffer.from(token.split('.')[4]!, 'base64url').subarray(0, 12))),
      withSegment(token, 4, b64u(Buffer.concat([Buffer.from(token.split('.')[4]!, 'base64url'), Buffer.alloc(1)]))),
    ]) {
      expect((await rejection(decryptJwe(bad, decryptKey, { ...o, algorithms: [...o.algorithms], encryptionAlgorithms: [...o.encryptionAlgorithms] }))).code).toBe('ERR_JWE_DECRYPTION_FAILED');
    }
  });
});
