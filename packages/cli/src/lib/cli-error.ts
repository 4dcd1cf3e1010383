/**
 * A failure the CLI reports itself (a usage mistake, an unreadable file), in the same shape as the
 * library's refusals: a stable code, a message naming the cause, a hint with the fix, and the exit
 * code. Messages never contain a token, a key or a secret.
 */
import { EXIT, type ExitCode } from './exit-codes.js';

export type CliErrorCode = 'ERR_CLI_USAGE' | 'ERR_CLI_INPUT' | 'ERR_CLI_OUTPUT_EXISTS' | 'ERR_CLI_UNREACHABLE';

export class CliError extends Error {
  override readonly name = 'CliError';

  constructor(
    readonly code: CliErrorCode,
    message: string,
    readonly hint: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
  }
}

/**
 * A mistake on the command line (exit code 2).
 *
 * @example
 * ```ts
 * throw usageError('--alg is required', 'e.g. tessera keygen --alg ES256 --out key.jwk');
 * ```
 */
export function usageError(message: string, hint: string): CliError {
  return new CliError('ERR_CLI_USAGE', message, hint, EXIT.usage);
}

/**
 * An input that cannot be used (exit code 3).
 *
 * @example
 * ```ts
 * throw inputError('cannot read key.pem (ENOENT)', 'check the path');
 * ```
 */
export function inputError(message: string, hint: string): CliError {
  return new CliError('ERR_CLI_INPUT', message, hint, EXIT.input);
}
