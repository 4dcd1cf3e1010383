/**
 * `importSecret`: a shared secret (HMAC key, AES key, PBES2 password) as a {@link Key}.
 *
 * Key-format confusion (CVE-2023-48223, fast-jwt; CVE-2015-9235, jsonwebtoken): libraries that
 * take "a key" as a string have let an RSA public key in PEM form be used as an HMAC secret, so
 * anyone holding the public key could forge tokens. This function therefore refuses anything that
 * looks like a PEM, a DER key or certificate, an SSH key or a JWK, and tells the caller which
 * function imports that format.
 */
import { invalidOption } from '../lib/errors.js';
import { encodeBase64url } from '../lib/base64url.js';
import { fromUtf8, utf8 } from '../lib/utf8.js';
import { looksLikeDerKey } from './der-keys.js';
import { decodeBase64 } from './encoding.js';
import { importJwk, type ImportJwkOptions } from './import.js';
import { describeValue } from '../lib/describe.js';
import type { Key } from './key.js';
import { invalidJwk } from './members.js';
import { resolveAlg } from './usage.js';

/** Options of {@link importSecret}. */
export interface ImportSecretOptions {
  /** Required: the algorithm the secret is for (`HS256`, `A256KW`, `dir` content algs such as `A256GCM`, PBES2...). */
  alg: NonNullable<ImportJwkOptions['alg']>;
  kid?: string;
  /** How a string secret is encoded: `utf8` (default: the string's bytes), `base64` or `base64url`. */
  encoding?: 'utf8' | 'base64' | 'base64url';
}

/** Secrets past this are a misconfiguration (a file instead of a key), not a stronger key. */
const MAX_SECRET_BYTES = 6_144;

/**
 * Import a shared secret. Strings are UTF-8 unless `encoding` says otherwise. The secret must be
 * at least the size its algorithm needs (HS256: 32 bytes, HS384: 48, HS512: 64; AES key wrap and
 * `dir`: exactly the key size).
 *
 * @example
 * ```ts
 * const key = importSecret(process.env.JWT_SECRET!, { alg: 'HS256', encoding: 'base64' });
 * const token = await signJwt({ sub: 'u1' }, key, { alg: 'HS256', expiresIn: '15m' });
 * ```
 * @throws JoseError `ERR_JWK_INVALID` for a short or empty secret, or for a PEM, certificate,
 * DER or JWK given as a secret (use importPem / importJwk for those).
 */
export function importSecret(secret: Uint8Array | string, options: ImportSecretOptions): Key {
  if (typeof options !== 'object' || options === null || options.alg === undefined) {
    throw invalidOption('importSecret needs { alg }: the algorithm the secret is for', "e.g. importSecret(secret, { alg: 'HS256' })");
  }
  const req = resolveAlg(options.alg, 'options');
  if (req.info.kty !== 'oct') {
    invalidJwk(`importSecret makes secret keys, but ${req.name} needs an ${req.info.kty === 'RSA' ? 'RSA' : 'EC or OKP'} key`,
      'import public and private keys with importPem or importJwk; a key is bound to one algorithm family (RFC 8725 §3.1)');
  }
  const encoding = options.encoding ?? 'utf8';
  if (encoding !== 'utf8' && encoding !== 'base64' && encoding !== 'base64url') {
    throw invalidOption(`encoding must be 'utf8', 'base64' or 'base64url', got ${describeValue(encoding)}`, "omit encoding for a UTF-8 passphrase, or say how the secret's text is encoded");
  }
  let bytes: Uint8Array;
  if (typeof secret === 'string') {
    refuseKeyText(secret);
    if (secret.length > MAX_SECRET_BYTES * 2) tooLong(secret.length, 'characters');
    bytes = encoding === 'utf8' ? utf8(secret) : decodeSecret(secret.trim(), encoding);
    if (encoding !== 'utf8') refuseKeyBytes(bytes);
  } else if (secret instanceof Uint8Array) {
    bytes = new Uint8Array(secret); // a copy: the caller may reuse or wipe its buffer
    refuseKeyBytes(bytes);
  } else {
    invalidJwk(`importSecret expects a string or a Uint8Array; got ${describeValue(secret)}`, 'pass the secret itself, e.g. process.env.JWT_SECRET');
  }
  if (bytes.length === 0) invalidJwk(`the secret is empty; ${req.name} needs ${neededSize(req.info.keyBytes)}`, `generate one with generateSecret('${req.name}')`);
  if (bytes.length > MAX_SECRET_BYTES) tooLong(bytes.length, 'bytes');
  const jwkOptions: ImportJwkOptions = { alg: options.alg };
  if (options.kid !== undefined) jwkOptions.kid = options.kid;
  return importJwk({ kty: 'oct', k: encodeBase64url(bytes) }, jwkOptions);
}

function neededSize(keyBytes: number | undefined): string {
  return keyBytes === undefined ? 'a non-empty secret' : `at least ${keyBytes} bytes`;
}

function tooLong(n: number, unit: string): never {
  invalidJwk(`the secret is ${n} ${unit}; at most ${MAX_SECRET_BYTES} bytes are accepted`, 'pass the key itself, not a file or a bundle');
}

function decodeSecret(text: string, encoding: 'base64' | 'base64url'): Uint8Array {
  if (encoding === 'base64') return decodeBase64(text, 'the base64 secret', false);
  // Tolerate padding, which some tools add to base64url; the characters themselves are strict.
  const unpadded = text.replace(/={1,2}$/, '');
  return decodeBase64(unpadded.replace(/-/g, '+').replace(/_/g, '/'), 'the base64url secret', false);
}

const PEM_MARK = '-----BEGIN';
const SSH_KEY = /^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp\d+) AAAA/;

function refuseKeyText(text: string): void {
  const t = text.trim();
  if (t.includes(PEM_MARK)) {
    invalidJwk('the secret looks like a PEM key or certificate ("-----BEGIN"); importSecret takes a shared secret',
      'use importPem(pem, { alg }) for PEM keys and certificates: using a public key as an HMAC secret lets anyone forge tokens (CVE-2023-48223)');
  }
  if (SSH_KEY.test(t)) {
    invalidJwk('the secret looks like an OpenSSH public key; importSecret takes a shared secret',
      'convert it to PEM (`ssh-keygen -e -m PKCS8 -f key.pub`) and use importPem');
  }
  if (t.startsWith('{')) {
    let parsed: unknown;
    try { parsed = JSON.parse(t); } catch { parsed = undefined; }
    if (typeof parsed === 'object' && parsed !== null && ('kty' in parsed || 'keys' in parsed)) {
      invalidJwk('the secret looks like a JWK or JWKS (a JSON object with "kty" or "keys"); importSecret takes a shared secret',
        'use importJwk(JSON.parse(text)) for a JWK, createKeySet(JSON.parse(text)) for a JWKS');
    }
  }
  // A PEM body without its armor (base64 DER, "MII...") is still a key.
  if (/^MI[A-Za-z0-9+/]{40,}={0,2}$/.test(t.replace(/\s+/g, ''))) {
    let der: Uint8Array | undefined;
    try { der = decodeBase64(t, 'text', true); } catch { der = undefined; }
    if (der !== undefined && looksLikeDerKey(der)) refuseDer();
  }
}

function refuseKeyBytes(bytes: Uint8Array): void {
  if (looksLikeDerKey(bytes)) refuseDer();
  let text: string | undefined;
  try { text = fromUtf8(bytes); } catch { text = undefined; }
  if (text !== undefined) refuseKeyText(text);
}

function refuseDer(): never {
  invalidJwk('the secret is a DER-encoded key or certificate; importSecret takes a shared secret',
    'convert it to PEM and use importPem (`openssl pkey -inform DER -in key.der`); using a public key as an HMAC secret lets anyone forge tokens (CVE-2023-48223)');
}
