/**
 * `decryptJwe`, in the fixed order: parse (length bound first) -> header and `crit` -> alg/enc
 * allow-lists -> algorithm header parameters (bounded `p2c`) -> key selection -> decryption.
 *
 * Each candidate key unwraps the CEK; when unwrapping fails the decryption continues with a
 * random CEK (RFC 7516 §11.5), so that a bad wrapped key and a bad ciphertext end in the same
 * ERR_JWE_DECRYPTION_FAILED after the same steps.
 */
import { JoseError } from '../lib/errors.js';
import type { Key } from '../jwk/key.js';
import type { KeyInput } from '../jwks/types.js';
import { algorithmInfo } from '../lib/algorithms.js';
import { randomBytes } from '../lib/backends/runtime.js';
import { resolveKeys } from '../jwks/select.js';
import { utf8 } from '../lib/utf8.js';
import type { JoseHeader } from '../lib/types.js';
import { jweCrypto } from './backends/select.js';
import { cekBytes, decryptContent } from './content/index.js';
import { decryptionFailed, invalidJwe } from './errors.js';
import { checkJweHeader } from './header.js';
import { preferEpkCurve } from './keymgmt/ecdh-es.js';
import { hasEmptyEncryptedKey, unwrapCek } from './keymgmt/index.js';
import { parseDecryptOptions, type DecryptConfig } from './decrypt-options.js';
import { parseCompactJwe } from './parse.js';
import type { DecryptJweOptions, DecryptJweResult } from './types.js';

/** A prepared decrypter: options validated once. */
export type JweDecrypter = (token: string, keys: KeyInput, context?: unknown) => Promise<DecryptJweResult>;

/** Validate decrypt options once (ERR_JOSE_INVALID_OPTION at the call). */
export function prepareDecrypter(options: unknown, fn: string): JweDecrypter {
  return decrypterFor(parseDecryptOptions(options, fn));
}

/** The per-token pipeline for validated options. */
export function decrypterFor(config: DecryptConfig): JweDecrypter {
  return async (token, keys, context = config.context) => {
    const parsed = parseCompactJwe(token, config);
    const { alg, enc, params } = checkJweHeader(parsed.header, config);
    if (hasEmptyEncryptedKey(alg) && parsed.encryptedKey.length !== 0) {
      throw invalidJwe(`a JWE with alg ${alg} must have an empty encrypted key`, 'RFC 7518 §4.5-4.6: the CEK is the shared or agreed key', 'encrypted_key');
    }
    const header = parsed.header as JoseHeader;
    const candidates = await resolveKeys(keys, header, { use: 'enc', maxKeysTried: config.maxKeysTried, context });
    const crypto = jweCrypto(config.backend, algorithmInfo(alg)!.family === 'RSA-OAEP', alg);
    const aad = utf8(parsed.protectedB64u);
    const size = cekBytes(enc);

    const tryKey = async (key: Key): Promise<Uint8Array | undefined> => {
      let cek = await unwrapCek({ crypto, alg, enc, key, cekBytes: size, encryptedKey: parsed.encryptedKey, params });
      if (cek === undefined || cek.length !== size) cek = randomBytes(size);
      try {
        return await decryptContent(crypto, enc, cek, parsed.iv, parsed.ciphertext, parsed.tag, aad);
      } catch (err) {
        if (err instanceof JoseError && err.code === 'ERR_JWE_DECRYPTION_FAILED') return undefined;
        throw err;
      }
    };
    for (const key of preferEpkCurve(candidates, params.epk)) {
      const plaintext = await tryKey(key);
      if (plaintext !== undefined) return { header, plaintext, key };
    }
    throw decryptionFailed();
  };
}

/**
 * Decrypt a compact JWE with a key, a key set or a key resolver. Both allow-lists are required;
 * the token's header never decides which algorithms are acceptable.
 *
 * @example
 * ```ts
 * const { plaintext, header } = await decryptJwe(jwe, privateKey, {
 *   algorithms: ['RSA-OAEP-256'],
 *   encryptionAlgorithms: ['A128CBC-HS256'],
 * });
 * new TextDecoder().decode(plaintext);
 * ```
 */
export async function decryptJwe(token: string, keys: KeyInput, options: DecryptJweOptions): Promise<DecryptJweResult> {
  return prepareDecrypter(options, 'decryptJwe')(token, keys);
}
