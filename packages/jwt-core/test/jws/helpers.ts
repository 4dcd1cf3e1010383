/**
 * Fixtures for the JWS/JWT tests: keys for every algorithm (generated once with node:crypto), and
 * `forge`, which signs any header and payload the way an attacker or a foreign library could.
 */
import { createHmac, createPrivateKey, randomBytes, sign, type KeyObject } from 'node:crypto';
import { generateKeyObjects } from '../helpers/keygen.js';
import type { JwsAlgorithm } from '../../src/lib/algorithms.js';
import { importJwk } from '../../src/jwk/import.js';
import { importSecret } from '../../src/jwk/import-secret.js';
import type { Key } from '../../src/jwk/key.js';
import type { Jwk } from '../../src/lib/types.js';
export { rejection, thrown } from '../helpers/errors.js';

export const b64u = (data: string | Uint8Array): string => Buffer.from(data).toString('base64url');

export interface Pair { readonly privateKey: Key; readonly publicKey: Key; readonly signingKey: KeyObject | Uint8Array; readonly publicJwk: Jwk }

function asymmetric(kp: { privateKey: KeyObject; publicKey: KeyObject }, alg: JwsAlgorithm, kid: string): Pair {
  const privateJwk = kp.privateKey.export({ format: 'jwk' }) as Jwk;
  const publicJwk = kp.publicKey.export({ format: 'jwk' }) as Jwk;
  return { privateKey: importJwk(privateJwk, { alg, kid }), publicKey: importJwk(publicJwk, { alg, kid }), signingKey: kp.privateKey, publicJwk };
}

const rsa = generateKeyObjects('rsa', { modulusLength: 2048 });
const cache = new Map<string, Pair>();

/** Keys for `alg` with kid `kid`, the same on every call with the same arguments. */
export function keysFor(alg: JwsAlgorithm, kid = `${alg}-1`): Pair {
  const slot = `${alg}/${kid}`;
  let pair = cache.get(slot);
  if (pair !== undefined) return pair;
  if (alg.startsWith('HS')) {
    const secret = new Uint8Array(randomBytes(Number(alg.slice(2)) / 8));
    const key = importSecret(secret, { alg, kid });
    pair = { privateKey: key, publicKey: key, signingKey: secret, publicJwk: { kty: 'oct' } };
  } else if (alg.startsWith('RS') || alg.startsWith('PS')) {
    pair = asymmetric(kid.endsWith('-1') ? rsa : generateKeyObjects('rsa', { modulusLength: 2048 }), alg, kid);
  } else if (alg.startsWith('ES')) {
    const namedCurve = { ES256: 'P-256', ES384: 'P-384', ES512: 'P-521' }[alg as 'ES256'];
    pair = asymmetric(generateKeyObjects('ec', { namedCurve }), alg, kid);
  } else {
    pair = asymmetric(generateKeyObjects('ed25519'), alg, kid);
  }
  cache.set(slot, pair);
  return pair;
}

const HASH: Record<string, string> = { 256: 'sha256', 384: 'sha384', 512: 'sha512' };

/** Sign `header.payload` with node:crypto, whatever the header says. `alg` picks the primitive. */
export function forge(header: Record<string, unknown> | string, payload: Record<string, unknown> | unknown[] | string, alg: string, key: KeyObject | Uint8Array | string): string {
  const h = typeof header === 'string' ? header : b64u(JSON.stringify(header));
  const p = typeof payload === 'string' ? b64u(payload) : b64u(JSON.stringify(payload));
  const input = `${h}.${p}`;
  let sig: Uint8Array;
  if (alg === 'none') sig = new Uint8Array(0);
  else if (alg.startsWith('HS')) sig = createHmac(HASH[alg.slice(2)]!, key as Uint8Array).update(input).digest();
  else {
    const k = key instanceof Uint8Array || typeof key === 'string' ? createPrivateKey(key as string) : key;
    const hash = alg === 'EdDSA' ? null : HASH[alg.slice(2)]!;
    const options = alg.startsWith('PS') ? { key: k, padding: 6, saltLength: Number(alg.slice(2)) / 8 }
      : alg.startsWith('ES') ? { key: k, dsaEncoding: 'ieee-p1363' as const } : k;
    sig = sign(hash, Buffer.from(input), options as KeyObject);
  }
  return `${input}.${b64u(sig)}`;
}

/** Replace the signature segment of `token`. */
export function withSignature(token: string, signature: Uint8Array | string): string {
  return `${token.slice(0, token.lastIndexOf('.'))}.${typeof signature === 'string' ? signature : b64u(signature)}`;
}

/** The decoded signature bytes of `token`. */
export function signatureOf(token: string): Uint8Array {
  return new Uint8Array(Buffer.from(token.slice(token.lastIndexOf('.') + 1), 'base64url'));
}
