/**
 * `encryptJweJson`: the general and flattened JSON serializations (RFC 7516 §5.1, §7.2). One CEK
 * and IV for the content, the CEK wrapped once per recipient. With one recipient, `alg` and the
 * algorithm's parameters go in the protected header, as in compact; with several, in each
 * recipient's header (they cannot be protected per recipient), and `enc` and `zip` stay protected.
 */
import { invalidOption } from '../../lib/errors.js';
import { algorithmInfo } from '../../lib/algorithms.js';
import { randomBytes } from '../../lib/backends/runtime.js';
import { encodeBase64url } from '../../lib/base64url.js';
import { describeValue } from '../../lib/describe.js';
import { asciiBytes, utf8 } from '../../lib/utf8.js';
import { jweCrypto } from '../backends/select.js';
import { cekBytes, encryptContent } from '../content/index.js';
import { wrapCek } from '../keymgmt/index.js';
import type { Wrapped } from '../keymgmt/types.js';
import { deflatePlaintext } from '../zip.js';
import { parseJsonEncryptOptions, type JsonEncryptConfig, type RecipientConfig } from './encrypt-options.js';
import { firstDuplicate } from './headers.js';
import type { EncryptJweJsonOptions, FlattenedJwe, GeneralJwe, JweJsonRecipient, JweJsonRecipientMember } from './types.js';

const hasKid = (...headers: Array<Record<string, unknown> | undefined>): boolean => headers.some((h) => h !== undefined && Object.hasOwn(h, 'kid'));

function wrap(config: JsonEncryptConfig, r: RecipientConfig, cek: Uint8Array | undefined): Promise<Wrapped> {
  const crypto = jweCrypto(config.backend, algorithmInfo(r.alg)!.family === 'RSA-OAEP', r.alg);
  return wrapCek({ crypto, alg: r.alg, enc: config.enc, key: r.key, cekBytes: cekBytes(config.enc), p2c: r.p2c, apu: r.apu, apv: r.apv, ...(cek === undefined ? {} : { cek }) });
}

/** Validate once; each call makes a new CEK, IV and wrapped keys. */
export function prepareJsonEncrypter(recipients: unknown, options: unknown): (plaintext: Uint8Array | string) => Promise<GeneralJwe | FlattenedJwe> {
  const config = parseJsonEncryptOptions(recipients, options);
  const single = config.recipients.length === 1;
  return async (plaintext) => {
    if (typeof plaintext !== 'string' && !(plaintext instanceof Uint8Array)) throw invalidOption(`plaintext must be a string or a Uint8Array, got ${describeValue(plaintext)}`, 'serialise objects first, e.g. JSON.stringify(data)');
    // One recipient: its wrap makes the CEK (dir, ECDH-ES included). Several: one random CEK, wrapped for each.
    const shared = single ? undefined : randomBytes(cekBytes(config.enc));
    const wrapped = await Promise.all(config.recipients.map((r) => wrap(config, r, shared)));
    const cek = shared ?? wrapped[0]!.cek;
    const protectedHeader: Record<string, unknown> = { enc: config.enc, ...(config.zip === undefined ? {} : { zip: config.zip }), ...config.protectedHeader };
    const members: JweJsonRecipientMember[] = config.recipients.map((r, i) => {
      const kid = r.key.kid !== undefined && !hasKid(config.protectedHeader, config.sharedHeader, r.header) ? { kid: r.key.kid } : {};
      const algorithmHeader = { alg: r.alg, ...kid, ...wrapped[i]!.header };
      if (single) Object.assign(protectedHeader, algorithmHeader);
      const header = single ? r.header : { ...algorithmHeader, ...r.header };
      const dup = firstDuplicate([['the protected header', protectedHeader], ['unprotectedHeader', config.sharedHeader], [`the header of recipient #${i + 1}`, header]]);
      if (dup !== undefined) throw invalidOption(`the header parameter "${dup.name}" would appear in ${dup.first} and in ${dup.second}`, 'RFC 7516 §7.2.1: give each header parameter in one place only');
      const encryptedKey = wrapped[i]!.encryptedKey;
      return { ...(header === undefined ? {} : { header }), ...(encryptedKey.length === 0 ? {} : { encrypted_key: encodeBase64url(encryptedKey) }) };
    });
    const protectedB64u = encodeBase64url(utf8(JSON.stringify(protectedHeader)));
    const aadB64u = config.aad === undefined ? undefined : encodeBase64url(config.aad);
    const bytes = typeof plaintext === 'string' ? utf8(plaintext) : plaintext;
    // §5.1 step 14: the AAD is ASCII(protected), then '.' and the base64url aad when there is one.
    const content = await encryptContent(jweCrypto(config.backend, false), config.enc, cek, config.zip === undefined ? bytes : await deflatePlaintext(bytes),
      asciiBytes(aadB64u === undefined ? protectedB64u : `${protectedB64u}.${aadB64u}`));
    const body = {
      protected: protectedB64u,
      ...(config.sharedHeader === undefined ? {} : { unprotected: config.sharedHeader }),
      ...(aadB64u === undefined ? {} : { aad: aadB64u }),
      iv: encodeBase64url(content.iv), ciphertext: encodeBase64url(content.ciphertext), tag: encodeBase64url(content.tag),
    };
    return config.flattened ? { ...body, ...members[0]! } : { ...body, recipients: members };
  };
}

/**
 * Encrypt `plaintext` to one or more recipients in the JWE JSON serialization (RFC 7516 §7.2):
 * `general` (default) or `flattened` (one recipient). Each recipient's key must be bound to its
 * `alg`; `dir` and `ECDH-ES` only for a single recipient. `aad` is authenticated, not encrypted.
 *
 * @example
 * ```ts
 * const jwe = await encryptJweJson('for both of you', [
 *   { key: alicePublicKey, alg: 'ECDH-ES+A256KW' },
 *   { key: bobPublicKey, alg: 'RSA-OAEP-256' },
 * ], { enc: 'A256GCM', aad: 'order-1234' });
 * ```
 */
export async function encryptJweJson(plaintext: Uint8Array | string, recipients: readonly JweJsonRecipient[], options: EncryptJweJsonOptions & { serialization: 'flattened' }): Promise<FlattenedJwe>;
export async function encryptJweJson(plaintext: Uint8Array | string, recipients: readonly JweJsonRecipient[], options: EncryptJweJsonOptions & { serialization?: 'general' }): Promise<GeneralJwe>;
export async function encryptJweJson(plaintext: Uint8Array | string, recipients: readonly JweJsonRecipient[], options: EncryptJweJsonOptions): Promise<GeneralJwe | FlattenedJwe>;
export async function encryptJweJson(plaintext: Uint8Array | string, recipients: readonly JweJsonRecipient[], options: EncryptJweJsonOptions): Promise<GeneralJwe | FlattenedJwe> {
  return prepareJsonEncrypter(recipients, options)(plaintext);
}
