/**
 * `encryptJwe`: compact JWE serialization (RFC 7516 §5.1, §7.1) with a fresh random CEK (or one
 * derived per token, for ECDH-ES) and a fresh random IV for every token.
 */
import { invalidOption, joseError } from '../lib/errors.js';
import { internals, type Key } from '../jwk/key.js';
import { algorithmInfo } from '../lib/algorithms.js';
import { encodeBase64url } from '../lib/base64url.js';
import { describeValue } from '../lib/describe.js';
import { asciiBytes, utf8 } from '../lib/utf8.js';
import { jweCrypto } from './backends/select.js';
import { encryptContent, cekBytes } from './content/index.js';
import { checkJweCrit, JWE_REGISTERED_HEADERS } from './crit.js';
import { wrapCek } from './keymgmt/index.js';
import { DEFAULT_MAX_PBES2_COUNT, MIN_PBES2_COUNT } from './keymgmt/params.js';
import { checkOptionNames, optionsObject, parseBackend } from '../lib/options.js';
import { parseContentAlgorithm, parseKeyAlgorithm } from './options.js';
import type { EncryptJweOptions } from './types.js';
import { canDeflate, deflatePlaintext } from './zip.js';

const OPTION_NAMES = ['alg', 'enc', 'header', 'p2c', 'apu', 'apv', 'backend', 'zip'] as const;
/** Header parameters set by the algorithms themselves, or by an option (`zip`). `kid`, `typ`, `cty`, `crit` may be given. */
export const RESERVED = [...JWE_REGISTERED_HEADERS].filter((n) => !['kid', 'typ', 'cty', 'crit', 'jku', 'jwk', 'x5u', 'x5c', 'x5t', 'x5t#S256'].includes(n));
const EXAMPLE = "encryptJwe(plaintext, publicKey, { alg: 'RSA-OAEP-256', enc: 'A128CBC-HS256' })";

/** The key must be a Tessera key bound to `alg` for encryption (ERR_JWK_INVALID otherwise). */
export function checkKey(key: Key, alg: string): void {
  internals(key); // ERR_JWK_INVALID for anything that is not a Tessera key
  const where = key.kid === undefined ? '' : ` (kid '${key.kid.slice(0, 64)}')`;
  if (key.use !== 'enc' || !key.algorithms.includes(alg as Key['algorithms'][number])) {
    throw joseError('ERR_JWK_INVALID', `the ${key.kty} key${where} is bound to ${key.algorithms.join(', ')} and cannot be used for ${alg}`, {
      alg, hint: key.use === 'sig'
        ? 'a signing key never encrypts (RFC 7517 §4.2): import the recipient\'s encryption key, e.g. importJwk(jwk, { alg })'
        : `import the key for ${alg}, e.g. importJwk(jwk, { alg: '${alg}' })`,
    });
  }
}

export function bytesOption(value: unknown, name: string): Uint8Array | undefined {
  if (value === undefined) return undefined;
  if (!(value instanceof Uint8Array)) throw invalidOption(`${name} must be a Uint8Array, got ${describeValue(value)}`, `pass the bytes, e.g. { ${name}: new TextEncoder().encode('party-id') }`);
  return value;
}

export function p2cOption(value: unknown): number {
  if (value === undefined) return DEFAULT_MAX_PBES2_COUNT;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < MIN_PBES2_COUNT) {
    throw invalidOption(`p2c must be an integer of at least ${MIN_PBES2_COUNT}`, 'RFC 7518 §4.8.1.2; the default is 310000');
  }
  return value;
}

function extraHeader(value: unknown): Record<string, unknown> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidOption(`header must be an object of header parameters, got ${describeValue(value)}`, "e.g. { header: { typ: 'JWT', kid: 'enc-1' } }");
  for (const name of RESERVED) {
    if (Object.hasOwn(value, name)) {
      throw invalidOption(`header may not set "${name}"`, name === 'zip' ? "compression is the zip option: { zip: 'DEF' }" : `"${name}" is set by encryptJwe from its options`);
    }
  }
  return value as Record<string, unknown>;
}

/** The `zip` option: `'DEF'` or absent; it needs the runtime's CompressionStream. */
export function zipOption(value: unknown): 'DEF' | undefined {
  if (value === undefined) return undefined;
  if (value !== 'DEF') throw invalidOption(`zip must be 'DEF', got ${describeValue(value)}`, "RFC 7518 §7.3 defines only 'DEF' (raw DEFLATE); omit zip to send the plaintext uncompressed");
  if (!canDeflate()) {
    throw joseError('ERR_JOSE_NOT_SUPPORTED', 'zip needs CompressionStream, which this runtime does not have', {
      reason: 'zip', hint: 'compress where CompressionStream exists (Node >= 18, Deno, Bun, browsers, Cloudflare Workers), or encrypt without zip',
    });
  }
  return value;
}

/** A prepared encrypter: options and key checked once; each call makes a new CEK and IV. */
export type JweEncrypter = (plaintext: Uint8Array | string) => Promise<string>;

/** Validate `options` and `key` once (ERR_JOSE_INVALID_OPTION / ERR_JWK_INVALID at the call). */
export function prepareEncrypter(key: Key, options: unknown, fn: string): JweEncrypter {
  const opts = optionsObject(options, fn, EXAMPLE);
  checkOptionNames(opts, OPTION_NAMES, fn);
  const alg = parseKeyAlgorithm(opts['alg']);
  const enc = parseContentAlgorithm(opts['enc']);
  const extra = extraHeader(opts['header']);
  const p2c = p2cOption(opts['p2c']);
  const apu = bytesOption(opts['apu'], 'apu');
  const apv = bytesOption(opts['apv'], 'apv');
  const backend = parseBackend(opts['backend']);
  const zip = zipOption(opts['zip']);
  checkKey(key, alg);
  if ((apu !== undefined || apv !== undefined) && algorithmInfo(alg)!.family !== 'ECDH-ES') throw invalidOption(`apu/apv are only used with ECDH-ES algorithms, not ${alg}`, 'remove apu and apv, or use an ECDH-ES key-management algorithm');
  const crit = extra['crit'];
  if (crit !== undefined) checkJweCrit(extra, new Set(Array.isArray(crit) ? crit.filter((n): n is string => typeof n === 'string') : []));
  const needsRsa = algorithmInfo(alg)!.family === 'RSA-OAEP';
  const size = cekBytes(enc);

  return async (plaintext: Uint8Array | string): Promise<string> => {
    if (typeof plaintext !== 'string' && !(plaintext instanceof Uint8Array)) throw invalidOption(`plaintext must be a string or a Uint8Array, got ${describeValue(plaintext)}`, 'serialise objects first, e.g. encryptJwe(JSON.stringify(data), key, options)');
    const crypto = jweCrypto(backend, needsRsa, alg);
    const wrapped = await wrapCek({ crypto, alg, enc, key, cekBytes: size, p2c, apu, apv });
    const header: Record<string, unknown> = { alg, enc, ...(zip === undefined ? {} : { zip }), ...(key.kid !== undefined ? { kid: key.kid } : {}), ...extra, ...wrapped.header };
    const protectedB64u = encodeBase64url(utf8(JSON.stringify(header)));
    const bytes = typeof plaintext === 'string' ? utf8(plaintext) : plaintext;
    // The AAD is the encoded protected header (RFC 7516 §5.1 step 14): base64url text, so ASCII.
    const content = await encryptContent(crypto, enc, wrapped.cek, zip === undefined ? bytes : await deflatePlaintext(bytes), asciiBytes(protectedB64u));
    return [protectedB64u, encodeBase64url(wrapped.encryptedKey), encodeBase64url(content.iv), encodeBase64url(content.ciphertext), encodeBase64url(content.tag)].join('.');
  };
}

/**
 * Encrypt `plaintext` (bytes, or a string encoded as UTF-8) to the holder of `key` and return the
 * compact JWE. The key must be bound to `alg` (an encryption key: `use: 'enc'`).
 *
 * @example
 * ```ts
 * const publicKey = importJwk(recipientJwk, { alg: 'RSA-OAEP-256' });
 * const jwe = await encryptJwe('secret message', publicKey, { alg: 'RSA-OAEP-256', enc: 'A128CBC-HS256' });
 * ```
 */
export async function encryptJwe(plaintext: Uint8Array | string, key: Key, options: EncryptJweOptions): Promise<string> {
  return prepareEncrypter(key, options, 'encryptJwe')(plaintext);
}
