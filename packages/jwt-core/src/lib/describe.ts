/**
 * Describing values in error messages by their kind and size, never their content: an option or
 * an argument may hold a key, a secret or a token, and messages must not repeat it.
 */

/** A short description of a value for error messages, never its content. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return value.length === 0 ? 'an empty string' : `a string of ${count(value.length, 'character')}`;
  if (value instanceof Uint8Array) return count(value.length, 'byte');
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object') return Array.isArray(value) ? 'an array' : `an object (${Object.prototype.toString.call(value)})`;
  return `a ${typeof value}`;
}

/** "1 byte", "3 bytes". */
function count(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
