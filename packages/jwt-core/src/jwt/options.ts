/**
 * The JWT claim options of verifyJwt and createVerifier, validated once. Wrong types, negative,
 * infinite or absurd durations are refused as ERR_JOSE_INVALID_OPTION: an unbounded clock
 * tolerance would switch the expiry check off (GHSA-687g-22h4-j4w4).
 */
import { invalidOption } from '../lib/errors.js';
import { DEFAULT_LIMITS } from '../lib/limits.js';
import { parseDuration } from '../lib/time.js';
import { describeValue } from '../lib/describe.js';

/** The option names verifyJwt adds to verifyJws's. */
export const JWT_CLAIM_OPTION_NAMES = [
  'issuer', 'audience', 'subject', 'clockTolerance', 'maxTokenAge', 'requiredClaims', 'typ', 'currentDate',
] as const;

/** Default leeway for exp, nbf and iat, in seconds. */
export const DEFAULT_CLOCK_TOLERANCE = 5;

/** Validated claim options. Times are in seconds. */
export interface ClaimsConfig {
  readonly issuer: readonly string[] | undefined;
  readonly audience: readonly string[] | undefined;
  readonly subject: string | undefined;
  readonly clockTolerance: number;
  readonly maxTokenAge: number | undefined;
  readonly requiredClaims: readonly string[];
  /** The expected `typ`, normalised (see normaliseTyp). */
  readonly typ: string | undefined;
  /** The expected `typ` as the caller wrote it, for messages. */
  readonly typDisplay: string | undefined;
  /** A fixed time in seconds, or undefined for the clock. */
  readonly currentTime: number | undefined;
}

/**
 * RFC 7515 §4.1.9: `typ` is a media type, compared case-insensitively, and a value without `/`
 * means `application/<value>`. So 'JWT', 'jwt' and 'application/jwt' are equal.
 */
export function normaliseTyp(typ: string): string {
  const lower = typ.toLowerCase();
  return lower.includes('/') ? lower : `application/${lower}`;
}

function nonEmptyString(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw invalidOption(`${name} must be a non-empty string, got ${value === '' ? 'an empty string' : describeValue(value)}`, `omit ${name} to skip the check, or give the exact value to expect`);
  }
  return value;
}

/** One string or a non-empty list of strings. */
function stringList(value: unknown, name: string): readonly string[] | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return Object.freeze([nonEmptyString(value, name)]);
  if (!Array.isArray(value) || value.length === 0) {
    throw invalidOption(`${name} must be a string or a non-empty array of strings, got ${Array.isArray(value) ? 'an empty array' : describeValue(value)}`, `e.g. { ${name}: 'https://auth.example.com' }, or omit it to skip the check`);
  }
  return Object.freeze(value.map((v, i) => nonEmptyString(v, `${name}[${i}]`)));
}

/** A Date option; an invalid Date is refused rather than turning every comparison false. */
export function parseDate(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw invalidOption(`${name} must be a valid Date, got ${value instanceof Date ? 'an invalid Date' : describeValue(value)}`, `omit ${name} to use the current time, or pass a Date such as new Date('2030-01-01T00:00:00Z')`);
  }
  return value.getTime() / 1000;
}

/** Validate the claim options (the caller has checked the option names). */
export function parseClaimsOptions(options: Record<string, unknown>): ClaimsConfig {
  const clockTolerance = options.clockTolerance === undefined ? DEFAULT_CLOCK_TOLERANCE : parseDuration(options.clockTolerance, 'clockTolerance');
  if (clockTolerance > DEFAULT_LIMITS.maxClockTolerance) {
    throw invalidOption(`clockTolerance is ${clockTolerance}s, over the maximum of ${DEFAULT_LIMITS.maxClockTolerance}s`, 'clocks drift by seconds; a large tolerance extends every token\'s lifetime');
  }
  const maxTokenAge = options.maxTokenAge === undefined ? undefined : parseDuration(options.maxTokenAge, 'maxTokenAge');
  const required = options.requiredClaims;
  if (required !== undefined && !Array.isArray(required)) {
    throw invalidOption(`requiredClaims must be an array of claim names, got ${describeValue(required)}`, "e.g. { requiredClaims: ['exp', 'sub'] }");
  }
  const typ = options.typ === undefined ? undefined : nonEmptyString(options.typ, 'typ');
  const subject = options.subject === undefined ? undefined : nonEmptyString(options.subject, 'subject');
  return {
    issuer: stringList(options.issuer, 'issuer'),
    audience: stringList(options.audience, 'audience'),
    subject,
    clockTolerance,
    maxTokenAge,
    requiredClaims: Object.freeze((required ?? []).map((c: unknown, i: number) => nonEmptyString(c, `requiredClaims[${i}]`))),
    typ: typ === undefined ? undefined : normaliseTyp(typ),
    typDisplay: typ,
    currentTime: parseDate(options.currentDate, 'currentDate'),
  };
}
