/**
 * Nested JWTs (RFC 7519 §5.2, §7.1-7.2, RFC 7516 §4.1.12): a JWS signed with the issuer's key, then
 * encrypted to the recipient, with `cty: "JWT"` in the JWE header. signJwt's `encrypt` option and
 * verifyJwt's `decrypt` option are prepared here, once per signer/verifier.
 *
 * Verification order with `decrypt`: parse the JWE -> its header and allow-lists -> decryption key
 * -> decryption -> `cty` must say JWT -> then the inner JWS pipeline (allow-list, signing key,
 * signature) -> claims. A signed-only token is refused: the caller asked for encryption.
 */
import { invalidOption, joseError } from '../lib/errors.js';
import { isKey, type Key } from '../jwk/key.js';
import type { KeyInput } from '../jwks/types.js';
import { bearerPrefixError } from '../lib/bearer.js';
import { describeValue } from '../lib/describe.js';
import { fromUtf8 } from '../lib/utf8.js';
import { decrypterFor, type JweDecrypter } from '../jwe/decrypt.js';
import { parseDecryptOptions } from '../jwe/decrypt-options.js';
import { prepareEncrypter } from '../jwe/encrypt.js';
import { invalidJwe } from '../jwe/errors.js';

/** `cty` values that mean "the plaintext is a JWT" (RFC 7515 §4.1.10: `application/` may be omitted). */
export function isJwtContentType(cty: unknown): boolean {
  return typeof cty === 'string' && (cty.toLowerCase() === 'jwt' || cty.toLowerCase() === 'application/jwt');
}

function object(value: unknown, name: string, example: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidOption(`${name} must be an object`, `e.g. ${example}`);
  return value as Record<string, unknown>;
}

/** The `encrypt` option of signJwt / createSigner, prepared once; undefined when absent. */
export function prepareNestedEncrypt(value: unknown, fn: string): ((jws: string) => Promise<string>) | undefined {
  if (value === undefined) return undefined;
  const { key, ...rest } = object(value, `${fn}: encrypt`, "encrypt: { key: recipientPublicKey, alg: 'RSA-OAEP-256', enc: 'A128CBC-HS256' }");
  if (!isKey(key)) throw invalidOption(`${fn}: encrypt.key must be a key from importJwk, importPem, importSecret or generateKeyPair, got ${describeValue(key)}`, "pass the recipient's encryption key, e.g. importJwk(recipientJwk, { alg: 'RSA-OAEP-256' })");
  const header = rest['header'] === undefined ? {} : object(rest['header'], `${fn}: encrypt.header`, "{ kid: 'enc-1' }");
  if (Object.hasOwn(header, 'cty')) throw invalidOption(`${fn}: encrypt.header may not set "cty"`, 'a nested JWT always has cty "JWT" (RFC 7519 §5.2)');
  const encrypter = prepareEncrypter(key as Key, { ...rest, header: { ...header, cty: 'JWT' } }, `${fn}: encrypt`);
  return (jws) => encrypter(jws);
}

/** The `decrypt` option of verifyJwt / createVerifier, prepared once: token -> the inner JWS. */
export function prepareNestedDecrypt(value: unknown, fn: string): ((token: string, context: unknown) => Promise<string>) | undefined {
  if (value === undefined) return undefined;
  const { keys, ...rest } = object(value, `${fn}: decrypt`, "decrypt: { keys: privateKey, algorithms: ['RSA-OAEP-256'], encryptionAlgorithms: ['A128CBC-HS256'] }");
  if (keys === undefined || keys === null) throw invalidOption(`${fn}: decrypt.keys is required: the key(s) that decrypt the token`, "e.g. decrypt: { keys: privateKey, algorithms: ['RSA-OAEP-256'], encryptionAlgorithms: ['A128CBC-HS256'] }");
  if (Object.hasOwn(rest, 'context')) throw invalidOption(`${fn}: decrypt.context is not an option; the verify context is passed to the decryption key resolver too`, 'remove decrypt.context and pass context once, as the verify option');
  const decrypter: JweDecrypter = decrypterFor(parseDecryptOptions(rest, `${fn}: decrypt`));
  return async (token, context) => {
    const bearer = typeof token === 'string' ? bearerPrefixError(token, 'ERR_JWE_INVALID') : undefined;
    if (bearer !== undefined) throw bearer;
    if (typeof token === 'string' && token.split('.', 4).length === 3) {
      throw invalidJwe('expected an encrypted JWT (a JWE with 5 segments) because the decrypt option is set; this token is signed but not encrypted',
        'remove the decrypt option to accept signed-only tokens, or have the issuer encrypt them', 'not_encrypted');
    }
    const { header, plaintext } = await decrypter(token, keys as KeyInput, context);
    if (!isJwtContentType(header.cty)) {
      throw joseError('ERR_JWT_INVALID', `the JWE does not contain a nested JWT: its "cty" header is ${header.cty === undefined ? 'missing' : JSON.stringify(String(header.cty).slice(0, 40))}, expected "JWT"`, {
        reason: 'cty', hint: 'RFC 7519 §5.2: a signed-then-encrypted JWT has cty "JWT"; for an encrypted claims set without a signature use decryptJwt',
      });
    }
    try {
      return fromUtf8(plaintext);
    } catch {
      throw joseError('ERR_JWT_INVALID', 'the decrypted nested JWT is not valid UTF-8', { reason: 'utf8', hint: 'the issuer encrypted something other than a compact JWS' });
    }
  };
}

