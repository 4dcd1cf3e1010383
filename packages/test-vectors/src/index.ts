/**
 * @tessera/test-vectors: the shared JOSE/JWT test-vector suite. RFC vectors (RFC 7515, 7519, 7520,
 * 7638, 8037), Tessera's negative vectors (one per rule, each with the error code it must
 * produce), and a small framework-free runner that the core and every adapter use.
 *
 * @example
 * ```ts
 * import { verifyVectors, toVerifyOptions, runCase } from '@tessera/test-vectors';
 * for (const c of verifyVectors()) {
 *   const failure = await runCase(c, () => verifyJwt(c.token, keyFor(c), toVerifyOptions(c.options)));
 *   if (failure) throw new Error(failure);
 * }
 * ```
 */
import { readSuiteFiles } from './files.js';
import { buildSuite } from './runner.js';
import type { JwkCase, SignCase, SkippedCase, ThumbprintCase, VectorSuite, VerifyCase } from './types.js';

export * from './runner.js';
export { readVectorFile, readSuiteFiles, vectorsDir } from './files.js';
// Wycheproof primitive vectors (loaders owned by the backend and JWE work; node:fs based).
export * from './wycheproof/signatures.js';
export * from './wycheproof/encryption.js';
// The security regression suite (issue 7): one case per advisory, runtime-agnostic.
export * from './security/index.js';

let cached: VectorSuite | undefined;

/**
 * The whole suite, read from the package's data files once. The result is plain JSON: pass
 * `JSON.stringify(loadVectors())` into an isolated VM or another process to run it there.
 * Each call returns a fresh deep copy, so callers may mutate what they get.
 */
export function loadVectors(): VectorSuite {
  cached ??= buildSuite(readSuiteFiles());
  return structuredClone(cached);
}

/** RFC verification cases (RFC 7515 A.1-A.5, RFC 7519 3.1/6.1, RFC 7520 4.1-4.8 compact forms, RFC 8037 A.4/A.5). */
export function rfcVectors(): VerifyCase[] {
  return loadVectors().rfc;
}

/** Alias of {@link rfcVectors}: every RFC JWS/JWT verification case. */
export const jwsVectors = rfcVectors;

/** Tessera's negative vectors and their positive controls (`vectors/negative/jwt.json`). */
export function negativeVectors(): VerifyCase[] {
  return loadVectors().negative;
}

/** Every verification case: RFC first, then negative. */
export function verifyVectors(): VerifyCase[] {
  const s = loadVectors();
  return [...s.rfc, ...s.negative];
}

/** Deterministic signing cases (the signature must be reproduced exactly). */
export function signingVectors(): SignCase[] {
  return loadVectors().signing;
}

/** JWKs that must import. */
export function jwkVectors(): JwkCase[] {
  return loadVectors().jwk;
}

/** RFC 7638 thumbprint cases. */
export function thumbprintVectors(): ThumbprintCase[] {
  return loadVectors().thumbprints;
}

/** Source cases not run, with the reason. */
export function skippedVectors(): SkippedCase[] {
  return loadVectors().skipped;
}
