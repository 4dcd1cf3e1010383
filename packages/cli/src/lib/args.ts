/**
 * Argument parsing on Node's own `util.parseArgs` (strict: an unknown option or a missing value is
 * a usage error with exit code 2, never ignored). Every command also takes `--help` and `--json`.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { usageError } from './cli-error.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface Parsed {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
}

/**
 * Parse `argv` for a command; `--help` and `--json` are added to its options.
 *
 * @example
 * ```ts
 * const { values, positionals } = parse('decode', argv, { at: { type: 'string' } });
 * ```
 */
export function parse(command: string, argv: readonly string[], options: OptionSpec): Parsed {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { ...options, help: { type: 'boolean', short: 'h' }, json: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
    return { values: values as Parsed['values'], positionals };
  } catch (err) {
    // parseArgs' messages name the option, never its value beyond what the user typed as a flag.
    const message = err instanceof Error ? err.message.split('\n')[0]! : String(err);
    throw usageError(`tessera ${command}: ${message.replace(/\. To specify a positional argument.*$/, '')}`, `see tessera ${command} --help`);
  }
}

/** A string option given once; repeated strings are a usage error. */
export function stringOption(values: Parsed['values'], name: string, command: string): string | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  if (Array.isArray(v)) throw usageError(`tessera ${command}: --${name} was given more than once`, `give --${name} once`);
  return typeof v === 'string' ? v : undefined;
}

/** A list option: repeated (`--alg RS256 --alg ES256`) or comma-separated (`--alg RS256,ES256`). */
export function listOption(values: Parsed['values'], name: string): string[] {
  const v = values[name];
  const list = v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)];
  return list.flatMap((s) => s.split(',')).map((s) => s.trim()).filter((s) => s !== '');
}
