/**
 * `tessera <command>`: dispatch, the top-level help, and the one place failures become output
 * and exit codes.
 */
import { decode } from './commands/decode.js';
import { doctor } from './commands/doctor.js';
import { jwks } from './commands/jwks.js';
import { keygen } from './commands/keygen.js';
import { verify } from './commands/verify.js';
import { EXIT, exitCodeHelp } from './lib/exit-codes.js';
import { reportFailure } from './lib/failure.js';
import type { Io } from './lib/io.js';

export const HELP = `Usage: tessera <command> [options]

Commands:
  decode <token | ->   explain a token without a key: header, claims, timeline, size, warnings
  verify <token | ->   verify it with --key <file>, --jwks <url> or --secret env:NAME
  keygen --alg <alg>   make a signing key: private part to a file (mode 0600), public part printed
  jwks <key files...>  the public JWKS of a key ring, as the auth layer publishes it
  doctor --url <url>   probe a running deployment: clock, JWKS and its caching, instances with
                       different keys, the header size that gets through, CORS

Every command takes --help and --json. Colour only on a terminal, never with NO_COLOR set.

Exit codes:
${exitCodeHelp([EXIT.ok, EXIT.refused, EXIT.usage, EXIT.input, EXIT.unavailable, EXIT.problems])}
`;

const COMMANDS: Record<string, (argv: readonly string[], io: Io) => Promise<number>> = { decode, verify, keygen, jwks, doctor };

/**
 * Run the CLI with `argv` (without `node` and the script) and return the exit code.
 *
 * @example
 * ```ts
 * process.exitCode = await run(['decode', '--json', token], processIo());
 * ```
 */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(HELP);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    io.stderr(`tessera: unknown command ${JSON.stringify(name.slice(0, 40))}\n  hint: one of ${Object.keys(COMMANDS).join(', ')}; tessera --help lists them\n`);
    return EXIT.usage;
  }
  try {
    return await command(rest, io);
  } catch (err) {
    return reportFailure(err, io, rest.includes('--json'));
  }
}
