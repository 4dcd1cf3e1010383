/**
 * Per-algorithm backend selection: the fastest backend this runtime has for each algorithm.
 *
 * - node:crypto whenever it is there (Node, Bun, Deno): native and synchronous.
 * - Otherwise HMAC goes through noble: a pure-JS HMAC of a token (~7 µs) beats WebCrypto's
 *   async hop (~50 µs), and noble's HMAC has no secret-dependent branches.
 * - RSA, ECDSA and Ed25519 go through WebCrypto (native; P-256 verify ~80 µs against noble's
 *   ~2.6 ms), then noble, which has no RSA.
 */
import { algorithmInfo, type JwsAlgorithm } from '../algorithms.js';
import { invalidOption } from '../errors.js';
import { node } from './node.js';
import { noble } from './noble.js';
import { BACKEND_NAMES, type BackendName, type SignatureBackend } from './types.js';
import { backendUnsupported } from './unsupported.js';
import { webcrypto } from './webcrypto.js';

const BACKENDS: Readonly<Record<BackendName, SignatureBackend>> = { node, webcrypto, noble };

const HMAC_ORDER: readonly SignatureBackend[] = [noble, webcrypto];
const ASYMMETRIC_ORDER: readonly SignatureBackend[] = [webcrypto, noble];

/**
 * The backend that runs `alg`: `forced` if given (it must implement `alg` here), else the fastest
 * available. Throws ERR_JOSE_NOT_SUPPORTED when no backend can, ERR_JOSE_INVALID_OPTION for an
 * unknown backend name.
 *
 * @example
 * ```ts
 * const backend = signatureBackend('ES256');          // node on Node, webcrypto on the Edge
 * const sign = signatureBackend('HS256', 'noble').signer('HS256', jwk);
 * ```
 */
export function signatureBackend(alg: JwsAlgorithm, forced?: BackendName): SignatureBackend {
  if (forced !== undefined) {
    if (!Object.hasOwn(BACKENDS, forced)) {
      throw invalidOption(`unknown crypto backend ${JSON.stringify(String(forced))}; known: ${BACKEND_NAMES.join(', ')}`, 'omit backend to use the fastest one this runtime has');
    }
    const backend = BACKENDS[forced];
    if (!backend.available(alg)) throw backendUnsupported(forced, alg);
    return backend;
  }
  if (node.available(alg)) return node;
  const order = algorithmInfo(alg)?.family === 'HMAC' ? HMAC_ORDER : ASYMMETRIC_ORDER;
  for (const backend of order) if (backend.available(alg)) return backend;
  throw backendUnsupported(order[0]!.name, alg, 'no backend in this runtime implements it (no node:crypto, no WebCrypto)');
}
