/**
 * The token's timeline: `iat`, `nbf` and `exp` in UTC, in local time and relative to now, its
 * lifetime, and whether the claims alone make it valid now. Nothing here is verified.
 */
import { formatDuration, local, relative, utc } from '../lib/time.js';
import type { Timeline, TimelineEntry } from './types.js';

const WORDS = {
  iat: { past: 'issued', future: 'issued in' },
  nbf: { past: 'valid since', future: 'valid in' },
  exp: { past: 'expired', future: 'expires in' },
} as const;

function isNumericDate(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function entry(claim: TimelineEntry['claim'], value: unknown, now: number): TimelineEntry {
  if (!isNumericDate(value)) return { claim, value, problem: `${claim} is not a NumericDate (seconds since the epoch): the library refuses the token` };
  const iso = utc(value);
  if (iso === undefined) return { claim, value, problem: `${claim} is out of the range of dates` };
  return { claim, value, utc: iso, local: local(value)!, relative: relative(value - now, WORDS[claim]) };
}

/**
 * The timeline of `claims` as of `now` (seconds since the epoch); undefined when the token has
 * none of `iat`, `nbf`, `exp`... except that a token without `exp` always gets one, to say so.
 *
 * @example
 * ```ts
 * timeline({ iat: 1700000000, exp: 1700000900 }, 1700000650).entries[1].relative; // "expires in 4m 10s"
 * ```
 */
export function timeline(claims: Record<string, unknown>, now: number): Timeline {
  const entries = (['iat', 'nbf', 'exp'] as const).filter((c) => c in claims).map((c) => entry(c, claims[c], now));
  const { iat, nbf, exp } = claims;
  const result: Timeline = { entries, status: 'valid' };
  if (isNumericDate(iat) && isNumericDate(exp)) {
    result.lifetimeSeconds = exp - iat;
    result.lifetime = exp >= iat ? formatDuration(exp - iat) : `negative (exp is ${formatDuration(iat - exp)} before iat)`;
  }
  if (isNumericDate(exp) && exp <= now) result.status = 'expired';
  else if (isNumericDate(nbf) && nbf > now) result.status = 'not-yet-valid';
  else if (!isNumericDate(exp)) result.status = 'never-expires';
  return result;
}
