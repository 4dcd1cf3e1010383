/**
 * The exit codes of every `tessera` command, documented in each command's `--help` and the README.
 * Scripts switch on them; they are only ever added to, never renumbered.
 */
export const EXIT = Object.freeze({
  /** Done: the token decoded, verified, the key was written, the JWKS printed. */
  ok: 0,
  /** `verify`: the token was refused; the library's code, message and hint are printed. */
  refused: 1,
  /** The command line is wrong: an unknown option, a missing argument, a secret passed as a literal. */
  usage: 2,
  /** An input cannot be used: not a token, a key file that cannot be read or imported, an output file that exists. */
  input: 3,
  /** `verify --jwks`, `doctor`: the endpoint could not be reached or did not answer in time. */
  unavailable: 4,
  /** `doctor`: a problem was found (each printed with its cause and fix). */
  problems: 5,
});

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The table printed under "Exit codes" in every command's help. */
export function exitCodeHelp(codes: readonly ExitCode[]): string {
  const text: Record<ExitCode, string> = {
    0: 'success',
    1: 'the token was refused (the code, message and hint say why)',
    2: 'usage error (unknown option, missing argument, a secret on the command line)',
    3: 'an input cannot be used (not a token, an unreadable or invalid key file, an existing output file)',
    4: 'the endpoint could not be reached',
    5: 'doctor found a problem (each is printed with its fix)',
  };
  return codes.map((c) => `  ${c}  ${text[c]}`).join('\n');
}
