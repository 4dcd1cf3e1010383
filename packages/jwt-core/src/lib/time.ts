/**
 * Durations and times: options take seconds or strings like '30s', '5m', '14d'; messages print
 * durations the way people read them ("3m 12s") and instants as ISO 8601.
 */
import { invalidOption } from './errors.js';

/** A duration: seconds, or a string such as `'30s'`, `'5m'`, `'2h'`, `'14d'`. */
export type Duration = number | string;

const UNITS: Record<string, number> = {
  s: 1, sec: 1, secs: 1, second: 1, seconds: 1,
  m: 60, min: 60, mins: 60, minute: 60, minutes: 60,
  h: 3600, hr: 3600, hrs: 3600, hour: 3600, hours: 3600,
  d: 86400, day: 86400, days: 86400,
  w: 604800, week: 604800, weeks: 604800,
  y: 31557600, yr: 31557600, year: 31557600, years: 31557600,
};
const PATTERN = /^(\d+(?:\.\d+)?) *([a-z]+)$/i;

/**
 * Seconds from a number of seconds or a string such as `'90s'`, `'5m'`, `'1.5h'`, `'14d'`.
 * `name` is the option's name, for the message. Throws ERR_JOSE_INVALID_OPTION on anything else,
 * including negative, NaN and infinite values.
 */
export function parseDuration(value: unknown, name: string): number {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value >= 0) return value;
    throw invalidOption(`${name} must be a finite, non-negative number of seconds; got ${String(value)}`, `e.g. { ${name}: 300 } or { ${name}: '5m' }`);
  }
  if (typeof value === 'string') {
    const m = PATTERN.exec(value.trim());
    const unit = m ? UNITS[m[2]!.toLowerCase()] : undefined;
    if (m && unit !== undefined) return Number(m[1]) * unit;
  }
  throw invalidOption(`${name} must be seconds or a duration like '30s', '5m', '2h', '14d'; got ${JSON.stringify(value)}`, 'units: s, m, h, d, w, y (or their long names)');
}

/** Seconds since the epoch, as a JWT NumericDate (RFC 7519 §2), from a Date or the current time. */
export function epochSeconds(date?: Date): number {
  return Math.floor((date ? date.getTime() : Date.now()) / 1000);
}

/** "3m 12s", "2h 5m", "4d 1h", "0s". */
export function formatDuration(seconds: number): string {
  let s = Math.max(0, Math.round(seconds));
  const parts: string[] = [];
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['m', 60]] as const) {
    if (s >= size) { parts.push(`${Math.floor(s / size)}${unit}`); s %= size; }
  }
  if (s > 0 || parts.length === 0) parts.push(`${s}s`);
  return parts.slice(0, 2).join(' ');
}

/** ISO 8601 for a NumericDate, or a note when it is outside what Date can represent. */
export function formatInstant(seconds: number): string {
  const d = new Date(seconds * 1000);
  return Number.isNaN(d.getTime()) ? `NumericDate ${seconds}` : d.toISOString().replace('.000Z', 'Z');
}
