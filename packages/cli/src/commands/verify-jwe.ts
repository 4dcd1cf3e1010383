/**
 * `tessera verify` of an encrypted token (a compact JWE, RFC 7516): decrypted with `--decrypt-key`
 * / `--decrypt-secret`, or with the `--key` / `--secret` given when one key does both. A nested JWT
 * (`cty: "JWT"`, RFC 7519 §5.2) goes through the library's `verifyJwt` with its `decrypt` option:
 * decryption, then the inner signature with the signing key, then the claims. A JWE whose
 * plaintext is the claims themselves (not signed) goes through `decryptJwt`, and the report says
 * it was not signed. The decryption allow-list is what the decryption key is bound to, or
 * `--enc-alg`; the token's header never chooses.
 */
import { createKeySet, decryptJwt, JoseError, verifyJwt, type JweContentAlgorithm, type JweKeyAlgorithm, type JwsAlgorithm, type Key, type KeyInput } from '@tessera/jwt-core';
import { timeline } from '../decode/timeline.js';
import { usageError, inputError } from '../lib/cli-error.js';
import { EXIT } from '../lib/exit-codes.js';
import { CommandFailure, failWith } from '../lib/failure.js';
import type { Io } from '../lib/io.js';
import { readKeyFiles } from '../lib/key-files.js';
import { readDecryptionSecret } from '../lib/secret.js';
import { readHeader } from '../lib/segments.js';
import type { Verified } from './verify-render.js';

export const JWE_KEY_ALGORITHMS: readonly JweKeyAlgorithm[] = [
  'RSA-OAEP', 'RSA-OAEP-256', 'RSA-OAEP-384', 'RSA-OAEP-512', 'A128KW', 'A192KW', 'A256KW', 'dir',
  'ECDH-ES', 'ECDH-ES+A128KW', 'ECDH-ES+A192KW', 'ECDH-ES+A256KW', 'A128GCMKW', 'A192GCMKW', 'A256GCMKW',
  'PBES2-HS256+A128KW', 'PBES2-HS384+A192KW', 'PBES2-HS512+A256KW',
];
export const CONTENT: readonly JweContentAlgorithm[] = ['A128CBC-HS256', 'A192CBC-HS384', 'A256CBC-HS512', 'A128GCM', 'A192GCM', 'A256GCM'];

/** The values of the options this file reads. */
interface Values { key?: string[]; secret?: string; 'decrypt-key'?: string[]; 'decrypt-secret'?: string }

/** What verify.ts hands over: the checks, and how to load the signing keys if a signature is inside. */
export interface EncryptedCheck {
  encAlgs: JweKeyAlgorithm[];
  currentDate: Date;
  issuer: string[];
  audience: string[];
  signing: (() => Promise<{ input: KeyInput; algorithms: JwsAlgorithm[]; source: string }>) | undefined;
}

/**
 * `--enc-alg` values checked against the list (RSA1_5 is not offered: RFC 8725 §3.2).
 *
 * @example
 * ```ts
 * jweKeyAlgorithms(['RSA-OAEP-256']);
 * ```
 */
export function jweKeyAlgorithms(names: readonly string[]): JweKeyAlgorithm[] {
  return names.map((n) => {
    const alg = JWE_KEY_ALGORITHMS.find((a) => a.toLowerCase() === n.toLowerCase());
    if (alg === undefined) throw usageError(`tessera verify: --enc-alg ${JSON.stringify(n)} is not a JWE key-management algorithm`, `use one of ${JWE_KEY_ALGORITHMS.join(', ')}`);
    return alg;
  });
}

/**
 * The decryption keys: `--decrypt-key`/`--decrypt-secret`, else `--key`/`--secret` bound for
 * decryption. Undefined when no decryption source was named and the verification keys cannot
 * decrypt (a signing key, `--jwks`): the token then goes to the JWS verifier, whose refusal says
 * it is a JWE.
 *
 * @example
 * ```ts
 * const keys = await decryptionKeys({ 'decrypt-key': ['recipient.jwk'] }, io, []);
 * ```
 */
export async function decryptionKeys(values: Values, io: Io, encAlgs: JweKeyAlgorithm[]): Promise<{ input: KeyInput; algorithms: JweKeyAlgorithm[]; source: string } | undefined> {
  const named = values['decrypt-key'] !== undefined || values['decrypt-secret'] !== undefined;
  const pinned = encAlgs.length === 1 ? encAlgs[0] : undefined;
  let list: Key[];
  let source: string;
  const files = values['decrypt-key'] ?? values.key;
  const secret = values['decrypt-secret'] ?? values.secret;
  try {
    if (files !== undefined) {
      source = values['decrypt-key'] === undefined ? 'key' : 'decrypt-key';
      list = (await readKeyFiles(files, pinned, 'enc')).map((k) => k.key);
    } else if (secret !== undefined) {
      source = values['decrypt-secret'] === undefined ? 'secret' : 'decrypt-secret';
      list = [readDecryptionSecret(secret, io, pinned, `--${source}`)];
    } else {
      return undefined;
    }
  } catch (err) {
    // A verification key that does not import for decryption (a JWK whose alg names signing).
    if (!named) return undefined;
    throw failWith(err, EXIT.input);
  }
  const algorithms = encAlgs.length > 0 ? encAlgs : JWE_KEY_ALGORITHMS.filter((a) => list.some((k) => k.algorithms.includes(a)));
  if (algorithms.length === 0 && !named) return undefined;
  if (algorithms.length === 0) {
    throw inputError(`the --${source} key${list.length === 1 ? '' : 's'} cannot decrypt: ${list.map((k) => `${k.kty} key bound to ${k.algorithms.join(', ')}`).join('; ')}`,
      'a JWE is decrypted with the recipient\'s private key (RSA, EC) or the shared secret; a public key or a signing key cannot, and a JWK whose "alg" or "use" names signing is bound to it');
  }
  return { input: list.length === 1 ? list[0]! : createKeySet(list), algorithms, source };
}

const isJwt = (cty: unknown) => typeof cty === 'string' && ['jwt', 'application/jwt'].includes(cty.toLowerCase());

/**
 * Decrypt `token`, then verify the nested JWT or check the decrypted claims; undefined when no key
 * given can decrypt (see {@link decryptionKeys}).
 *
 * @example
 * ```ts
 * const report = await verifyEncrypted(token, values, io, check);
 * ```
 */
export async function verifyEncrypted(token: string, values: Values, io: Io, check: EncryptedCheck): Promise<Verified | undefined> {
  const read = readHeader(token.split('.')[0]!);
  if ('problem' in read) throw inputError(`this looks like a JWE (5 parts), but ${read.problem}`, 'check that the token was copied whole and unchanged');
  const jwe = read.header;
  const nested = isJwt(jwe.cty);
  if (nested && check.signing === undefined) {
    throw usageError('the token is a nested JWT (cty "JWT"): after decryption its signature is checked, so give the key that verifies it: --key <file>, --jwks <url> or --secret env:NAME',
      'e.g. tessera verify --key issuer-public.pem --decrypt-key recipient-private.pem <token>');
  }
  const dec = await decryptionKeys(values, io, check.encAlgs);
  if (dec === undefined) return undefined;
  const claimsOptions = {
    currentDate: check.currentDate,
    ...(check.issuer.length === 0 ? {} : { issuer: check.issuer.length === 1 ? check.issuer[0]! : check.issuer }),
    ...(check.audience.length === 0 ? {} : { audience: check.audience.length === 1 ? check.audience[0]! : check.audience }),
  };
  const encryption = { alg: jwe.alg, enc: jwe.enc, kid: typeof jwe.kid === 'string' ? jwe.kid : null, cty: jwe.cty ?? null, source: dec.source, algorithms: dec.algorithms };
  const claimChecks = ['exp', 'nbf', 'iat', ...(check.issuer.length > 0 ? ['iss'] : []), ...(check.audience.length > 0 ? ['aud'] : [])];
  const seconds = Math.floor(check.currentDate.getTime() / 1000);
  try {
    if (nested) {
      const sig = await check.signing!();
      const result = await verifyJwt(token, sig.input, { algorithms: sig.algorithms, ...claimsOptions, decrypt: { keys: dec.input, algorithms: dec.algorithms, encryptionAlgorithms: [...CONTENT] } });
      const claims = result.payload as Record<string, unknown>;
      return {
        verified: true, signed: true, header: result.header, claims, encryption, algorithms: sig.algorithms, checked: ['decryption', 'signature', 'alg', ...claimChecks],
        key: { kid: result.key.kid ?? null, alg: result.header.alg, kty: result.key.kty, source: sig.source }, timeline: timeline(claims, seconds),
      };
    }
    const result = await decryptJwt(token, dec.input, { algorithms: dec.algorithms, encryptionAlgorithms: [...CONTENT], ...claimsOptions });
    const claims = result.payload as Record<string, unknown>;
    return {
      verified: true, signed: false, header: result.header, claims, encryption, algorithms: dec.algorithms, checked: ['decryption', ...claimChecks],
      key: { kid: result.key.kid ?? null, alg: result.header.alg, kty: result.key.kty, source: dec.source }, timeline: timeline(claims, seconds),
    };
  } catch (err) {
    if (err instanceof JoseError) throw new CommandFailure(err, err.code === 'ERR_JWKS_TIMEOUT' || err.reason === 'unavailable' || err.reason === 'network' ? EXIT.unavailable : EXIT.refused);
    throw err;
  }
}
