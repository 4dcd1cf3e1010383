/**
 * `generateKeyPair` and `generateSecret`: new keys, already bound to the algorithm they were
 * made for, and non-extractable by default (their private part cannot be exported unless
 * `extractable: true` is passed, as in WebCrypto).
 */
import { invalidOption, joseError } from '../lib/errors.js';
import { algorithmInfo, type Algorithm, type JweContentAlgorithm } from '../lib/algorithms.js';
import { encodeBase64url } from '../lib/base64url.js';
import { randomBytes } from '../lib/backends/runtime.js';
import type { BackendName } from '../lib/backends/types.js';
import { optionsObject, parseBackend } from '../lib/options.js';
import { markNonExtractable } from './extractable.js';
import { markGenerated } from './generated.js';
import { generatePrivateJwk, type KeySpec } from './generate-backends.js';
import { importJwk } from './import.js';
import { describeValue } from '../lib/describe.js';
import type { Key } from './key.js';
import { safeName } from './members.js';
import type { Jwk } from '../lib/types.js';
import { CONTENT_KEY_BYTES, isContentAlgorithm } from './usage.js';
import { MAX_RSA_BITS, MIN_RSA_BITS } from './validate.js';

/** Options of {@link generateKeyPair}. */
export interface GenerateKeyPairOptions {
  /** RSA modulus size in bits: at least 2048 (the default). */
  modulusLength?: number;
  /** Curve for ECDH-ES algorithms: `P-256` (default), `P-384`, `P-521` or `X25519`. ES256/384/512 and EdDSA imply their curve. */
  crv?: 'P-256' | 'P-384' | 'P-521' | 'X25519';
  kid?: string;
  /** Allow `exportJwk(privateKey, { private: true })` (default false). */
  extractable?: boolean;
  /** Force a source of randomness and key generation; default: node:crypto, else WebCrypto, else noble. */
  backend?: BackendName;
}

/** Options of {@link generateSecret}. */
export interface GenerateSecretOptions {
  kid?: string;
  /** Allow `exportJwk(secret, { private: true })` (default false). */
  extractable?: boolean;
}

export interface GeneratedKeyPair {
  readonly privateKey: Key;
  readonly publicKey: Key;
}

const ECDH_CURVES = ['P-256', 'P-384', 'P-521', 'X25519'];

/**
 * Generate a key pair for a JWS algorithm (RS*, PS*, ES*, EdDSA) or a JWE key-management
 * algorithm (RSA-OAEP*, ECDH-ES*). Both keys are bound to `alg`.
 *
 * @example
 * ```ts
 * const { privateKey, publicKey } = await generateKeyPair('ES256', { kid: 'k1' });
 * const token = await signJwt({ sub: 'u1' }, privateKey, { alg: 'ES256' });
 * const jwks = { keys: [exportJwk(publicKey)] };
 * ```
 * @throws JoseError `ERR_JOSE_INVALID_OPTION` for a secret-key alg, a modulus under 2048 bits or
 * a curve that does not fit; `ERR_JOSE_NOT_SUPPORTED` for RSA without node:crypto or WebCrypto.
 */
export async function generateKeyPair(alg: Algorithm, options: GenerateKeyPairOptions = {}): Promise<GeneratedKeyPair> {
  optionsObject(options, 'generateKeyPair', "generateKeyPair('ES256', { kid: 'sig-1' })");
  const spec = keySpec(alg, options);
  const jwk = await generatePrivateJwk(spec, parseBackend(options.backend));
  const privateJwk: Jwk = { kty: jwk.kty };
  for (const m of ['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi', 'crv', 'x', 'y'] as const) if (jwk[m] !== undefined) privateJwk[m] = jwk[m];
  const publicJwk: Jwk = { kty: jwk.kty };
  for (const m of ['n', 'e', 'crv', 'x', 'y'] as const) if (jwk[m] !== undefined) publicJwk[m] = jwk[m];
  const importOptions = options.kid === undefined ? { alg } : { alg, kid: options.kid };
  const privateKey = markGenerated(importJwk(privateJwk, importOptions));
  if (options.extractable !== true) markNonExtractable(privateKey);
  return { privateKey, publicKey: markGenerated(importJwk(publicJwk, importOptions)) };
}

function keySpec(alg: Algorithm, options: GenerateKeyPairOptions): KeySpec {
  const info = algorithmInfo(alg);
  if (info === undefined) {
    if (isContentAlgorithm(alg)) throw invalidOption(`${alg} uses a secret key: use generateSecret('${alg}')`, `a content-encryption key is a shared secret: const key = generateSecret('${alg}')`);
    throw joseError('ERR_JOSE_NOT_SUPPORTED', `cannot generate a key pair for alg ${safeName(alg)}`, { hint: 'name a JWS or JWE algorithm, e.g. "ES256" or "RSA-OAEP-256"' });
  }
  if (info.kty === 'oct') throw invalidOption(`${alg} uses a shared secret, not a key pair: use generateSecret('${alg}')`, `const key = generateSecret('${alg}'); both parties keep the same secret`);
  if (info.kty !== 'RSA' && options.modulusLength !== undefined) throw invalidOption(`modulusLength applies to RSA algorithms, not ${alg}`, 'remove modulusLength; the curve of the algorithm fixes the key size');
  if (info.kty === 'RSA') {
    if (options.crv !== undefined) throw invalidOption(`crv does not apply to ${alg}`, 'remove crv: RSA keys have no curve (size them with modulusLength)');
    const modulusLength = options.modulusLength ?? MIN_RSA_BITS;
    if (!Number.isInteger(modulusLength) || modulusLength < MIN_RSA_BITS || modulusLength > MAX_RSA_BITS || modulusLength % 8 !== 0) {
      throw invalidOption(`modulusLength must be a multiple of 8 from ${MIN_RSA_BITS} to ${MAX_RSA_BITS}, got ${describeValue(modulusLength)}`,
        'RFC 7518 §3.3: RSA keys are at least 2048 bits; 2048 or 3072 is usual');
    }
    return { kty: 'RSA', modulusLength };
  }
  if (info.family === 'ECDH-ES') {
    const crv = options.crv ?? 'P-256';
    if (!ECDH_CURVES.includes(crv)) throw invalidOption(`crv for ${alg} must be one of ${ECDH_CURVES.join(', ')}, got ${describeValue(crv)}`, `omit crv for P-256, or name one of ${ECDH_CURVES.join(', ')}`);
    return { kty: crv === 'X25519' ? 'OKP' : 'EC', crv };
  }
  const crv = info.curves![0]!;
  if (options.crv !== undefined && options.crv !== crv) throw invalidOption(`${alg} uses curve ${crv}; crv ${describeValue(options.crv)} does not fit`, `omit crv: ${alg} fixes the curve`);
  return { kty: info.kty as 'EC' | 'OKP', crv };
}

/** Bytes of a generated PBES2 password: 256 random bits, more than any PBES2 derived key. */
const PBES2_SECRET_BYTES = 32;

/**
 * Generate a random secret for an HMAC algorithm (HS256: 32 bytes, HS384: 48, HS512: 64), an
 * AES key-wrap algorithm (A128KW, A256GCMKW...: the AES key size), a content-encryption
 * algorithm for `dir` (A128CBC-HS256: 32 bytes, A256GCM: 32...), or PBES2 (32 bytes).
 *
 * @example
 * ```ts
 * const key = generateSecret('HS256', { kid: 'h1', extractable: true });
 * const stored = exportJwk(key, { private: true }); // keep it as secret as the key
 * ```
 * @throws JoseError `ERR_JOSE_INVALID_OPTION` for a key-pair algorithm or bare `dir`.
 */
export function generateSecret(alg: Algorithm | JweContentAlgorithm, options: GenerateSecretOptions = {}): Key {
  optionsObject(options, 'generateSecret', "generateSecret('HS256', { kid: 'hmac-1' })");
  let bytes: number;
  if (isContentAlgorithm(alg)) bytes = CONTENT_KEY_BYTES[alg];
  else {
    const info = algorithmInfo(alg);
    if (info === undefined) throw joseError('ERR_JOSE_NOT_SUPPORTED', `cannot generate a secret for alg ${safeName(alg)}`, { hint: 'name an HS*, A*KW, A*GCMKW, PBES2 or content-encryption algorithm' });
    if (info.kty !== 'oct') throw invalidOption(`${alg} uses a key pair, not a secret: use generateKeyPair('${alg}')`, `const { privateKey, publicKey } = await generateKeyPair('${alg}')`);
    if (info.family === 'DIR') throw invalidOption("'dir' keys are sized by the content encryption: name it, e.g. generateSecret('A128CBC-HS256')", "with 'dir' the shared key is the content key: generate it for the enc you use");
    bytes = info.family === 'PBES2' ? PBES2_SECRET_BYTES : info.keyBytes!;
  }
  const jwk: Jwk = { kty: 'oct', k: encodeBase64url(randomBytes(bytes)) };
  const key = markGenerated(importJwk(jwk, options.kid === undefined ? { alg } : { alg, kid: options.kid }));
  return options.extractable === true ? key : markNonExtractable(key);
}
