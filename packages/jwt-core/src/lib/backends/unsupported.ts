/** The one error every backend and the selector throw when an algorithm cannot run where asked. */
import { joseError, type JoseError } from '../errors.js';
import { subtle } from './runtime.js';
import type { BackendName } from './types.js';

function why(backend: BackendName, alg: string): string {
  switch (backend) {
    case 'node':
      return 'node:crypto is not available in this runtime (it is on Node, Bun and Deno; not on the Edge runtime or in browsers)';
    case 'webcrypto':
      return subtle() === undefined
        ? 'WebCrypto (globalThis.crypto.subtle) is not available in this runtime'
        : `this runtime's WebCrypto does not implement ${alg === 'EdDSA' ? 'Ed25519' : alg}`;
    default:
      return 'the noble backend implements HMAC, ECDSA and Ed25519 only; RSA runs on node:crypto or WebCrypto';
  }
}

/** ERR_JOSE_NOT_SUPPORTED naming the backend, the algorithm and the reason. */
export function backendUnsupported(backend: BackendName, alg: string, reason?: string): JoseError {
  return joseError('ERR_JOSE_NOT_SUPPORTED', `the ${backend} backend cannot run ${alg}: ${reason ?? why(backend, alg)}`, {
    alg,
    reason: 'backend',
    hint: 'leave the backend unforced so Tessera picks one this runtime has, or force a backend that implements this algorithm',
  });
}
