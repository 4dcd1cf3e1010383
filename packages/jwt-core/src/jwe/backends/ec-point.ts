/**
 * Validation of the peer's public key before any ECDH computation: the point must be on the curve
 * of the recipient's key, with coordinates of the exact length (invalid-curve attacks: a point off
 * the curve, or on another curve, makes the shared secret leak the private key bit by bit). The
 * check is done here, identically for all three backends, rather than trusting each native import.
 */
import { p256, p384, p521 } from '@noble/curves/nist.js';
import type { Jwk } from '../../lib/types.js';
import { decodeBase64url } from '../../lib/base64url.js';
import type { EcdhCurve } from './types.js';

const NIST = { 'P-256': { curve: p256, bytes: 32 }, 'P-384': { curve: p384, bytes: 48 }, 'P-521': { curve: p521, bytes: 66 } } as const;

/** Thrown for an invalid public point; callers map it to their own error. */
export class InvalidPointError extends Error {
  override readonly name = 'InvalidPointError';
}

function b64uBytes(value: unknown): Uint8Array | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return decodeBase64url(value, 'public key coordinate', 'ERR_JWE_INVALID');
  } catch {
    return undefined;
  }
}

function toBigInt(bytes: Uint8Array): bigint {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}

/** The curve of an ECDH JWK, or undefined when it is not one ECDH-ES supports. */
export function ecdhCurve(jwk: Readonly<Jwk>): EcdhCurve | undefined {
  if (jwk.kty === 'EC' && (jwk.crv === 'P-256' || jwk.crv === 'P-384' || jwk.crv === 'P-521')) return jwk.crv;
  if (jwk.kty === 'OKP' && jwk.crv === 'X25519') return 'X25519';
  return undefined;
}

/**
 * Throws {@link InvalidPointError} unless `jwk` is a public key on `crv` whose point is valid.
 * Returns the uncompressed SEC1 point (NIST curves) or the 32-byte u-coordinate (X25519).
 */
export function validatePublicPoint(jwk: Readonly<Jwk>, crv: EcdhCurve): Uint8Array {
  if (ecdhCurve(jwk) !== crv) throw new InvalidPointError(`the public key is not on ${crv}`);
  if (crv === 'X25519') {
    const u = b64uBytes(jwk.x);
    // RFC 7748 §5: any 32-byte string is a u-coordinate; low-order points give an all-zero Z,
    // which `assertNonZeroSecret` refuses after the computation (RFC 7748 §6.1).
    if (u === undefined || u.length !== 32) throw new InvalidPointError('the X25519 public key must be 32 bytes');
    return u;
  }
  const { curve, bytes } = NIST[crv];
  const x = b64uBytes(jwk.x);
  const y = b64uBytes(jwk.y);
  if (x === undefined || y === undefined || x.length !== bytes || y.length !== bytes) {
    throw new InvalidPointError(`the ${crv} public key coordinates must be ${bytes} bytes each`);
  }
  try {
    // fromAffine does not validate; assertValidity checks field range and the curve equation.
    curve.Point.fromAffine({ x: toBigInt(x), y: toBigInt(y) }).assertValidity();
  } catch {
    throw new InvalidPointError(`the public key is not a point on ${crv}`);
  }
  const out = new Uint8Array(1 + 2 * bytes);
  out[0] = 4;
  out.set(x, 1);
  out.set(y, 1 + bytes);
  return out;
}

/** RFC 7748 §6.1: an all-zero X25519 output means a low-order peer point; refuse it. */
export function assertNonZeroSecret(z: Uint8Array): Uint8Array {
  let acc = 0;
  for (const b of z) acc |= b;
  if (acc === 0) throw new InvalidPointError('the ECDH shared secret is all zero (low-order public key)');
  return z;
}

/** Bytes of the shared secret Z per curve (the field size). */
export const ECDH_SECRET_BYTES: Readonly<Record<EcdhCurve, number>> = { 'P-256': 32, 'P-384': 48, 'P-521': 66, X25519: 32 };
