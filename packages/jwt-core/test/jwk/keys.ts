/** Key material for the key tests, generated once per test file with node:crypto (tests may use Node; the core may not). */
import { type KeyObject } from 'node:crypto';
import { generateKeyObjects } from '../helpers/keygen.js';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Jwk } from '../../src/lib/types.js';
export { thrown } from '../helpers/errors.js';

export interface NodePair { readonly privateKey: KeyObject; readonly publicKey: KeyObject; readonly privateJwk: Jwk; readonly publicJwk: Jwk }

const cache = new Map<string, NodePair>();

/** A node:crypto key pair with its JWKs; `rsa-2048`, `rsa-1024`, `ec-P-256`, `ed25519`, `x25519`... */
export function nodePair(spec: string): NodePair {
  let kp = cache.get(spec);
  if (kp === undefined) {
    const [type, arg] = spec.split(/-(.*)/s) as [string, string | undefined];
    const raw = type === 'rsa'
      ? generateKeyObjects('rsa', { modulusLength: Number(arg) })
      : type === 'ec' ? generateKeyObjects('ec', { namedCurve: arg! })
        : generateKeyObjects(type as 'ed25519');
    kp = {
      ...raw,
      privateJwk: raw.privateKey.export({ format: 'jwk' }) as Jwk,
      publicJwk: raw.publicKey.export({ format: 'jwk' }) as Jwk,
    };
    cache.set(spec, kp);
  }
  return kp;
}

const VECTORS = new URL('../../../test-vectors/vectors/', import.meta.url);

/** A vector file of @tessera/test-vectors, parsed. */
export function vectorFile<T = { cases: Array<{ id: string; input: { key: Jwk }; expected?: Record<string, unknown> }> }>(name: string): T {
  return JSON.parse(readFileSync(fileURLToPath(new URL(name, VECTORS)), 'utf8')) as T;
}

