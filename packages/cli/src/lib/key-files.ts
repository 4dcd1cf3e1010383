/**
 * Key files as operators have them: PEM (one or more blocks: PKCS#8, SPKI, PKCS#1, SEC1, X.509
 * certificates), a JWK, a JWKS `{ "keys": [...] }` or an array of JWKs. Every key goes through
 * the core's import, so it is validated and bound to one algorithm family as in the library.
 *
 * A PEM does not name its algorithm: with `--alg` (or `--enc-alg` for a decryption key) it is imported with `importPem(pem, { alg })`;
 * without, node:crypto reads it (this is a Node CLI) into a JWK, and `importJwk` binds it to the
 * family of its key type (RSA: RS256..PS512, P-256: ES256, Ed25519: EdDSA). The token's header
 * never chooses.
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { importJwk, importPem, JoseError, type Jwk, type JweKeyAlgorithm, type JwsAlgorithm, type Key } from '@tessera/jwt-core';
import { inputError } from './cli-error.js';
import { EXIT } from './exit-codes.js';
import { CommandFailure } from './failure.js';

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

/** A key and the file it came from. */
export interface FileKey {
  readonly key: Key;
  readonly file: string;
}

/**
 * The keys in `files`, in order.
 *
 * @example
 * ```ts
 * const keys = await readKeyFiles(['current.pem', 'previous.jwk'], 'ES256');
 * ```
 * @throws CommandFailure (exit 3) naming the file for a file that cannot be read or a key that does not import.
 */
export async function readKeyFiles(files: readonly string[], alg?: JwsAlgorithm | JweKeyAlgorithm, use: 'sig' | 'enc' = 'sig'): Promise<FileKey[]> {
  const out: FileKey[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = (await readFile(file, 'utf8')).trim();
    } catch (err) {
      const code = (err as { code?: string }).code;
      throw inputError(`cannot read the key file ${file}${code === undefined ? '' : ` (${code})`}`, 'check the path and that you may read the file');
    }
    try {
      for (const key of parseKeyText(text, file, alg, use)) out.push({ key, file });
    } catch (err) {
      if (err instanceof JoseError) {
        throw new CommandFailure(new JoseError(err.code, `${file}: ${err.message}`, { hint: err.hint ?? 'fix the key in this file', reason: err.reason, cause: err }), EXIT.input);
      }
      throw err;
    }
  }
  return out;
}

function parseKeyText(text: string, file: string, alg: JwsAlgorithm | JweKeyAlgorithm | undefined, use: 'sig' | 'enc'): Key[] {
  // Without --alg a key is bound by its type: to signing, or with use 'enc' to decryption (RSA-OAEP, ECDH-ES, AES-KW/dir).
  const bind = (jwk: Jwk) => {
    const given = typeof jwk === 'object' && jwk !== null ? jwk : ({} as Partial<Jwk>);
    if (given.alg !== undefined) return importJwk(jwk);
    if (alg !== undefined) return importJwk(jwk, { alg });
    return importJwk(jwk, use === 'enc' && given.use === undefined ? { use } : {});
  };
  if (text.includes('-----BEGIN')) {
    const blocks = text.match(PEM_BLOCK);
    if (blocks === null) throw inputError(`${file} starts like a PEM but has no complete BEGIN/END block`, 'check that the file was not truncated');
    return blocks.map((pem) => (alg === undefined ? bind(pemToJwk(pem, file)) : importPem(pem, { alg })));
  }
  if (text.startsWith('{') || text.startsWith('[')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw inputError(`${file} starts like JSON but is not valid JSON`, 'a key file holds a PEM, a JWK or a JWKS');
    }
    const list: unknown[] = Array.isArray(json) ? json : Array.isArray((json as { keys?: unknown }).keys) ? (json as { keys: unknown[] }).keys : [json];
    if (list.length === 0) throw inputError(`${file} is a JWKS without keys`, 'add a key to the file');
    return list.map((jwk) => bind(jwk as Jwk));
  }
  throw inputError(`${file} holds neither a PEM nor a JWK`, 'for a shared secret pass --secret env:NAME (never the secret itself), or store it as an oct JWK {"kty":"oct","k":"..."}');
}

/** A PEM block read by node:crypto (never a key fresh from generateKeyPair: see the README). */
function pemToJwk(pem: string, file: string): Jwk {
  const label = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(pem)![1]!;
  if (label.includes('ENCRYPTED') || pem.includes('Proc-Type: 4,ENCRYPTED')) {
    throw inputError(`the ${label} in ${file} is encrypted`, 'decrypt it first: openssl pkey -in encrypted.pem -out key.pem (keep the result as secret as the key)');
  }
  try {
    const keyObject = label.includes('PRIVATE') ? createPrivateKey(pem) : createPublicKey(pem);
    return keyObject.export({ format: 'jwk' }) as Jwk;
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw inputError(`the ${label} in ${file} cannot be read${code === undefined ? '' : ` (${code})`}`, 'pass --alg to have the library read it and say what is wrong, or check the file');
  }
}
