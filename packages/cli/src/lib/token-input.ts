/**
 * The token argument of `decode` and `verify`: the token itself, or `-` for standard input (so it
 * stays out of shell history and `ps`). Surrounding whitespace and a pasted `Bearer ` prefix or
 * `Authorization:` header name are removed; nothing else is changed.
 */
import { usageError, inputError } from './cli-error.js';
import type { Io } from './io.js';

/**
 * The compact token named by the command's one positional argument.
 *
 * @example
 * ```ts
 * const token = await readToken('decode', positionals, io); // `tessera decode -` reads stdin
 * ```
 */
export async function readToken(command: string, positionals: readonly string[], io: Io): Promise<string> {
  if (positionals.length === 0) {
    throw usageError(`tessera ${command}: no token given`, `pass the token, or - to read it from standard input: pbpaste | tessera ${command} -`);
  }
  if (positionals.length > 1) {
    throw usageError(`tessera ${command}: expected one token, got ${positionals.length} arguments`, 'quote the token, or pass - and pipe it in');
  }
  const raw = positionals[0] === '-' ? await io.readStdin() : positionals[0]!;
  const token = raw.trim().replace(/^authorization:\s*/i, '').replace(/^bearer\s+/i, '').trim();
  if (token === '') {
    throw inputError(positionals[0] === '-' ? 'standard input is empty: no token' : 'the token is empty', `pipe the token in, e.g. echo "$TOKEN" | tessera ${command} -`);
  }
  return token;
}
