/**
 * How a command's failure is shown: the code, the message and the hint (the library's own for a
 * refusal), on standard error, or as `{ ok: false, error }` on standard output with `--json`,
 * with the exit code for its kind. Only the error's documented fields are printed: never a
 * token, a key or a secret (the library's messages carry none either).
 */
import { JoseError } from '@tessera/jwt-core';
import { CliError } from './cli-error.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import type { Io } from './io.js';
import { json, style } from './style.js';

/** A failure with the exit code it ends the command with. */
export class CommandFailure extends Error {
  constructor(readonly error: JoseError | CliError, readonly exitCode: ExitCode) {
    super(error.message);
  }
}

/**
 * Tag a library error with the exit code of the step that raised it.
 *
 * @example
 * ```ts
 * try { keys = await loadKeys(files); } catch (err) { throw failWith(err, EXIT.input); }
 * ```
 */
export function failWith(err: unknown, exitCode: ExitCode): unknown {
  return err instanceof JoseError ? new CommandFailure(err, exitCode) : err;
}

/** The JSON form of an error: code, message, hint and the library's structured details. */
export function errorJson(err: JoseError | CliError): Record<string, unknown> {
  const out: Record<string, unknown> = { code: err.code, message: err.message };
  if (err.hint !== undefined) out.hint = err.hint;
  if (err instanceof JoseError) {
    for (const k of ['claim', 'reason', 'alg', 'kid', 'knownKids', 'allowed', 'limit'] as const) if (err[k] !== undefined) out[k] = err[k];
  }
  return out;
}

/**
 * Print `err` for the user and return the exit code; an error that is neither the library's nor
 * the CLI's is a bug, reported as such (exit 70, EX_SOFTWARE) without its stack unless DEBUG is set.
 */
export function reportFailure(err: unknown, io: Io, asJson: boolean): number {
  let failure: CommandFailure | undefined;
  if (err instanceof CommandFailure) failure = err;
  else if (err instanceof CliError) failure = new CommandFailure(err, err.exitCode);
  else if (err instanceof JoseError) failure = new CommandFailure(err, EXIT.input);
  if (failure === undefined) {
    const detail = io.env.DEBUG ? `\n${(err as Error)?.stack ?? String(err)}` : '';
    io.stderr(`tessera: internal error: ${err instanceof Error ? err.message : String(err)}${detail}\nPlease report it with the command you ran (never the token or key).\n`);
    return 70;
  }
  const e = failure.error;
  if (asJson) {
    io.stdout(json({ ok: false, error: errorJson(e) }));
  } else {
    const s = style(io.color);
    io.stderr(`${s.red(e.code)}: ${e.message}\n${e.hint === undefined ? '' : `  hint: ${e.hint}\n`}`);
  }
  return failure.exitCode;
}
