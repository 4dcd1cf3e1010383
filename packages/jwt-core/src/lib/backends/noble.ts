/**
 * The pure-JS backend over @noble/hashes and @noble/curves: synchronous, works on any runtime,
 * no secret-dependent branches by design. It implements HMAC, ECDSA and Ed25519. RSA is not
 * here on purpose: RSA over BigInt is neither fast nor constant-time, so RS and PS algorithms go
 * through node:crypto or WebCrypto only.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import type { JwsAlgorithm } from '../algorithms.js';
import { timingSafeEqual } from '../constant-time.js';
import type { Jwk } from '../types.js';
import { jwkBytes, keyImportFailed } from './jwk-parts.js';
import type { SignatureBackend, SignFn, VerifyFn } from './types.js';
import { backendUnsupported } from './unsupported.js';

const HMAC_HASH = { HS256: sha256, HS384: sha384, HS512: sha512 } as const;
// Each curve object hashes with the JOSE hash of its algorithm (RFC 7518 §3.4): P-256/SHA-256,
// P-384/SHA-384, P-521/SHA-512, so `prehash: true` is the JWS signing-input hash.
const ECDSA_CURVE = { ES256: p256, ES384: p384, ES512: p521 } as const;
// JOSE does not require low-S (RFC 7518 §3.4): accept both halves when verifying, as node:crypto and
// WebCrypto do. Signatures are R || S ("compact", the IEEE P1363 form JOSE uses).
const ECDSA_VERIFY = { prehash: true, lowS: false, format: 'compact' } as const;
// Deterministic k (RFC 6979, noble's default), low-S on output: both verify everywhere.
const ECDSA_SIGN = { prehash: true, format: 'compact' } as const;
// noble's ed25519 defaults to ZIP-215 (lenient decoding). RFC 8032 §5.1.7 requires canonical
// encodings of A and R (and S < L, which noble always checks), so it is switched off.
const ED25519_VERIFY = { zip215: false } as const;

function supported(alg: JwsAlgorithm): boolean {
  return Object.hasOwn(HMAC_HASH, alg) || Object.hasOwn(ECDSA_CURVE, alg) || alg === 'EdDSA';
}

/** The uncompressed SEC1 point 04 || X || Y of an EC JWK (RFC 7518 §6.2.1.2: X and Y are full length). */
function ecPoint(jwk: Readonly<Jwk>): Uint8Array {
  const x = jwkBytes(jwk, 'x');
  const y = jwkBytes(jwk, 'y');
  const point = new Uint8Array(1 + x.length + y.length);
  point[0] = 0x04;
  point.set(x, 1);
  point.set(y, 1 + x.length);
  return point;
}

function hmacOf(alg: keyof typeof HMAC_HASH, jwk: Readonly<Jwk>): (data: Uint8Array) => Uint8Array {
  // The keyed state (inner and outer pads) is computed once; each call clones it.
  const keyed = hmac.create(HMAC_HASH[alg], jwkBytes(jwk, 'k'));
  return (data) => keyed.clone().update(data).digest();
}

function ecdsaVerifier(alg: keyof typeof ECDSA_CURVE, jwk: Readonly<Jwk>): VerifyFn {
  const curve = ECDSA_CURVE[alg];
  const publicKey = ecPoint(jwk);
  try {
    curve.Point.fromBytes(publicKey).assertValidity();
  } catch (cause) {
    throw keyImportFailed('noble', alg, jwk, cause);
  }
  return (data, signature) => {
    try {
      return curve.verify(signature, data, publicKey, ECDSA_VERIFY);
    } catch {
      return false;
    }
  };
}

function ed25519Verifier(jwk: Readonly<Jwk>): VerifyFn {
  const publicKey = jwkBytes(jwk, 'x');
  try {
    ed25519.Point.fromBytes(publicKey, false);
  } catch (cause) {
    throw keyImportFailed('noble', 'EdDSA', jwk, cause);
  }
  return (data, signature) => {
    try {
      return ed25519.verify(signature, data, publicKey, ED25519_VERIFY);
    } catch {
      return false;
    }
  };
}

/** The pure-JS signature backend (HMAC, ECDSA, Ed25519). */
export const noble: SignatureBackend = {
  name: 'noble',

  available(alg: JwsAlgorithm): boolean {
    return supported(alg);
  },

  signer(alg: JwsAlgorithm, jwk: Readonly<Jwk>): SignFn {
    if (Object.hasOwn(HMAC_HASH, alg)) return hmacOf(alg as keyof typeof HMAC_HASH, jwk);
    if (Object.hasOwn(ECDSA_CURVE, alg)) {
      const curve = ECDSA_CURVE[alg as keyof typeof ECDSA_CURVE];
      const secretKey = jwkBytes(jwk, 'd');
      if (!curve.utils.isValidSecretKey(secretKey)) throw keyImportFailed('noble', alg, jwk, undefined);
      return (data) => curve.sign(data, secretKey, ECDSA_SIGN);
    }
    if (alg === 'EdDSA') {
      const secretKey = jwkBytes(jwk, 'd');
      if (secretKey.length !== 32) throw keyImportFailed('noble', alg, jwk, undefined);
      return (data) => ed25519.sign(data, secretKey);
    }
    throw backendUnsupported('noble', String(alg));
  },

  verifier(alg: JwsAlgorithm, jwk: Readonly<Jwk>): VerifyFn {
    if (Object.hasOwn(HMAC_HASH, alg)) {
      const mac = hmacOf(alg as keyof typeof HMAC_HASH, jwk);
      const length = HMAC_HASH[alg as keyof typeof HMAC_HASH].outputLen;
      return (data, signature) => signature.length === length && timingSafeEqual(mac(data), signature);
    }
    if (Object.hasOwn(ECDSA_CURVE, alg)) return ecdsaVerifier(alg as keyof typeof ECDSA_CURVE, jwk);
    if (alg === 'EdDSA') return ed25519Verifier(jwk);
    throw backendUnsupported('noble', String(alg));
  },
};
