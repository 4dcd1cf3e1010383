/**
 * Decrypting for one recipient, shared by the compact and the JSON serializations: each candidate
 * key unwraps the CEK; when unwrapping fails the decryption goes on with a random CEK (RFC 7516
 * §11.5), so that a bad wrapped key and a bad ciphertext take the same steps and end the same way
 * (undefined here, the one ERR_JWE_DECRYPTION_FAILED for the caller).
 */
import { JoseError } from '../lib/errors.js';
import type { Key } from '../jwk/key.js';
import { algorithmInfo, type JweContentAlgorithm, type JweKeyAlgorithm } from '../lib/algorithms.js';
import type { BackendName } from '../lib/backends/types.js';
import { randomBytes } from '../lib/backends/runtime.js';
import { jweCrypto } from './backends/select.js';
import { cekBytes, decryptContent } from './content/index.js';
import { invalidJwe } from './errors.js';
import { preferEpkCurve } from './keymgmt/ecdh-es.js';
import { hasEmptyEncryptedKey, unwrapCek } from './keymgmt/index.js';
import type { KeyManagementParams } from './keymgmt/params.js';
import { inflatePlaintext } from './zip.js';

/** The parts every recipient shares (RFC 7516 §7.2.1): IV, ciphertext, tag and the AAD. */
export interface SharedContent {
  readonly iv: Uint8Array;
  readonly ciphertext: Uint8Array;
  readonly tag: Uint8Array;
  /** ASCII(BASE64URL(protected)), followed by '.' BASE64URL(aad) when the JSON `aad` is present (§5.1 step 14). */
  readonly aad: Uint8Array;
}

/** One recipient: its checked algorithms, their header parameters and its encrypted key. */
export interface RecipientAttempt {
  readonly alg: JweKeyAlgorithm;
  readonly enc: JweContentAlgorithm;
  readonly params: KeyManagementParams;
  readonly encryptedKey: Uint8Array;
}

/** `dir` and `ECDH-ES` carry no encrypted key (RFC 7518 §4.5-4.6); anything there is malformed. */
export function checkEncryptedKey(alg: JweKeyAlgorithm, encryptedKey: Uint8Array): void {
  if (hasEmptyEncryptedKey(alg) && encryptedKey.length !== 0) {
    throw invalidJwe(`a JWE with alg ${alg} must have an empty encrypted key`, 'RFC 7518 §4.5-4.6: the CEK is the shared or agreed key', 'encrypted_key');
  }
}

/** The plaintext and the key that decrypted it, or undefined when no candidate key did. */
export async function tryRecipient(
  backend: BackendName | undefined,
  attempt: RecipientAttempt,
  candidates: readonly Key[],
  content: SharedContent,
): Promise<{ plaintext: Uint8Array; key: Key } | undefined> {
  const { alg, enc, params, encryptedKey } = attempt;
  const crypto = jweCrypto(backend, algorithmInfo(alg)!.family === 'RSA-OAEP', alg);
  const size = cekBytes(enc);
  for (const key of preferEpkCurve(candidates, params.epk)) {
    let cek = await unwrapCek({ crypto, alg, enc, key, cekBytes: size, encryptedKey, params });
    if (cek === undefined || cek.length !== size) cek = randomBytes(size);
    try {
      const plaintext = await decryptContent(crypto, enc, cek, content.iv, content.ciphertext, content.tag, content.aad);
      return { plaintext, key };
    } catch (err) {
      if (!(err instanceof JoseError && err.code === 'ERR_JWE_DECRYPTION_FAILED')) throw err;
    }
  }
  return undefined;
}

/** The limits decompression needs; `zip` was allowed (or refused) by the header check. */
export interface ZipPolicy { readonly maxDecompressedBytes: number }

/** Inflate the authenticated plaintext when the protected header says `zip: "DEF"`. */
export function finishPlaintext(plaintext: Uint8Array, protectedHeader: Readonly<Record<string, unknown>>, policy: ZipPolicy): Promise<Uint8Array> | Uint8Array {
  return protectedHeader['zip'] === 'DEF' ? inflatePlaintext(plaintext, policy.maxDecompressedBytes) : plaintext;
}
