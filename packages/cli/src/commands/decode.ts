/** `tessera decode <token | ->`: explain a token without a key, and never verify it. */
import { inspect } from '../decode/inspect.js';
import { renderReport } from '../decode/render.js';
import { parse } from '../lib/args.js';
import { EXIT, exitCodeHelp } from '../lib/exit-codes.js';
import { failWith } from '../lib/failure.js';
import type { Io } from '../lib/io.js';
import { json, style } from '../lib/style.js';
import { readToken } from '../lib/token-input.js';

export const DECODE_HELP = `Usage: tessera decode <token | -> [--json]

Show a token's header and claims, its timeline (iat, nbf, exp in UTC and local time, relative
to now), its size against the cookie (4096 bytes) and header (8 KB) limits, and warnings (no
exp, a lifetime of days, no kid, a shared-secret alg on a token for other services, iat in the
future). A JWE (5 parts) is described as far as possible without a key; a nested token is
decoded too. Nothing is verified: use tessera verify for that.

  <token>   the token; "-" reads it from standard input (keeps it out of shell history).
            A pasted "Bearer " prefix is removed.
  --json    the report as JSON: { ok, verified: false, kind, header, claims, timeline, size, warnings, ... }
  -h, --help

Exit codes:
${exitCodeHelp([EXIT.ok, EXIT.usage, EXIT.input])}
`;

/**
 * Run `tessera decode`.
 *
 * @example
 * ```ts
 * const code = await decode(['--json', token], io);
 * ```
 */
export async function decode(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse('decode', argv, {});
  if (values.help === true) { io.stdout(DECODE_HELP); return EXIT.ok; }
  const token = await readToken('decode', positionals, io);
  let report;
  try {
    report = inspect(token, io.now());
  } catch (err) {
    throw failWith(err, EXIT.input);
  }
  io.stdout(values.json === true ? json({ ok: true, ...report }) : renderReport(report, style(io.color)));
  return EXIT.ok;
}
