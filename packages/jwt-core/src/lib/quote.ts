/**
 * Printing token-controlled values (iss, aud, sub, alg, crit names) inside error messages. They
 * are not secret, but they are attacker-chosen: control characters and newlines are escaped (no
 * log injection) and long values are cut so a message stays one readable line.
 */

/** `'value'` with JSON escapes, cut to `max` characters; non-strings are described by JSON. */
export function quote(value: unknown, max = 100): string {
  if (typeof value !== 'string') {
    let json: string | undefined;
    try {
      json = JSON.stringify(value);
    } catch {
      json = undefined;
    }
    const text = json ?? String(typeof value);
    return text.length > max ? `${text.slice(0, max)}…` : text;
  }
  const cut = value.length > max ? value.slice(0, max) : value;
  const escaped = JSON.stringify(cut).slice(1, -1).replace(/'/g, "\\'");
  return `'${escaped}${cut === value ? '' : '…'}'`;
}

/** `'a', 'b' or 'c'` for lists in messages, at most `maxItems` shown. */
export function quoteList(values: readonly unknown[], joiner = 'or', maxItems = 10): string {
  const shown = values.slice(0, maxItems).map((v) => quote(v));
  if (values.length > maxItems) shown.push(`(${values.length - maxItems} more)`);
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} ${joiner} ${shown[shown.length - 1]}`;
}
