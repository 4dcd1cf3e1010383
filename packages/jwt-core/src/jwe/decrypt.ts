/**
 * `decryptJwe`, in the fixed order: parse (length bound first) -> header and `crit` -> alg/enc
 * allow-lists -> algorithm header parameters (bounded `p2c`) -> key selection -> decryption.
 *
 * Each candidate key unwraps the CEK; when unwrapping fails the decryption continues with a
 * random CEK (RFC 7516 §11.5), so that a bad wrapped key and a bad ciphertext end in the same
 * ERR_JWE_DECRYPTION_FAILED after the same steps (recipient.ts). A `zip: "DEF"` plaintext, when
 * the caller allowed it, is inflated after authentication within `maxDecompressedBytes` (zip.ts).
 */
import type { KeyInput } from '../jwks/types.js';
import { resolveKeys } from '../jwks/select.js';
import { utf8 } from '../lib/utf8.js';
import type { JoseHeader } from '../lib/types.js';
import { decryptionFailed } from './errors.js';
import { checkJweHeader } from './header.js';
import { parseDecryptOptions, type DecryptConfig } from './decrypt-options.js';
import { parseCompactJwe } from './parse.js';
import { checkEncryptedKey, finishPlaintext, tryRecipient } from './recipient.js';
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
    checkEncryptedKey(alg, parsed.encryptedKey);
    const header = parsed.header as JoseHeader;
    const candidates = await resolveKeys(keys, header, { use: 'enc', maxKeysTried: config.maxKeysTried, context });
    const found = await tryRecipient(config.backend, { alg, enc, params, encryptedKey: parsed.encryptedKey }, candidates, {
      iv: parsed.iv, ciphertext: parsed.ciphertext, tag: parsed.tag, aad: utf8(parsed.protectedB64u),
    });
    if (found === undefined) throw decryptionFailed();
    // Only an authenticated plaintext is inflated (RFC 7516 §5.2 step 17), within the bound.
    return { header, plaintext: await finishPlaintext(found.plaintext, parsed.header, config), key: found.key };
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
