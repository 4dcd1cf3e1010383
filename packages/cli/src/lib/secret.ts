/**
 * `--secret env:NAME`: a shared secret read from the environment, never from the command line
 * (a literal would land in shell history and in every user's `ps`). The value may carry the same
 * prefixes as the library's configuration: `base64:`, `base64url:`, `utf8:` (the default).
 */
import { importJwk, importSecret, type JweKeyAlgorithm, type JwsAlgorithm, type Key } from '@tessera/jwt-core';
import { inputError, usageError } from './cli-error.js';
import type { Io } from './io.js';

/**
 * The secret named by `ref` as a key bound to `alg`, or to the HMAC algorithms its size allows.
 *
 * @example
 * ```ts
 * const key = readSecret('env:JWT_SECRET', io, 'HS256');
 * ```
 * @throws CliError: exit 2 for anything but `env:NAME` (the value is never repeated), exit 3 for an unset variable.
 */
export function readSecret(ref: string, io: Io, alg: JwsAlgorithm | undefined): Key {
  const { secret, encoding } = secretFromEnv(ref, io);
  if (alg !== undefined) return importSecret(secret, { alg, encoding });
  return importJwk({ kty: 'oct', k: Buffer.from(secret, encoding === 'utf8' ? 'utf8' : encoding).toString('base64url') });
}

/**
 * The secret named by `ref` as a decryption key (`dir`, AES key wrap, AES-GCM key wrap; PBES2
 * with `alg`): bound to `alg`, or to what its size allows (16 bytes: A128KW, A128GCMKW, dir...).
 *
 * @example
 * ```ts
 * const key = readDecryptionSecret('env:TOKEN_KEY', io, undefined);
 * ```
 */
export function readDecryptionSecret(ref: string, io: Io, alg: JweKeyAlgorithm | undefined, option = '--decrypt-secret'): Key {
  const { secret, encoding } = secretFromEnv(ref, io, option);
  if (alg !== undefined) return importSecret(secret, { alg, encoding });
  return importJwk({ kty: 'oct', k: Buffer.from(secret, encoding === 'utf8' ? 'utf8' : encoding).toString('base64url') }, { use: 'enc' });
}

function secretFromEnv(ref: string, io: Io, option = '--secret'): { secret: string; encoding: 'utf8' | 'base64' | 'base64url' } {
  const m = /^env:([A-Za-z_][A-Za-z0-9_]*)$/.exec(ref);
  if (m === null) {
    throw usageError(`${option} takes env:NAME, the name of an environment variable holding the secret; a secret on the command line is refused (it stays in shell history and is visible in ps)`,
      `export JWT_SECRET=... (or read it from your secret store), then: tessera verify ${option} env:JWT_SECRET <token>`);
  }
  const name = m[1]!;
  const value = io.env[name];
  if (value === undefined || value === '') throw inputError(`the environment variable ${name} is not set or empty`, `set ${name} to the secret, e.g. ${name}="$(cat /run/secrets/jwt)"`);
  const text = value.trim();
  if (text.startsWith('-----BEGIN') || text.startsWith('{')) {
    throw inputError(`${name} holds a key (PEM or JWK), not a shared secret`, 'write the key to a file and pass --key <file>');
  }
  const p = /^(base64url|base64|utf8):/.exec(text);
  const encoding = (p?.[1] ?? 'utf8') as 'utf8' | 'base64' | 'base64url';
  return { secret: p === null ? text : text.slice(p[0].length), encoding };
}

/**
 * A secret that is not a key (the diagnostic endpoint's, a session's cookies) from `env:NAME`, under the same rule:
 * never from the command line, and never repeated in a message.
 *
 * @example
 * ```ts
 * const secret = readEnvSecret('env:TESSERA_DIAGNOSTICS_SECRET', io, '--diagnostics-secret');
 * ```
 */
export function readEnvSecret(ref: string, io: Io, option: string, example = 'TESSERA_DIAGNOSTICS_SECRET'): string {
  const m = /^env:([A-Za-z_][A-Za-z0-9_]*)$/.exec(ref);
  if (m === null) {
    throw usageError(`${option} takes env:NAME, the name of an environment variable holding the secret; a secret on the command line is refused (it stays in shell history and is visible in ps)`,
      `export ${example}=..., then: ${option} env:${example}`);
  }
  const value = io.env[m[1]!];
  if (value === undefined || value === '') throw inputError(`the environment variable ${m[1]} is not set or empty`, `set ${m[1]} to the secret`);
  return value;
}
