/**
 * Validating encryptJwe / decryptJwe options up front: a bad option is a programmer error reported
 * at the call (ERR_JOSE_INVALID_OPTION), never a silently weaker check.
 */
import { invalidOption } from '../lib/errors.js';
import { describeValue } from '../lib/describe.js';
import { algorithmInfo, JWE_CONTENT_ALGORITHMS, JWE_KEY_ALGORITHMS, type JweContentAlgorithm, type JweKeyAlgorithm } from '../lib/algorithms.js';
import { DEFAULT_LIMITS } from '../lib/limits.js';
import { isSupportedKeyAlgorithm } from './keymgmt/index.js';
import { DEFAULT_MAX_PBES2_COUNT } from './keymgmt/params.js';
import { JWE_REGISTERED_HEADERS } from './crit.js';

const SUPPORTED_KEY_ALGS = JWE_KEY_ALGORITHMS.filter(isSupportedKeyAlgorithm);
const RSA1_5_HINT = 'RSA1_5 (RSAES-PKCS1-v1_5) is not supported: it is open to Bleichenbacher padding-oracle attacks (RFC 7516 §11.5); use RSA-OAEP-256';

export function isKeyAlgorithm(alg: unknown): alg is JweKeyAlgorithm {
  return isSupportedKeyAlgorithm(alg);
}

export function isContentAlgorithm(enc: unknown): enc is JweContentAlgorithm {
  return typeof enc === 'string' && (JWE_CONTENT_ALGORITHMS as readonly string[]).includes(enc);
}

/** One key-management algorithm name (for encryption). */
export function parseKeyAlgorithm(value: unknown, name = 'alg'): JweKeyAlgorithm {
  if (value === 'RSA1_5') throw invalidOption(`${name} 'RSA1_5' is not supported`, RSA1_5_HINT);
  if (!isKeyAlgorithm(value)) {
    const what = algorithmInfo(value)?.use === 'sig' ? ' (a signature algorithm: use signJws/signJwt)' : '';
    throw invalidOption(`${name} must be a JWE key-management algorithm, got ${describeAlg(value)}${what}`, `known: ${SUPPORTED_KEY_ALGS.join(', ')}`);
  }
  return value;
}

export function parseContentAlgorithm(value: unknown, name = 'enc'): JweContentAlgorithm {
  if (!isContentAlgorithm(value)) {
    throw invalidOption(`${name} must be a JWE content-encryption algorithm, got ${describeAlg(value)}`, `known: ${JWE_CONTENT_ALGORITHMS.join(', ')}`);
  }
  return value;
}

/** The `critical` option: extension names the caller processes itself. */
export function parseCritical(value: unknown): ReadonlySet<string> {
  if (value === undefined) return new Set();
  if (!Array.isArray(value) || value.some((n) => typeof n !== 'string' || n.length === 0 || JWE_REGISTERED_HEADERS.has(n))) {
    throw invalidOption('critical must be an array of extension header parameter names (not registered ones like alg, enc, zip)', "list only the extensions your code checks itself, e.g. { critical: ['exp'] }");
  }
  return new Set(value as string[]);
}

function describeAlg(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : describeValue(value);
}

export const DEFAULTS = { ...DEFAULT_LIMITS, maxPbes2Count: DEFAULT_MAX_PBES2_COUNT } as const;
