/**
 * EC (RFC 7518 §6.2) and OKP (RFC 8037 §2) JWK validation. A public point must lie on its curve:
 * accepting an off-curve point enables invalid-curve attacks on ECDH (the peer's point leaks the
 * private key a few bits at a time). A private scalar must produce the public point it comes with.
 */
import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { joseError } from '../lib/errors.js';
import { concat } from '../lib/utf8.js';
import type { Jwk } from '../lib/types.js';
import { invalidJwk, member, safeName, type ValidatedJwk } from './members.js';

/** The NIST curves of JOSE: coordinate size in bytes and field size in bits. */
export const EC_CURVES = {
  'P-256': { bytes: 32, bits: 256, curve: p256 },
  'P-384': { bytes: 48, bits: 384, curve: p384 },
  'P-521': { bytes: 66, bits: 521, curve: p521 },
} as const;
export type EcCurveName = keyof typeof EC_CURVES;

export function isEcCurve(crv: unknown): crv is EcCurveName {
  return typeof crv === 'string' && Object.prototype.hasOwnProperty.call(EC_CURVES, crv);
}

/** The uncompressed public point (x, y) for a private scalar. */
export function ecPublicFromPrivate(crv: EcCurveName, d: Uint8Array): { x: Uint8Array; y: Uint8Array } {
  const { bytes, curve } = EC_CURVES[crv];
  const point = curve.getPublicKey(d, false);
  return { x: point.subarray(1, 1 + bytes), y: point.subarray(1 + bytes) };
}

/** The public key of an Ed25519 seed or an X25519 private key. */
export function okpPublicFromPrivate(crv: 'Ed25519' | 'X25519', d: Uint8Array): Uint8Array {
  return crv === 'Ed25519' ? ed25519.getPublicKey(d) : x25519.getPublicKey(d);
}

export function validateEc(jwk: Readonly<Jwk>): ValidatedJwk {
  const crv = jwk.crv;
  if (!isEcCurve(crv)) {
    if (crv === undefined) invalidJwk('the EC JWK has no "crv" member', 'RFC 7518 §6.2.1.1: "crv" is P-256, P-384 or P-521');
    throw joseError('ERR_JOSE_NOT_SUPPORTED', `EC curve ${safeName(crv)} is not supported; supported: P-256, P-384, P-521`, {
      hint: 'JOSE defines ES256/ES384/ES512 and ECDH-ES on the NIST curves P-256, P-384 and P-521',
    });
  }
  const { bytes, bits, curve } = EC_CURVES[crv];
  const label = `EC ${crv}`;
  const x = member(jwk, 'x', label);
  const y = member(jwk, 'y', label);
  for (const [name, value] of [['x', x], ['y', y]] as const) {
    if (value.length !== bytes) {
      invalidJwk(`"${name}" of the ${label} JWK must be ${bytes} bytes, got ${value.length}`, 'RFC 7518 §6.2.1.2: coordinates are the full field size, including leading zeros');
    }
  }
  const point = concat(new Uint8Array([4]), x, y);
  try {
    curve.Point.fromBytes(point).assertValidity();
  } catch {
    invalidJwk(`the ${label} JWK's point (x, y) is not on the curve`, 'an off-curve point is refused (invalid-curve attacks); the key was altered or belongs to another curve');
  }
  const out: Jwk = { kty: 'EC', crv, x: jwk.x as string, y: jwk.y as string };
  if (jwk.d === undefined) return { jwk: out, kty: 'EC', crv, type: 'public', bits, secret: undefined };
  const d = member(jwk, 'd', label);
  if (d.length !== bytes || !curve.utils.isValidSecretKey(d)) {
    invalidJwk(`"d" of the ${label} JWK must be a ${bytes}-byte scalar between 1 and the curve order`, 'RFC 7518 §6.2.2.1: "d" is the full field size, including leading zeros');
  }
  const pub = curve.getPublicKey(d, false);
  if (!sameBytes(pub, point)) {
    invalidJwk(`the ${label} JWK's private key "d" does not match its public point (x, y)`, 'the JWK was altered or assembled from different keys; export the key again from its source');
  }
  out.d = jwk.d;
  return { jwk: out, kty: 'EC', crv, type: 'private', bits, secret: undefined };
}

export function validateOkp(jwk: Readonly<Jwk>): ValidatedJwk {
  const crv = jwk.crv;
  if (crv !== 'Ed25519' && crv !== 'X25519') {
    if (crv === undefined) invalidJwk('the OKP JWK has no "crv" member', 'RFC 8037 §2: "crv" is Ed25519 (signatures) or X25519 (ECDH-ES)');
    throw joseError('ERR_JOSE_NOT_SUPPORTED', `OKP curve ${safeName(crv)} is not supported; supported: Ed25519, X25519`, {
      hint: 'Ed448 and X448 are not implemented; use Ed25519 for EdDSA and X25519 for ECDH-ES',
    });
  }
  const label = `OKP ${crv}`;
  const x = member(jwk, 'x', label);
  if (x.length !== 32) invalidJwk(`"x" of the ${label} JWK must be 32 bytes, got ${x.length}`, 'RFC 8037 §2: the public key is 32 bytes');
  if (crv === 'Ed25519') {
    try {
      ed25519.Point.fromBytes(x);
    } catch {
      invalidJwk(`the ${label} JWK's public key "x" is not a point on the curve`, 'the key was altered or is not an Ed25519 key');
    }
  }
  const out: Jwk = { kty: 'OKP', crv, x: jwk.x as string };
  if (jwk.d === undefined) return { jwk: out, kty: 'OKP', crv, type: 'public', bits: 255, secret: undefined };
  const d = member(jwk, 'd', label);
  if (d.length !== 32) invalidJwk(`"d" of the ${label} JWK must be 32 bytes, got ${d.length}`, 'RFC 8037 §2: the private key is 32 bytes');
  // RFC 8037 §2: "x" is derived from "d"; a mismatch means the JWK was assembled from two keys.
  if (!sameBytes(okpPublicFromPrivate(crv, d), x)) {
    invalidJwk(`the ${label} JWK's private key "d" does not match its public key "x"`, 'the JWK was altered or assembled from different keys; export the key again from its source');
  }
  out.d = jwk.d;
  return { jwk: out, kty: 'OKP', crv, type: 'private', bits: 255, secret: undefined };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
