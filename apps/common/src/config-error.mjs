/**
 * What every settings reader of the example apps shares: the error naming the variable at fault,
 * how a value is shown in it (cut, quoted), and the duration format (`10m`, `2s`, `1d`).
 */

/** A start-up failure caused by one environment variable. */
export class ConfigError extends Error {
  /**
   * @param {string} variable the variable at fault
   * @param {string} message what is wrong, starting with the variable's name
   * @param {string} hint what to set instead
   */
  constructor(variable, message, hint) {
    super(message);
    this.name = 'ConfigError';
    this.variable = variable;
    this.hint = hint;
  }
}

/** A duration as the apps write it: a whole number and a unit s, m, h or d. */
export const TTL = /^(\d{1,6})(s|m|h|d)$/;
export const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 };

/** `value` quoted for a message, cut at 80 characters. */
export const shown = (value) => JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);

/** Seconds of a duration in the apps' format, or NaN. */
export function durationSeconds(value) {
  const m = TTL.exec(value);
  return m === null ? NaN : Number(m[1]) * UNIT_SECONDS[m[2]];
}
