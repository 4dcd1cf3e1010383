/**
 * `importJwk`: the one door through which key material becomes a {@link Key}. `importPem`,
 * `importSecret` and the generators all end here, so every key gets the same validation
 * (validate.ts) and the same algorithm binding (usage.ts).
 */
import { invalidOption, joseError } from '../lib/errors.js';
import type { Algorithm } from '../lib/algorithms.js';
import { createKey, isKey, type Key } from './key.js';
import { describeValue } from '../lib/describe.js';
import { optionsObject } from '../lib/options.js';
import { invalidJwk } from './members.js';
import type { Jwk } from '../lib/types.js';
import { bindKey, resolveAlg, useFromKeyOps, type RequestedAlg } from './usage.js';
import { validateJwk } from './validate.js';

/** Options of {@link importJwk}. */
export interface ImportJwkOptions {
  /**
   * Bind the key to exactly this algorithm. Without it the key is bound to the family that fits
   * it: RSA to RS256..PS512 (or RSA-OAEP* for `enc`), EC to the ES alg of its curve (or ECDH-ES*),
   * Ed25519 to EdDSA, X25519 to ECDH-ES*, a secret to the HS algs its size allows (or, for
   * `enc`, the AES key-wrap algs and `dir` its size allows). A JWE content algorithm such as
   * `'A256GCM'` means `dir` with a key of exactly that size.
   */
  alg?: Algorithm | 'A128CBC-HS256' | 'A192CBC-HS384' | 'A256CBC-HS512' | 'A128GCM' | 'A192GCM' | 'A256GCM';
  /** Key id; overrides the JWK's `kid`. */
  kid?: string;
  /** `sig` (default) or `enc`; must agree with the JWK's `use`, `key_ops` and `alg`. */
  use?: 'sig' | 'enc';
}

const MAX_KID_CHARS = 256;

/**
 * Import a JSON Web Key (RFC 7517) as a {@link Key}, validating it strictly: required members,
 * strict base64url, EC points on their curve, RSA at least 2048 bits with consistent private
 * values, HMAC secrets at least the hash size. The key is bound to one algorithm family.
 *
 * @example
 * ```ts
 * const key = importJwk({ kty: 'EC', crv: 'P-256', x: '...', y: '...' }, { kid: 'k1' });
 * key.algorithms; // ['ES256']
 * const hmac = importJwk({ kty: 'oct', k: '...' }, { alg: 'HS256' });
 * ```
 * @throws JoseError `ERR_JWK_INVALID` for a malformed or weak key or a contradiction between
 * `alg`, `use` and `key_ops`; `ERR_JOSE_NOT_SUPPORTED` for an unknown `kty`, curve or `alg`.
 */
export function importJwk(jwk: Jwk, options: ImportJwkOptions = {}): Key {
  optionsObject(options, 'importJwk', "importJwk(jwk, { alg: 'ES256' })");
  if (isKey(jwk)) invalidJwk('importJwk was given a key that is already imported', 'pass the key object itself where a key is expected');
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) {
    const hint = typeof jwk === 'string'
      ? 'parse JSON first (JSON.parse), use importPem for PEM text, or importSecret for a shared secret'
      : 'pass a JWK object such as { kty: "EC", crv: "P-256", x, y }';
    invalidJwk(`importJwk expects a JWK object; got ${describeValue(jwk)}`, hint);
  }
  const validated = validateJwk(jwk);

  const optAlg = options.alg === undefined ? undefined : resolveAlg(options.alg, 'options');
  const jwkAlg = jwk.alg === undefined ? undefined : resolveAlg(jwk.alg, 'JWK');
  const alg = mergeAlg(optAlg, jwkAlg);

  const uses: Array<readonly ['sig' | 'enc', string]> = [];
  if (options.use !== undefined) {
    if (options.use !== 'sig' && options.use !== 'enc') throw invalidOption(`use must be 'sig' or 'enc', got ${describeValue(options.use)}`, "'sig' for signing keys, 'enc' for encryption keys (RFC 7517 §4.2); or pass alg instead");
    uses.push([options.use, 'the use option']);
  }
  if (jwk.use !== undefined) {
    if (jwk.use !== 'sig' && jwk.use !== 'enc') invalidJwk(`the JWK's "use" must be "sig" or "enc", got ${describeValue(jwk.use)}`, 'RFC 7517 §4.2');
    uses.push([jwk.use, `the JWK's "use"`]);
  }
  const opsUse = useFromKeyOps(jwk.key_ops);
  if (opsUse !== undefined) uses.push([opsUse, `the JWK's "key_ops"`]);

  const { use, algorithms } = bindKey(validated, { alg, uses });
  const kid = pickKid(options.kid, jwk.kid);

  const stored: Jwk = { ...validated.jwk, use };
  if (kid !== undefined) stored.kid = kid;
  if (algorithms.length === 1) stored.alg = algorithms[0];
  return createKey(stored, {
    type: validated.type, kty: validated.kty, crv: validated.crv, use, algorithms, kid, bits: validated.bits, secret: validated.secret,
  });
}

/** The alg of the options and of the JWK must agree when both are given. */
function mergeAlg(fromOptions: RequestedAlg | undefined, fromJwk: RequestedAlg | undefined): RequestedAlg | undefined {
  if (fromOptions === undefined || fromJwk === undefined) return fromOptions ?? fromJwk;
  const agree = fromOptions.info.alg === fromJwk.info.alg
    && (fromOptions.enc === undefined || fromJwk.enc === undefined || fromOptions.enc === fromJwk.enc);
  if (!agree) {
    invalidJwk(`the JWK says alg ${fromJwk.name} but the options ask for ${fromOptions.name}`,
      'a key is bound to one algorithm: drop the alg option, or import the key meant for that algorithm');
  }
  return fromOptions.enc === undefined ? { ...fromOptions, enc: fromJwk.enc } : fromOptions;
}

function pickKid(option: unknown, member: unknown): string | undefined {
  if (option !== undefined) {
    if (typeof option !== 'string' || option.length === 0 || option.length > MAX_KID_CHARS) {
      throw invalidOption(`kid must be a non-empty string of at most ${MAX_KID_CHARS} characters, got ${describeValue(option)}`, 'omit kid to use the JWK\'s own kid or its RFC 7638 thumbprint');
    }
    return option;
  }
  if (member === undefined) return undefined;
  if (typeof member !== 'string' || member.length > MAX_KID_CHARS) {
    throw joseError('ERR_JWK_INVALID', `the JWK's "kid" must be a string of at most ${MAX_KID_CHARS} characters, got ${describeValue(member)}`, {
      hint: 'RFC 7517 §4.5: "kid" is a string',
    });
  }
  return member;
}
