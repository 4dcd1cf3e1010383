/**
 * AES-GCM content encryption (RFC 7518 §5.3): A128GCM, A192GCM, A256GCM, with a 96-bit IV and a
 * 128-bit tag only. Other IV sizes are refused: JOSE never uses them, and non-96-bit IVs go
 * through GHASH, whose misuse leaks the authentication key (Wycheproof "LongIv"/"SmallIv").
 */
import type { JweCrypto } from '../backends/types.js';
import { decryptionFailed } from '../errors.js';

export type GcmEnc = 'A128GCM' | 'A192GCM' | 'A256GCM';
export const GCM_KEY_BYTES: Readonly<Record<GcmEnc, number>> = { A128GCM: 16, A192GCM: 24, A256GCM: 32 };
export const GCM_IV_BYTES = 12;
export const GCM_TAG_BYTES = 16;

/** Encrypt; the caller supplies a fresh random 96-bit IV and CEK. */
export async function gcmEncrypt(crypto: JweCrypto, enc: GcmEnc, cek: Uint8Array, iv: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Promise<{ ciphertext: Uint8Array; tag: Uint8Array }> {
  if (cek.length !== GCM_KEY_BYTES[enc] || iv.length !== GCM_IV_BYTES) throw new Error(`${enc} needs a ${GCM_KEY_BYTES[enc]}-byte CEK and a 12-byte IV`);
  return crypto.gcmEncrypt(cek, iv, plaintext, aad);
}

/** Decrypt; wrong CEK, IV or tag length and a bad tag are all the one decryption error. */
export async function gcmDecrypt(crypto: JweCrypto, enc: GcmEnc, cek: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array, tag: Uint8Array, aad: Uint8Array): Promise<Uint8Array> {
  if (cek.length !== GCM_KEY_BYTES[enc] || iv.length !== GCM_IV_BYTES || tag.length !== GCM_TAG_BYTES) throw decryptionFailed();
  try {
    return await crypto.gcmDecrypt(cek, iv, ciphertext, tag, aad);
  } catch {
    throw decryptionFailed();
  }
}
