/** Validated decryptJwe options (ERR_JOSE_INVALID_OPTION on anything wrong, at the call). */
import type { JweContentAlgorithm, JweKeyAlgorithm } from '../lib/algorithms.js';
import type { BackendName } from '../lib/backends/types.js';
import { invalidOption } from '../lib/errors.js';
import { describeValue } from '../lib/describe.js';
import { DEFAULT_MAX_DECOMPRESSED_BYTES } from './zip.js';
import { checkOptionNames, optionsObject, parseAllowList, parseBackend, parseLimit } from '../lib/options.js';
import { DEFAULTS, parseContentAlgorithm, parseCritical, parseKeyAlgorithm } from './options.js';

export const DECRYPT_OPTION_NAMES = [
  'algorithms', 'encryptionAlgorithms', 'critical', 'maxPbes2Count', 'context', 'backend',
  'maxTokenLength', 'maxHeaderBytes', 'maxJsonDepth', 'maxKeysTried', 'zip', 'maxDecompressedBytes', 'maxRecipients',
] as const;

export interface DecryptConfig {
  readonly algorithms: readonly JweKeyAlgorithm[];
  readonly encryptionAlgorithms: readonly JweContentAlgorithm[];
  readonly critical: ReadonlySet<string>;
  readonly maxPbes2Count: number;
  readonly context: unknown;
  readonly backend: BackendName | undefined;
  readonly maxTokenLength: number;
  readonly maxHeaderBytes: number;
  readonly maxJsonDepth: number;
  readonly maxKeysTried: number;
  /** Whether `zip: "DEF"` is accepted (default false: refused, as before compression was supported). */
  readonly zip: boolean;
  readonly maxDecompressedBytes: number;
  /** Recipients accepted in a general JSON serialization (decryptJweJson). */
  readonly maxRecipients: number;
}

/** Recipients accepted in a general JSON JWE by default; each costs a key selection and perhaps an unwrap. */
export const DEFAULT_MAX_RECIPIENTS = 8;

function zipOption(value: unknown): boolean {
  if (value === undefined || value === false) return false;
  if (value === true) return true;
  throw invalidOption(`zip must be true or false, got ${describeValue(value)}`, 'pass { zip: true } to accept zip: "DEF" JWEs (inflated within maxDecompressedBytes)');
}

export function parseDecryptOptions(options: unknown, fn = 'decryptJwe'): DecryptConfig {
  const o = optionsObject(options, fn, `${fn}(token, key, { algorithms: ['RSA-OAEP-256'], encryptionAlgorithms: ['A128CBC-HS256'] })`);
  checkOptionNames(o, DECRYPT_OPTION_NAMES, fn);
  return {
    algorithms: parseAllowList(o['algorithms'], 'algorithms', parseKeyAlgorithm, "{ algorithms: ['RSA-OAEP-256'] }"),
    encryptionAlgorithms: parseAllowList(o['encryptionAlgorithms'], 'encryptionAlgorithms', parseContentAlgorithm, "{ encryptionAlgorithms: ['A128CBC-HS256'] }"),
    critical: parseCritical(o['critical']),
    maxPbes2Count: parseLimit(o['maxPbes2Count'], 'maxPbes2Count', DEFAULTS.maxPbes2Count),
    context: o['context'],
    backend: parseBackend(o['backend']),
    maxTokenLength: parseLimit(o['maxTokenLength'], 'maxTokenLength', DEFAULTS.maxTokenLength),
    maxHeaderBytes: parseLimit(o['maxHeaderBytes'], 'maxHeaderBytes', DEFAULTS.maxHeaderBytes),
    maxJsonDepth: parseLimit(o['maxJsonDepth'], 'maxJsonDepth', DEFAULTS.maxJsonDepth),
    maxKeysTried: parseLimit(o['maxKeysTried'], 'maxKeysTried', DEFAULTS.maxKeysTried),
    zip: zipOption(o['zip']),
    maxDecompressedBytes: parseLimit(o['maxDecompressedBytes'], 'maxDecompressedBytes', DEFAULT_MAX_DECOMPRESSED_BYTES),
    maxRecipients: parseLimit(o['maxRecipients'], 'maxRecipients', DEFAULT_MAX_RECIPIENTS),
  };
}
