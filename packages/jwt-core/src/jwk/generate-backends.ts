/**
 * Fresh key material as a private JWK, from the fastest source the runtime has: node:crypto
 * (found at run time, never imported), WebCrypto, or @noble/curves for EC, Ed25519 and X25519.
 * RSA needs node:crypto or WebCrypto (no pure-JS RSA: neither fast nor constant-time).
 */
import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { joseError } from '../lib/errors.js';
import { encodeBase64url } from '../lib/base64url.js';
import { NODE_JWK_ENCODING, nodeCrypto, subtle } from '../lib/backends/runtime.js';
import type { BackendName } from '../lib/backends/types.js';
import type { Jwk } from '../lib/types.js';
import { EC_CURVES, isEcCurve } from './validate-curves.js';

/** What to generate: an RSA modulus size or a curve. */
export type KeySpec = { readonly kty: 'RSA'; readonly modulusLength: number } | { readonly kty: 'EC' | 'OKP'; readonly crv: string };

/** A private JWK for `spec` from `backend` (or the first available one). */
export async function generatePrivateJwk(spec: KeySpec, backend: BackendName | undefined): Promise<Jwk> {
  if (backend === 'node' || (backend === undefined && nodeCrypto() !== undefined)) return fromNode(spec);
  if (backend === 'webcrypto' || (backend === undefined && subtle() !== undefined)) {
    try {
      return await fromWebCrypto(spec);
    } catch (err) {
      // Some runtimes lack Ed25519/X25519 in WebCrypto; noble covers every curve.
      if (backend === 'webcrypto' || spec.kty === 'RSA') throw notSupported(spec, 'webcrypto', err);
    }
  }
  return fromNoble(spec);
}

function notSupported(spec: KeySpec, backend: BackendName, cause?: unknown): Error {
  const what = spec.kty === 'RSA' ? `RSA-${spec.modulusLength}` : spec.crv;
  return joseError('ERR_JOSE_NOT_SUPPORTED', `${what} key generation is not available with the ${backend} backend in this runtime`, {
    cause,
    hint: spec.kty === 'RSA'
      ? 'RSA keys need node:crypto or WebCrypto; generate the key elsewhere and import it with importPem or importJwk'
      : 'choose another backend, or generate the key elsewhere and import it',
  });
}

function fromNode(spec: KeySpec): Jwk {
  const crypto = nodeCrypto();
  if (crypto === undefined) throw notSupported(spec, 'node');
  // The job encodes the key as a JWK itself (NODE_JWK_ENCODING): exporting a generated KeyObject
  // afterwards can deadlock Node 20 when a GC during the export finalizes the generating job.
  const { privateKey } = spec.kty === 'RSA'
    ? crypto.generateKeyPairSync('rsa', { modulusLength: spec.modulusLength, publicExponent: 0x10001, ...NODE_JWK_ENCODING })
    : spec.kty === 'EC'
      ? crypto.generateKeyPairSync('ec', { namedCurve: spec.crv, ...NODE_JWK_ENCODING })
      : crypto.generateKeyPairSync(spec.crv.toLowerCase(), NODE_JWK_ENCODING);
  return privateKey as unknown as Jwk;
}

async function fromWebCrypto(spec: KeySpec): Promise<Jwk> {
  const s = subtle();
  if (s === undefined) throw notSupported(spec, 'webcrypto');
  // The algorithm only decides which WebCrypto operation the CryptoKey allows; the exported
  // material is the same, and importJwk binds it to the JOSE algorithm afterwards.
  let params: RsaHashedKeyGenParams | EcKeyGenParams | Algorithm;
  let usages: KeyUsage[] = ['sign', 'verify'];
  if (spec.kty === 'RSA') {
    params = { name: 'RSASSA-PKCS1-v1_5', modulusLength: spec.modulusLength, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };
  } else if (spec.kty === 'EC') {
    params = { name: 'ECDSA', namedCurve: spec.crv };
  } else {
    params = { name: spec.crv };
    if (spec.crv === 'X25519') usages = ['deriveBits'];
  }
  const pair = (await s.generateKey(params, true, usages)) as CryptoKeyPair;
  return (await s.exportKey('jwk', pair.privateKey)) as Jwk;
}

function fromNoble(spec: KeySpec): Jwk {
  if (spec.kty === 'RSA') throw notSupported(spec, 'noble');
  if (spec.kty === 'EC' && isEcCurve(spec.crv)) {
    const { curve, bytes } = EC_CURVES[spec.crv];
    const d = curve.utils.randomSecretKey();
    const point = curve.getPublicKey(d, false);
    return {
      kty: 'EC', crv: spec.crv, d: encodeBase64url(d),
      x: encodeBase64url(point.subarray(1, 1 + bytes)), y: encodeBase64url(point.subarray(1 + bytes)),
    };
  }
  const impl = spec.crv === 'Ed25519' ? ed25519 : x25519;
  const d = impl.utils.randomSecretKey();
  return { kty: 'OKP', crv: spec.crv, d: encodeBase64url(d), x: encodeBase64url(impl.getPublicKey(d)) };
}
