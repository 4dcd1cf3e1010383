/**
 * Runs @tessera/test-vectors cases against the core, with a crypto backend forced or left to
 * selection. The suite is imported from the test-vectors sources (a relative path), so the core's
 * tests need no build of that package.
 */
import { createKeySet, createVerifier, importJwk, verifyJws, verifyJwt } from '../../src/index.js';
import type { Jwk, JwkSet, KeyInput } from '../../src/index.js';
import type { BackendName } from '../../src/lib/backends/types.js';
import { runCase, toVerifyOptions, type VerifyCase } from '../../../test-vectors/src/index.js';

export type BackendMode = BackendName | 'auto';
export const BACKEND_MODES: readonly BackendMode[] = ['auto', 'node', 'webcrypto', 'noble'];

/** RSA is not in noble (STYLE.md: RSA in pure JS is neither fast nor constant-time). */
export const RSA_ALGS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];
/** What each forced backend does not implement; everything else must run on it. */
export const BACKEND_GAPS: Readonly<Record<BackendMode, readonly string[]>> = {
  auto: [], node: [], webcrypto: [], noble: RSA_ALGS,
};

/** Codes that only arise once a backend has run the signature check (or after it). */
const AFTER_SIGNATURE = new Set(['ERR_JWS_SIGNATURE_VERIFICATION_FAILED', 'ERR_JWT_INVALID', 'ERR_JWT_EXPIRED', 'ERR_JWT_NOT_YET_VALID', 'ERR_JWT_CLAIM_VALIDATION_FAILED']);

/**
 * Whether a case needs the backend's primitive for its alg: it verifies, or fails at or after
 * the signature. A case that fails earlier (parse, header, allow-list, key import or selection)
 * never reaches a backend and runs on every backend.
 */
export function reachesBackend(c: VerifyCase): boolean {
  return c.expect.ok || AFTER_SIGNATURE.has(c.expect.code);
}

/** Cases a forced backend cannot run, because it lacks the case's algorithm. */
export function skippedOn(mode: BackendMode, cases: readonly VerifyCase[]): VerifyCase[] {
  const gaps = BACKEND_GAPS[mode];
  return cases.filter((c) => gaps.includes(c.alg) && reachesBackend(c));
}

/** The key input a case asks for: one imported key, or a key set of its JWKS. */
export function keyInput(c: VerifyCase): KeyInput {
  return c.keyMode === 'set' ? createKeySet(c.keys as JwkSet) : importJwk(c.keys.keys[0] as Jwk);
}

/** Verify a case (key import included) and check the outcome; null when it behaved as expected. */
export function verifyCase(c: VerifyCase, mode: BackendMode): Promise<string | null> {
  return runCase(c, async () => {
    const keys = keyInput(c);
    const options = toVerifyOptions(c.options, mode === 'auto' ? {} : { backend: mode }) as never;
    return c.kind === 'jwt' ? verifyJwt(c.token, keys, options) : verifyJws(c.token, keys, options);
  });
}

/**
 * Verify a JWT case through the pre-bound form, `createVerifier({ keys, ...options })`, twice
 * with the same verifier (a second call must give the same outcome: nothing is cached wrongly).
 */
export function verifyCaseWithCreateVerifier(c: VerifyCase, mode: BackendMode, cache = false): Promise<string | null> {
  return runCase(c, async () => {
    const options = toVerifyOptions(c.options, mode === 'auto' ? {} : { backend: mode });
    const verify = createVerifier({ keys: keyInput(c), ...(options as object), ...(cache ? { cache: { max: 16 } } : {}) } as never);
    const first = await verify(c.token).then((r) => ({ ok: true, r }), (e: unknown) => ({ ok: false, e }));
    const second = await verify(c.token).then((r) => ({ ok: true, r }), (e: unknown) => ({ ok: false, e }));
    if (first.ok !== second.ok) throw new Error(`${c.id}: a second call through the same verifier gave a different outcome`);
    if (!first.ok) throw (first as { e: unknown }).e;
    return (first as { r: { payload: unknown; header: unknown } }).r;
  });
}
