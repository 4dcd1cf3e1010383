/**
 * Shared set-up of the property tests: how many runs (FUZZ_RUNS for a long run, see SECURITY.md),
 * a per-run time bound, one key per JWS algorithm (a single RSA key generation, imported once per
 * RS/PS algorithm), and the check that a failure is a JoseError and nothing else.
 */
import { expect } from 'vitest';
import { exportJwk, generateKeyPair, importJwk, importSecret, JoseError } from '../../src/index.js';
import type { JwsAlgorithm, Key } from '../../src/index.js';

const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};

/**
 * Runs per property: a modest default keeps the whole fuzz folder at a few seconds; set
 * FUZZ_RUNS=100000 (for example) for a long run. FUZZ_SEED replays a reported failure.
 */
export const RUNS = Number(env.FUZZ_RUNS) > 0 ? Number(env.FUZZ_RUNS) : undefined;
export function runs(defaultRuns: number): { numRuns: number; seed?: number; endOnFailure: true } {
  const seed = Number(env.FUZZ_SEED);
  return { numRuns: RUNS ?? defaultRuns, endOnFailure: true, ...(Number.isInteger(seed) && env.FUZZ_SEED !== undefined ? { seed } : {}) };
}

/** Longest one verification may take before the property fails as a hang. */
export const RUN_TIMEOUT_MS = 2_000;

/** `work`, failed if it takes longer than {@link RUN_TIMEOUT_MS}. */
export async function bounded<T>(work: () => Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${RUN_TIMEOUT_MS} ms (hang)`)), RUN_TIMEOUT_MS);
  });
  try {
    return await Promise.race([work(), hang]);
  } finally {
    clearTimeout(timer);
  }
}

/** The outcome of `work`: `'accepted'`, or the JoseError code. Anything else thrown fails the test. */
export async function outcome(work: () => Promise<unknown>): Promise<string> {
  try {
    await bounded(work);
    return 'accepted';
  } catch (error) {
    if (!(error instanceof JoseError)) {
      expect.fail(`a non-JoseError escaped: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    }
    expect(typeof error.code).toBe('string');
    return error.code;
  }
}

export const ALGS: readonly JwsAlgorithm[] = ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
export const NOW_DATE = new Date(1_790_000_000 * 1000);

export interface AlgKeys {
  signKey: Key;
  verifyKey: Key;
}

/** One signing and verification key per algorithm; RSA generated once and bound per alg. */
export async function keysForAll(): Promise<Map<JwsAlgorithm, AlgKeys>> {
  const out = new Map<JwsAlgorithm, AlgKeys>();
  const rsa = await generateKeyPair('RS256', { extractable: true });
  const { alg: _priv, ...rsaPrivate } = exportJwk(rsa.privateKey, { private: true });
  const { alg: _pub, ...rsaPublic } = exportJwk(rsa.publicKey);
  for (const alg of ALGS) {
    if (alg.startsWith('HS')) {
      const k = importSecret(crypto.getRandomValues(new Uint8Array(Number(alg.slice(2)) / 8)), { alg });
      out.set(alg, { signKey: k, verifyKey: k });
    } else if (alg.startsWith('RS') || alg.startsWith('PS')) {
      out.set(alg, { signKey: importJwk(rsaPrivate, { alg }), verifyKey: importJwk(rsaPublic, { alg }) });
    } else {
      const pair = await generateKeyPair(alg);
      out.set(alg, { signKey: pair.privateKey, verifyKey: pair.publicKey });
    }
  }
  return out;
}
