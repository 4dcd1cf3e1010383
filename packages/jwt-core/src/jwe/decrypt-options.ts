/** Validated decryptJwe options (ERR_JOSE_INVALID_OPTION on anything wrong, at the call). */
import type { JweContentAlgorithm, JweKeyAlgorithm } from '../lib/algorithms.js';
import type { BackendName } from '../lib/backends/types.js';
import { checkOptionNames, optionsObject, parseAllowList, parseBackend, parseLimit } from '../lib/options.js';
import { DEFAULTS, parseContentAlgorithm, parseCritical, parseKeyAlgorithm } from './options.js';

export const DECRYPT_OPTION_NAMES = [
  'algorithms', 'encryptionAlgorithms', 'critical', 'maxPbes2Count', 'context', 'backend',
  'maxTokenLength', 'maxHeaderBytes', 'maxJsonDepth', 'maxKeysTried',
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
  };
}
