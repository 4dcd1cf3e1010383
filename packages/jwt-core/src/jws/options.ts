/**
 * Parsing and validating JWS verification options once, up front (a bad option is a programmer
 * error reported at the call that passed it, never a silently weaker check). The prepared form is
 * what the per-token pipeline reads; the pre-bound verifier builds it exactly once.
 */
import { invalidOption, joseError } from '../lib/errors.js';
import { isJwsAlgorithm, JWS_ALGORITHMS, type JwsAlgorithm } from '../lib/algorithms.js';
import type { BackendName } from '../lib/backends/types.js';
import { DEFAULT_LIMITS } from '../lib/limits.js';
import { quote } from '../lib/quote.js';
import { describeValue } from '../lib/describe.js';
import { parseAllowList, parseBackend, parseLimit } from '../lib/options.js';
import { isKey } from '../jwk/key.js';
import type { KeyInput } from '../jwks/types.js';
import { isKeySet } from '../jwks/select.js';
import { parseCriticalOption } from './crit.js';

/** The option names of verifyJws; verifyJwt and createVerifier add theirs. */
export const JWS_VERIFY_OPTION_NAMES = [
  'algorithms', 'critical', 'context', 'backend', 'maxTokenLength', 'maxHeaderBytes', 'maxJsonDepth', 'maxKeysTried',
] as const;

/** Validated JWS verification options. */
export interface JwsVerifyConfig {
  readonly keys: KeyInput;
  /** Whether `keys` is one fixed key (not a key set or a resolver). */
  readonly singleKey: boolean;
  readonly algorithms: readonly JwsAlgorithm[];
  readonly critical: ReadonlySet<string>;
  readonly backend: BackendName | undefined;
  readonly context: unknown;
  readonly maxTokenLength: number;
  readonly maxHeaderBytes: number;
  readonly maxJsonDepth: number;
  readonly maxKeysTried: number;
}

/** One JWS algorithm of the allow-list: known to Tessera, and never `none`. */
function parseJwsAlgorithm(alg: unknown, name: string): JwsAlgorithm {
  if (typeof alg === 'string' && alg.toLowerCase() === 'none') {
    throw invalidOption(`${name} lists 'none': 'none' is never accepted (unsigned tokens)`, 'list the algorithm your issuer signs with');
  }
  if (!isJwsAlgorithm(alg)) {
    throw invalidOption(`${name} lists ${quote(alg, 40)}, which is not a JWS algorithm Tessera implements`, `known: ${JWS_ALGORITHMS.join(', ')}`);
  }
  return alg;
}

/** The required allow-list (RFC 8725 §3.1): known JWS algorithms; `none` never. */
export function parseAlgorithms(value: unknown): readonly JwsAlgorithm[] {
  return parseAllowList(value, 'algorithms', parseJwsAlgorithm, "{ algorithms: ['RS256'] }");
}

/**
 * What verification accepts as keys: a Tessera key, a key set (`select`, `jwks`) or a resolver function.
 * Anything else (a string, a Buffer, a JWK object, null, '' — CVE-2026-44351) is refused here.
 */
export function checkKeyInput(keys: unknown): KeyInput {
  if (isKey(keys) || typeof keys === 'function') return keys as KeyInput;
  if (isKeySet(keys)) return keys;
  throw joseError('ERR_JWK_INVALID', `expected a key, a key set or a key resolver function; got ${describeValue(keys)}`, {
    hint: 'import the key material once at start-up (importJwk, importPem, importSecret, createKeySet) and pass the result',
  });
}

/**
 * A single key that cannot verify any allowed algorithm can never accept a token: say so now,
 * at configuration time, rather than on every request.
 */
function checkSingleKey(keys: KeyInput, algorithms: readonly JwsAlgorithm[]): void {
  if (!isKey(keys)) return;
  if (keys.use !== 'sig') {
    throw joseError('ERR_JWK_INVALID', `the key${keys.kid ? ` (kid ${quote(keys.kid)})` : ''} is an encryption key (use 'enc'); it cannot verify signatures`, {
      hint: 'import the key for a signature algorithm, e.g. { alg: "RS256" }',
    });
  }
  if (!algorithms.some((alg) => keys.algorithms.includes(alg))) {
    throw joseError('ERR_JOSE_ALG_NOT_ALLOWED', `the ${keys.kty} key is bound to ${keys.algorithms.join(', ')} and can verify none of the allowed algorithms (${algorithms.join(', ')})`, {
      allowed: algorithms,
      hint: 'a key is bound to one algorithm family (RFC 8725 §3.1): pass the key your issuer signs with, or fix algorithms',
    });
  }
}

/** Validate the JWS part of verify options (the caller has checked the option names). */
export function parseJwsVerifyOptions(keys: unknown, options: Record<string, unknown>): JwsVerifyConfig {
  const keyInput = checkKeyInput(keys);
  const algorithms = parseAlgorithms(options.algorithms);
  checkSingleKey(keyInput, algorithms);
  return {
    keys: keyInput,
    singleKey: isKey(keyInput),
    algorithms,
    critical: parseCriticalOption(options.critical),
    backend: parseBackend(options.backend),
    context: options.context,
    maxTokenLength: parseLimit(options.maxTokenLength, 'maxTokenLength', DEFAULT_LIMITS.maxTokenLength),
    maxHeaderBytes: parseLimit(options.maxHeaderBytes, 'maxHeaderBytes', DEFAULT_LIMITS.maxHeaderBytes),
    maxJsonDepth: parseLimit(options.maxJsonDepth, 'maxJsonDepth', DEFAULT_LIMITS.maxJsonDepth),
    maxKeysTried: parseLimit(options.maxKeysTried, 'maxKeysTried', DEFAULT_LIMITS.maxKeysTried),
  };
}
