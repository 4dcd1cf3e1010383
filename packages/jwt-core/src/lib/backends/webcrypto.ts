/**
 * The WebCrypto backend (`globalThis.crypto.subtle`): native and available on every Web-platform
 * runtime, but every call is an async hop. It is the choice for RSA, ECDSA and Ed25519 where
 * node:crypto is absent (the Edge runtime, browsers). Each key is imported once, at first use; the
 * import promise is cached with the signer/verifier.
 *
 * Ed25519 arrived late in WebCrypto. Whether a runtime has it can only be learnt asynchronously,
 * so `available('EdDSA')` is optimistic until the first import answers `NotSupportedError`; that
 * operation then completes through the noble backend (same RFC 8032 result), and from then on
 * `available('EdDSA')` reports false so selection goes to noble directly.
 */
import { algorithmInfo, type AlgorithmInfo, type JwsAlgorithm } from '../algorithms.js';
import type { Jwk } from '../types.js';
import { keyImportFailed, privateJwk, publicJwk } from './jwk-parts.js';
import { noble } from './noble.js';
import { subtle } from './runtime.js';
import type { SignatureBackend, SignFn, VerifyFn } from './types.js';
import { backendUnsupported } from './unsupported.js';

type Params = { import: AlgorithmIdentifier | RsaHashedImportParams | EcKeyImportParams | HmacImportParams; op: AlgorithmIdentifier | RsaPssParams | EcdsaParams };

/** Set once an import has shown that this runtime's WebCrypto lacks Ed25519. */
let ed25519Missing = false;

/** WebCrypto parameters for `alg` (RFC 7518 §3; PSS salt length = hash length, §3.5). */
function params(info: AlgorithmInfo): Params {
  const hash = info.hash!;
  switch (info.family) {
    case 'HMAC': return { import: { name: 'HMAC', hash }, op: { name: 'HMAC' } };
    case 'RSA-PKCS1': return { import: { name: 'RSASSA-PKCS1-v1_5', hash }, op: { name: 'RSASSA-PKCS1-v1_5' } };
    case 'RSA-PSS': {
      const saltLength = hash === 'SHA-256' ? 32 : hash === 'SHA-384' ? 48 : 64;
      return { import: { name: 'RSA-PSS', hash }, op: { name: 'RSA-PSS', saltLength } };
    }
    case 'ECDSA': return { import: { name: 'ECDSA', namedCurve: info.curves![0]! }, op: { name: 'ECDSA', hash } };
    default: return { import: { name: 'Ed25519' }, op: { name: 'Ed25519' } };
  }
}

function prepare(alg: JwsAlgorithm): { info: AlgorithmInfo; subtle: SubtleCrypto } {
  const info = algorithmInfo(alg);
  if (info === undefined || info.use !== 'sig') throw backendUnsupported('webcrypto', String(alg), 'not a JWS algorithm');
  const s = subtle();
  if (s === undefined) throw backendUnsupported('webcrypto', alg);
  return { info, subtle: s };
}

function isNotSupported(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'NotSupportedError';
}

/**
 * Import once, lazily: the promise is made at first use (so a rejected import is never left
 * unobserved) and shared by every later call. Resolves to undefined when Ed25519 is missing.
 */
function lazyImport(s: SubtleCrypto, alg: JwsAlgorithm, info: AlgorithmInfo, jwk: Readonly<Jwk>, usage: 'sign' | 'verify'): () => Promise<CryptoKey | undefined> {
  let imported: Promise<CryptoKey | undefined> | undefined;
  const material = usage === 'sign' ? privateJwk(jwk) : publicJwk(jwk);
  return () =>
    (imported ??= s.importKey('jwk', material as JsonWebKey, params(info).import, false, [usage]).catch((cause: unknown) => {
      if (info.family === 'EdDSA' && isNotSupported(cause)) {
        ed25519Missing = true;
        return undefined;
      }
      throw keyImportFailed('webcrypto', alg, jwk, cause);
    }));
}

/** The WebCrypto signature backend. */
export const webcrypto: SignatureBackend = {
  name: 'webcrypto',

  available(alg: JwsAlgorithm): boolean {
    if (subtle() === undefined || algorithmInfo(alg)?.use !== 'sig') return false;
    return alg !== 'EdDSA' || !ed25519Missing;
  },

  signer(alg: JwsAlgorithm, jwk: Readonly<Jwk>): SignFn {
    const { info, subtle: s } = prepare(alg);
    const op = params(info).op;
    const key = lazyImport(s, alg, info, jwk, 'sign');
    let fallback: SignFn | undefined;
    return async (data) => {
      const cryptoKey = await key();
      if (cryptoKey === undefined) return (fallback ??= noble.signer(alg, jwk))(data);
      // The DOM typings want ArrayBuffer-backed views; JWS bytes are never SharedArrayBuffer-backed.
      return new Uint8Array(await s.sign(op, cryptoKey, data as Uint8Array<ArrayBuffer>));
    };
  },

  verifier(alg: JwsAlgorithm, jwk: Readonly<Jwk>): VerifyFn {
    const { info, subtle: s } = prepare(alg);
    const op = params(info).op;
    const key = lazyImport(s, alg, info, jwk, 'verify');
    const length = info.signatureBytes;
    let fallback: VerifyFn | undefined;
    return async (data, signature) => {
      // HMAC: subtle.verify compares the MAC in constant time; fixed-length signatures are checked first.
      if (length !== undefined && signature.length !== length) return false;
      const cryptoKey = await key();
      if (cryptoKey === undefined) return (fallback ??= noble.verifier(alg, jwk))(data, signature);
      try {
        return await s.verify(op, cryptoKey, signature as Uint8Array<ArrayBuffer>, data as Uint8Array<ArrayBuffer>);
      } catch {
        return false;
      }
    };
  },
};

/**
 * Whether this runtime's WebCrypto implements Ed25519, found by importing a fixed public key
 * (RFC 8032 §7.1 test 1). Used by tests to show which path ran; records the answer for `available`.
 */
export async function webcryptoHasEd25519(): Promise<boolean> {
  const s = subtle();
  if (s === undefined) return false;
  try {
    await s.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' }, { name: 'Ed25519' }, false, ['verify']);
    return true;
  } catch (err) {
    if (isNotSupported(err)) ed25519Missing = true;
    return false;
  }
}
