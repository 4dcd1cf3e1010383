/** Turning a case's JSON options into the options object a verifier takes. */
import type { VerifyCase, VerifyOptionsJson } from './types.js';

/**
 * The case's options with `currentDate` (a NumericDate in the data) as a `Date`, merged with
 * `extra` (e.g. `{ backend: 'noble' }`). Everything else is passed through unchanged, including
 * deliberately bad values in the `neg-option-*` cases.
 *
 * @example
 * ```ts
 * await verifyJwt(c.token, key, toVerifyOptions(c.options, { backend: 'webcrypto' }));
 * ```
 */
export function toVerifyOptions(options: VerifyOptionsJson, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = { ...options, ...extra };
  if (typeof options.currentDate === 'number') out.currentDate = new Date(options.currentDate * 1000);
  return out;
}

/** The case's `currentDate` as a Date, or undefined when the case does not fix the clock. */
export function caseDate(c: VerifyCase): Date | undefined {
  return typeof c.options.currentDate === 'number' ? new Date(c.options.currentDate * 1000) : undefined;
}
