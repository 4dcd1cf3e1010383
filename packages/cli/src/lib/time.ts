/**
 * Times as an operator reads them: a NumericDate in UTC and in local time, and relative to now
 * ("expires in 4m 10s", "expired 3h ago"). Durations show their two largest units.
 */

/** "4m 10s", "3h", "2d 5h", "0s": the two largest non-zero units. */
export function formatDuration(seconds: number): string {
  let s = Math.round(Math.abs(seconds));
  const parts: string[] = [];
  for (const [unit, size] of [['d', 86_400], ['h', 3_600], ['m', 60]] as const) {
    if (s >= size) { parts.push(`${Math.floor(s / size)}${unit}`); s %= size; }
  }
  if (s > 0 || parts.length === 0) parts.push(`${s}s`);
  return parts.slice(0, 2).join(' ');
}

/** ISO 8601 in UTC without milliseconds, or undefined when Date cannot represent the instant. */
export function utc(seconds: number): string | undefined {
  const d = new Date(seconds * 1000);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Local time as `2026-12-06 02:13:24 +01:00` (the process's time zone, `TZ`). */
export function local(seconds: number): string | undefined {
  const d = new Date(seconds * 1000);
  if (Number.isNaN(d.getTime())) return undefined;
  const p = (n: number): string => String(n).padStart(2, '0');
  const offset = -d.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())} ${sign}${p(Math.floor(abs / 60))}:${p(abs % 60)}`;
}

/**
 * A time relative to now, in the words of the claim: `past` for an instant before now or at it
 * (an `exp` equal to now has expired), `future` after it.
 *
 * @example
 * ```ts
 * relative(exp - now, { past: 'expired', future: 'expires in' }); // "expires in 4m 10s"
 * ```
 */
export function relative(delta: number, words: { past: string; future: string }): string {
  return delta > 0 ? `${words.future} ${formatDuration(delta)}` : `${words.past} ${formatDuration(delta)} ago`;
}

/**
 * A time given on the command line (`--at`): ISO 8601, or seconds since the epoch.
 * Returns undefined for anything else.
 */
export function parseInstant(text: string): Date | undefined {
  const d = /^\d+$/.test(text) ? new Date(Number(text) * 1000) : new Date(text);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
