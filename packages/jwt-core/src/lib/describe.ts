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

/** Letters whose name starts with a vowel sound: "an HS256", "an RSA", "an X25519", but "a PS256". */
const VOWEL_SOUND_LETTERS = 'AEFHILMNORSX';

/**
 * `phrase` with the English indefinite article its first word takes when read aloud. Algorithm
 * and key-type names are read letter by letter ("an ES256", "an HMAC", "an RSA", "an EdDSA",
 * "an HS256", "a PS256", "a P-256"); ordinary words by their first letter ("an object", "a
 * secret", "a user").
 *
 * @example
 * ```ts
 * `${withArticle('ES256')} signing key`; // "an ES256 signing key"
 * ```
 */
export function withArticle(phrase: string): string {
  return `${startsWithVowelSound(phrase) ? 'an' : 'a'} ${phrase}`;
}

function startsWithVowelSound(phrase: string): boolean {
  const first = phrase.charAt(0);
  // A name read letter by letter: an upper-case letter followed by an upper-case letter, a digit,
  // a hyphen or nothing (HS256, RSA, P-256, X25519), or a vowel-initial name such as EdDSA.
  if (/^[A-Z](?:[A-Z0-9-]|$)/.test(phrase)) return VOWEL_SOUND_LETTERS.includes(first);
  if (/^u(?:ni|s|t[fi])/i.test(phrase)) return false; // "a unique", "a user", "a UTF-8"
  return /^[aeiou]/i.test(phrase);
}
