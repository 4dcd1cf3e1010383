/**
 * A key's prepared signer and verifier: the backend for the algorithm (lib/backends/select.ts)
 * imports the key's JWK once, and the result is cached on the key, so the import is paid once per
 * key, algorithm and backend. They do not check that the key may be used with `alg`: the caller
 * has done that already.
 */
import { internals, prepared, type Key } from '../jwk/key.js';
import { JWS_ALGORITHMS, type JwsAlgorithm } from '../lib/algorithms.js';
import { signatureBackend } from '../lib/backends/select.js';
import { BACKEND_NAMES, type BackendName, type SignFn, type VerifyFn } from '../lib/backends/types.js';

/**
 * Cache keys `${backend}:${alg}:sign|verify`, built once so the hot path does not concatenate
 * strings on every call.
 */
const CACHE_KEYS = Object.fromEntries(
  BACKEND_NAMES.map((name) => [
    name,
    Object.fromEntries(JWS_ALGORITHMS.map((alg) => [alg, { sign: `${name}:${alg}:sign`, verify: `${name}:${alg}:verify` }])),
  ]),
) as Record<BackendName, Record<JwsAlgorithm, { readonly sign: string; readonly verify: string }>>;

/**
 * The signer for `key` under `alg`, prepared once per key, algorithm and backend.
 *
 * @example
 * ```ts
 * const signature = await keySigner(privateKey, 'ES256')(signingInput);
 * ```
 */
export function keySigner(key: Key, alg: JwsAlgorithm, forced?: BackendName): SignFn {
  const backend = signatureBackend(alg, forced);
  return prepared(key, CACHE_KEYS[backend.name][alg].sign, () => backend.signer(alg, internals(key).jwk));
}

/**
 * The verifier for `key` under `alg`, prepared once per key, algorithm and backend. The caller
 * checks the signature length first.
 *
 * @example
 * ```ts
 * const ok = await keyVerifier(publicKey, 'ES256')(signingInput, signature);
 * ```
 */
export function keyVerifier(key: Key, alg: JwsAlgorithm, forced?: BackendName): VerifyFn {
  const backend = signatureBackend(alg, forced);
  return prepared(key, CACHE_KEYS[backend.name][alg].verify, () => backend.verifier(alg, internals(key).jwk));
}
