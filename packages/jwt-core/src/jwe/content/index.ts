/** Dispatch over the content-encryption algorithms (RFC 7518 §5.1). */
import type { JweContentAlgorithm } from '../../lib/algorithms.js';
import { randomBytes } from '../../lib/backends/runtime.js';
import type { JweCrypto } from '../backends/types.js';
import { CBC_HMAC, CBC_IV_BYTES, cbcHmacDecrypt, cbcHmacEncrypt, type CbcHmacEnc } from './cbc-hmac.js';
import { GCM_IV_BYTES, GCM_KEY_BYTES, gcmDecrypt, gcmEncrypt, type GcmEnc } from './gcm.js';

const isCbc = (enc: JweContentAlgorithm): enc is CbcHmacEnc => Object.hasOwn(CBC_HMAC, enc);

/** CEK bytes `enc` needs. */
export function cekBytes(enc: JweContentAlgorithm): number {
  return isCbc(enc) ? CBC_HMAC[enc].cekBytes : GCM_KEY_BYTES[enc as GcmEnc];
}

/** IV bytes `enc` needs. */
export function ivBytes(enc: JweContentAlgorithm): number {
  return isCbc(enc) ? CBC_IV_BYTES : GCM_IV_BYTES;
}

/** Encrypt with a fresh random IV; returns the IV, ciphertext and tag. */
export async function encryptContent(crypto: JweCrypto, enc: JweContentAlgorithm, cek: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Promise<{ iv: Uint8Array; ciphertext: Uint8Array; tag: Uint8Array }> {
  const iv = randomBytes(ivBytes(enc));
  const out = isCbc(enc)
    ? await cbcHmacEncrypt(crypto, enc, cek, iv, plaintext, aad)
    : await gcmEncrypt(crypto, enc as GcmEnc, cek, iv, plaintext, aad);
  return { iv, ...out };
}

/** Decrypt and authenticate; every failure is the one ERR_JWE_DECRYPTION_FAILED. */
export function decryptContent(crypto: JweCrypto, enc: JweContentAlgorithm, cek: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array, tag: Uint8Array, aad: Uint8Array): Promise<Uint8Array> {
  return isCbc(enc)
    ? cbcHmacDecrypt(crypto, enc, cek, iv, ciphertext, tag, aad)
    : gcmDecrypt(crypto, enc as GcmEnc, cek, iv, ciphertext, tag, aad);
}
