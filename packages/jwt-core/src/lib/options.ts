/**
 * The option checks every public operation shares (JWS, JWE, JWT, keys, key sets). A bad option
 * is a programmer error reported at the call that passed it (`ERR_JOSE_INVALID_OPTION`), never a
 * silently weaker check, and it reads the same whichever operation refused it.
 */
import { BACKEND_NAMES, type BackendName } from './backends/types.js';
import { describeValue } from './describe.js';
import { invalidOption } from './errors.js';
import { quote } from './quote.js';

/**
 * `options` as a plain object; anything else (null, an array, a string) is refused, naming `fn`
 * and showing `example` as the hint.
 *
 * @example
 * ```ts
 * const opts = optionsObject(options, 'verifyJws', "verifyJws(token, key, { algorithms: ['HS256'] })");
 * ```
 */
export function optionsObject(options: unknown, fn: string, example: string): Record<string, unknown> {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw invalidOption(`${fn}: options must be an object, got ${describeValue(options)}`, `e.g. ${example}`);
  }
  return options as Record<string, unknown>;
}

/**
 * Refuse option names nobody reads: a typo such as `audiance` must not silently skip a check.
 *
 * @example
 * ```ts
 * checkOptionNames(opts, ['algorithms', 'critical'], 'verifyJws');
 * ```
 */
export function checkOptionNames(options: object, known: readonly string[], fn: string): void {
  for (const name of Object.keys(options)) {
    if (!known.includes(name)) {
      throw invalidOption(`${fn}: unknown option ${quote(name, 40)}`, `known options: ${known.join(', ')}`);
    }
  }
}

/**
 * A positive integer limit (a size, a count, an iteration bound), or `fallback` when absent.
 *
 * @example
 * ```ts
 * parseLimit(opts.maxTokenLength, 'maxTokenLength', DEFAULT_LIMITS.maxTokenLength); // 16384 when absent
 * ```
 */
export function parseLimit(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw invalidOption(`${name} must be a positive integer, got ${typeof value === 'number' ? value : describeValue(value)}`,
      `omit ${name} for the default (${fallback}), or pass a whole number of at least 1`);
  }
  return value;
}

/**
 * The `backend` option: one of the crypto backends by name, or undefined for the fastest available.
 *
 * @example
 * ```ts
 * parseBackend('noble'); // 'noble'
 * ```
 */
export function parseBackend(value: unknown): BackendName | undefined {
  if (value === undefined) return undefined;
  if (!BACKEND_NAMES.includes(value as BackendName)) {
    throw invalidOption(`backend must be one of ${BACKEND_NAMES.join(', ')}, got ${typeof value === 'string' ? quote(value, 40) : describeValue(value)}`,
      'omit backend to use the fastest one this runtime has; force one only to test or to compare');
  }
  return value as BackendName;
}

/**
 * A required, non-empty allow-list of algorithm names, each checked by `one`, de-duplicated and
 * frozen (RFC 8725 §3.1: the caller decides which algorithms are accepted, never the token).
 *
 * @example
 * ```ts
 * parseAllowList(opts.algorithms, 'algorithms', parseJwsAlgorithm, "{ algorithms: ['RS256'] }");
 * ```
 */
export function parseAllowList<T>(value: unknown, name: string, one: (v: unknown, n: string) => T, example: string): readonly T[] {
  if (value === undefined) {
    throw invalidOption(`${name} is required: the allow-list of algorithms your tokens use`, `e.g. ${example}; the token's own header never decides`);
  }
  if (!Array.isArray(value) || value.length === 0) {
    throw invalidOption(`${name} must be a non-empty array of algorithm names, got ${Array.isArray(value) ? 'an empty array' : describeValue(value)}`, `e.g. ${example}`);
  }
  const out: T[] = [];
  for (const v of value) {
    const alg = one(v, name);
    if (!out.includes(alg)) out.push(alg);
  }
  return Object.freeze(out);
}
