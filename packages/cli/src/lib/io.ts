/**
 * What a command touches outside itself: its output streams, standard input, the environment, the
 * clock and `fetch`. Commands take an {@link Io} so tests run them in-process with a frozen clock;
 * `bin.ts` passes {@link processIo}.
 */

export interface Io {
  /** Writes to standard output (the command's result). */
  stdout(text: string): void;
  /** Writes to standard error (notes and errors). */
  stderr(text: string): void;
  /** All of standard input, as text. */
  readStdin(): Promise<string>;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The current time. */
  now(): Date;
  /** Whether standard output takes colour: a TTY, and NO_COLOR unset. */
  readonly color: boolean;
  readonly fetch: typeof fetch;
}

/**
 * The real process: colour only on a TTY and only when `NO_COLOR` is unset or empty
 * (https://no-color.org); `FORCE_COLOR=1` forces it on.
 *
 * @example
 * ```ts
 * process.exitCode = await run(process.argv.slice(2), processIo());
 * ```
 */
export function processIo(): Io {
  const env = process.env;
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0';
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    readStdin: async () => {
      if (process.stdin.isTTY) return '';
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    env,
    now: () => new Date(),
    color: !noColor && (forced || process.stdout.isTTY === true),
    fetch: globalThis.fetch,
  };
}
