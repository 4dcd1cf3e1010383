/** Keys for the backend tests, generated with node:crypto (tests may use Node; the core may not). */
import { randomBytes } from 'node:crypto';
import { generateKeyObjects } from '../helpers/keygen.js';
import { JWS_ALGORITHMS, type JwsAlgorithm } from '../../src/lib/algorithms.js';
import type { Jwk } from '../../src/lib/types.js';
import { node } from '../../src/lib/backends/node.js';
import { noble } from '../../src/lib/backends/noble.js';
import type { SignatureBackend } from '../../src/lib/backends/types.js';
import { webcrypto } from '../../src/lib/backends/webcrypto.js';

export const BACKENDS: readonly SignatureBackend[] = [node, webcrypto, noble];
export const ALGS: readonly JwsAlgorithm[] = JWS_ALGORITHMS;

export interface KeyPair { readonly privateJwk: Jwk; readonly publicJwk: Jwk }

function pair(type: 'rsa' | 'ec' | 'ed25519', options: { modulusLength?: number; namedCurve?: string }): KeyPair {
  const kp = type === 'rsa'
    ? generateKeyObjects('rsa', { modulusLength: options.modulusLength! })
    : type === 'ec' ? generateKeyObjects('ec', { namedCurve: options.namedCurve! }) : generateKeyObjects('ed25519');
  return { privateJwk: kp.privateKey.export({ format: 'jwk' }) as Jwk, publicJwk: kp.publicKey.export({ format: 'jwk' }) as Jwk };
}

function secret(bytes: number): KeyPair {
  const jwk: Jwk = { kty: 'oct', k: randomBytes(bytes).toString('base64url') };
  return { privateJwk: jwk, publicJwk: jwk };
}

function generate(alg: JwsAlgorithm): KeyPair {
  if (alg.startsWith('HS')) return secret(Number(alg.slice(2)) / 8);
  if (alg.startsWith('RS') || alg.startsWith('PS')) return pair('rsa', { modulusLength: 2048 });
  if (alg === 'ES256') return pair('ec', { namedCurve: 'P-256' });
  if (alg === 'ES384') return pair('ec', { namedCurve: 'P-384' });
  if (alg === 'ES512') return pair('ec', { namedCurve: 'P-521' });
  return pair('ed25519', {});
}

/** RSA key generation is slow: one RSA key serves every RS and PS algorithm. */
function cached(store: Map<string, KeyPair>, alg: JwsAlgorithm): KeyPair {
  const slot = alg.startsWith('RS') || alg.startsWith('PS') ? 'RSA' : alg;
  let kp = store.get(slot);
  if (kp === undefined) store.set(slot, (kp = generate(alg)));
  return kp;
}

const first = new Map<string, KeyPair>();
const second = new Map<string, KeyPair>();

/** A key pair (or secret) for `alg`, the same on every call. */
export function keysFor(alg: JwsAlgorithm): KeyPair {
  return cached(first, alg);
}

/** A second, different key pair (or secret) for `alg`. */
export function otherKeysFor(alg: JwsAlgorithm): KeyPair {
  return cached(second, alg);
}

/** A copy of `bytes` with one bit flipped at `index` (negative: from the end). */
export function flipBit(bytes: Uint8Array, index: number): Uint8Array {
  const out = new Uint8Array(bytes);
  const i = index < 0 ? out.length + index : index;
  out[i] = out[i]! ^ 0x01;
  return out;
}
