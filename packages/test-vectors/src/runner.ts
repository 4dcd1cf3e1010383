/**
 * The runtime-agnostic part of the suite: case types, normalizers and the outcome checker. No
 * file system, no Node built-ins: bundle it anywhere. `index.ts` adds the loaders that read
 * the data files with node:fs.
 */
import { negativeCases } from './negative.js';
import { rfcJwkCases, rfcSignCases, rfcSkipped, rfcThumbprintCases, rfcVerifyCases, type RawFiles } from './rfc.js';
import type { VectorSuite } from './types.js';

export type * from './types.js';
export type { RawFiles } from './rfc.js';
export { checkOutcome, runCase } from './check.js';
export { toVerifyOptions, caseDate } from './options.js';
export { verificationJwk, publicMembers } from './jwk.js';
export { rfcVerifyCases, rfcSignCases, rfcJwkCases, rfcThumbprintCases, rfcSkipped } from './rfc.js';
export { negativeCases } from './negative.js';

/** Path of the negative vectors under `vectors/`. */
export const NEGATIVE_FILE = 'negative/jwt.json';

/**
 * Build the whole suite from already-parsed files (keyed by path under `vectors/`). Use this
 * where there is no file system: read the files elsewhere and pass them in.
 */
export function buildSuite(raw: RawFiles): VectorSuite {
  return {
    rfc: rfcVerifyCases(raw),
    negative: negativeCases(raw[NEGATIVE_FILE]),
    signing: rfcSignCases(raw),
    jwk: rfcJwkCases(raw),
    thumbprints: rfcThumbprintCases(raw),
    skipped: rfcSkipped(),
  };
}
