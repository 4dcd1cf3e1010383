/**
 * AES_CBC_HMAC_SHA2 content encryption (RFC 7518 §5.2): A128CBC-HS256, A192CBC-HS384,
 * A256CBC-HS512. The CEK is MAC_KEY || ENC_KEY; the tag is the first half of
 * HMAC(MAC_KEY, A || IV || E || AL), where AL is the bit length of A as a 64-bit big-endian number.
 *
 * Decryption verifies the full-length tag, in constant time, BEFORE any AES decryption
 * (§5.2.2.2): an altered ciphertext never reaches the CBC unpadding, so padding errors cannot
 * serve as an oracle. Every failure is the same ERR_JWE_DECRYPTION_FAILED.
 */
import { timingSafeEqual } from '../../lib/constant-time.js';
import { concat } from '../../lib/utf8.js';
import type { JweCrypto } from '../backends/types.js';
import { decryptionFailed } from '../errors.js';

export type CbcHmacEnc = 'A128CBC-HS256' | 'A192CBC-HS384' | 'A256CBC-HS512';

/** Per enc: CEK bytes (MAC_KEY and ENC_KEY halves), HMAC hash and tag bytes (T_LEN, §5.2.3-5.2.5). */
export const CBC_HMAC: Readonly<Record<CbcHmacEnc, { cekBytes: number; hash: 'SHA-256' | 'SHA-384' | 'SHA-512'; tagBytes: number }>> = {
  'A128CBC-HS256': { cekBytes: 32, hash: 'SHA-256', tagBytes: 16 },
  'A192CBC-HS384': { cekBytes: 48, hash: 'SHA-384', tagBytes: 24 },
  'A256CBC-HS512': { cekBytes: 64, hash: 'SHA-512', tagBytes: 32 },
};
export const CBC_IV_BYTES = 16;

/** AL: the number of bits in A, as a 64-bit big-endian integer (§5.2.2.1 step 4). */
function aadLength(aad: Uint8Array): Uint8Array {
  const al = new Uint8Array(8);
  const bits = aad.length * 8;
  const high = Math.floor(bits / 2 ** 32);
  const low = bits >>> 0;
  al[0] = high >>> 24; al[1] = (high >>> 16) & 0xff; al[2] = (high >>> 8) & 0xff; al[3] = high & 0xff;
  al[4] = low >>> 24; al[5] = (low >>> 16) & 0xff; al[6] = (low >>> 8) & 0xff; al[7] = low & 0xff;
  return al;
}

async function tag(crypto: JweCrypto, enc: CbcHmacEnc, macKey: Uint8Array, aad: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Promise<Uint8Array> {
  const { hash, tagBytes } = CBC_HMAC[enc];
  const m = await crypto.hmac(hash, macKey, concat(aad, iv, ciphertext, aadLength(aad)));
  return m.slice(0, tagBytes);
}

/** Encrypt `plaintext` (§5.2.2.1). The caller supplies a fresh random IV and CEK. */
export async function cbcHmacEncrypt(crypto: JweCrypto, enc: CbcHmacEnc, cek: Uint8Array, iv: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Promise<{ ciphertext: Uint8Array; tag: Uint8Array }> {
  const { cekBytes } = CBC_HMAC[enc];
  if (cek.length !== cekBytes || iv.length !== CBC_IV_BYTES) throw new Error(`${enc} needs a ${cekBytes}-byte CEK and a 16-byte IV`);
  const half = cekBytes / 2;
  const ciphertext = await crypto.aesCbcEncrypt(cek.subarray(half), iv, plaintext);
  return { ciphertext, tag: await tag(crypto, enc, cek.subarray(0, half), aad, iv, ciphertext) };
}

/**
 * Decrypt (§5.2.2.2): lengths first (CEK, IV, tag: all public), then the full tag in constant
 * time, and only then AES-CBC. Rejects with the one decryption error on any failure. With a
 * backend's synchronous primitives (node:crypto) the same steps run without a promise per step.
 */
export function cbcHmacDecrypt(crypto: JweCrypto, enc: CbcHmacEnc, cek: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array, receivedTag: Uint8Array, aad: Uint8Array): Promise<Uint8Array> {
  const { cekBytes, tagBytes, hash } = CBC_HMAC[enc];
  if (cek.length !== cekBytes || iv.length !== CBC_IV_BYTES || receivedTag.length !== tagBytes) return Promise.reject(decryptionFailed());
  const now = crypto.cbcHmacNow;
  if (now === undefined) return decryptAsync(crypto, enc, cek, iv, ciphertext, receivedTag, aad);
  const half = cekBytes / 2;
  let expected: Uint8Array;
  try {
    // HMAC(MAC_KEY, A || IV || E || AL), fed part by part: the same MAC without a concatenated copy.
    expected = now.hmac(hash, cek.subarray(0, half), [aad, iv, ciphertext, aadLength(aad)]).subarray(0, tagBytes);
  } catch (err) {
    return Promise.reject(err);
  }
  if (!timingSafeEqual(expected, receivedTag)) return Promise.reject(decryptionFailed());
  try {
    return Promise.resolve(now.aesCbcDecrypt(cek.subarray(half), iv, ciphertext));
  } catch {
    return Promise.reject(decryptionFailed());
  }
}

async function decryptAsync(crypto: JweCrypto, enc: CbcHmacEnc, cek: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array, receivedTag: Uint8Array, aad: Uint8Array): Promise<Uint8Array> {
  const half = CBC_HMAC[enc].cekBytes / 2;
  const expected = await tag(crypto, enc, cek.subarray(0, half), aad, iv, ciphertext);
  if (!timingSafeEqual(expected, receivedTag)) throw decryptionFailed();
  try {
    return await crypto.aesCbcDecrypt(cek.subarray(half), iv, ciphertext);
  } catch {
    throw decryptionFailed();
  }
}
