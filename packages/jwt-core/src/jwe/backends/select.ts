/**
 * Backend selection for JWE. Native AES first: node:crypto, then WebCrypto, then noble as the last
 * fallback (its AES is table-based, see noble.ts). Unlike signing, HMAC is not split off to noble
 * on the Edge: CBC-HMAC runs HMAC and AES on one backend, and the AES call dominates anyway.
 */
import { invalidOption, joseError } from '../../lib/errors.js';
import { nodeCrypto, subtle } from '../../lib/backends/runtime.js';
import { BACKEND_NAMES, type BackendName } from '../../lib/backends/types.js';
import { nobleJweCrypto } from './noble.js';
import { nodeJweCrypto } from './node.js';
import type { JweCrypto } from './types.js';
import { webcryptoJweCrypto } from './webcrypto.js';

const BACKENDS: Readonly<Record<BackendName, JweCrypto>> = { node: nodeJweCrypto, webcrypto: webcryptoJweCrypto, noble: nobleJweCrypto };

function present(name: BackendName): boolean {
  if (name === 'node') return nodeCrypto() !== undefined;
  if (name === 'webcrypto') return subtle() !== undefined;
  return true;
}

/**
 * The backend for one JWE operation: `forced` when given, else the first present of node,
 * webcrypto, noble. `needsRsa` excludes noble (no RSA). Throws ERR_JOSE_INVALID_OPTION for an
 * unknown name, ERR_JOSE_NOT_SUPPORTED when the forced or only backend cannot do the job.
 *
 * @example
 * ```ts
 * const crypto = jweCrypto(undefined, alg.startsWith('RSA')); // node on Node, webcrypto on the Edge
 * ```
 */
export function jweCrypto(forced: BackendName | undefined, needsRsa: boolean, alg = 'RSA-OAEP'): JweCrypto {
  if (forced !== undefined) {
    if (!Object.hasOwn(BACKENDS, forced)) {
      throw invalidOption(`unknown crypto backend ${JSON.stringify(String(forced))}; known: ${BACKEND_NAMES.join(', ')}`, 'omit backend to use the fastest one this runtime has');
    }
    if (!present(forced)) {
      throw joseError('ERR_JOSE_NOT_SUPPORTED', `the ${forced} backend is not available in this runtime`, {
        hint: 'omit the backend option to use the fastest one available',
      });
    }
    const backend = BACKENDS[forced];
    if (needsRsa && !backend.rsa) {
      throw joseError('ERR_JOSE_NOT_SUPPORTED', `${alg} is not available on the ${forced} backend (no RSA in pure JS)`, {
        alg, hint: 'RSA needs node:crypto or WebCrypto; omit the backend option',
      });
    }
    return backend;
  }
  for (const name of BACKEND_NAMES) {
    const backend = BACKENDS[name];
    if (present(name) && (!needsRsa || backend.rsa)) return backend;
  }
  throw joseError('ERR_JOSE_NOT_SUPPORTED', `${alg} needs node:crypto or WebCrypto, and this runtime has neither`, {
    alg, hint: 'RSA is never done in pure JS; use ECDH-ES or AES key wrap here',
  });
}
