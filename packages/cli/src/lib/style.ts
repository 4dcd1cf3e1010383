/**
 * Colour for human output, and nothing else: plain text when the output is not a terminal or
 * `NO_COLOR` is set (decided once in `Io.color`), and never in `--json` output.
 */
export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
}

const plain = (text: string): string => text;
const sgr = (open: number, close: number) => (text: string): string => `\u001b[${open}m${text}\u001b[${close}m`;

/**
 * The style for an output that does (or does not) take colour.
 *
 * @example
 * ```ts
 * const s = style(io.color);
 * io.stdout(`${s.red('refused')}: ${err.message}\n`);
 * ```
 */
export function style(color: boolean): Style {
  if (!color) return { bold: plain, dim: plain, red: plain, yellow: plain, green: plain };
  return { bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), yellow: sgr(33, 39), green: sgr(32, 39) };
}

/** JSON output: one document, two-space indented, ending with a newline. */
export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
