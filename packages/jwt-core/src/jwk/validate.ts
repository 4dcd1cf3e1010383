/**
 * Strict validation of a JWK's key members (RFC 7517 §4, RFC 7518 §6, RFC 8037 §2): every member
 * a key type requires is present, decodes as strict base64url, and has the size its curve or
 * algorithm demands. The result is a canonical JWK holding only the key members, so metadata a JWK
 * carried along (`x5c`, `ext`, unknown members) never reaches a backend.
 *
 * Messages name members and sizes, never their values.
 */
import { joseError } from '../lib/errors.js';
import type { Jwk } from '../lib/types.js';
import { describeValue } from '../lib/describe.js';
import { invalidJwk, MAX_SECRET_CHARS, member, safeName, type ValidatedJwk } from './members.js';
import { validateEc, validateOkp } from './validate-curves.js';
import { hasRocaFingerprint } from './roca.js';

export const MIN_RSA_BITS = 2_048;
/** Larger moduli only make verification slow (a JWKS-served DoS), they add nothing in practice. */
export const MAX_RSA_BITS = 16_384;

const RSA_PRIVATE = ['p', 'q', 'dp', 'dq', 'qi'] as const;

/** Validate the key members of `jwk` for its `kty`. Algorithm binding happens later (usage.ts). */
export function validateJwk(jwk: Readonly<Jwk>): ValidatedJwk {
  const kty = jwk.kty;
  switch (kty) {
    case 'RSA': return validateRsa(jwk);
    case 'EC': return validateEc(jwk);
    case 'OKP': return validateOkp(jwk);
    case 'oct': return validateOct(jwk);
    default:
      if (typeof kty !== 'string') {
        invalidJwk(`the JWK has no "kty" string member (got ${describeValue(kty)})`, 'RFC 7517 §4.1: every JWK names its key type: "RSA", "EC", "OKP" or "oct"');
      }
      throw joseError('ERR_JOSE_NOT_SUPPORTED', `JWK key type ${safeName(kty)} is not supported; supported: RSA, EC, OKP, oct`, {
        hint: 'Tessera implements the key types of RFC 7518 §6 and RFC 8037',
      });
  }
}

function validateOct(jwk: Readonly<Jwk>): ValidatedJwk {
  const k = member(jwk, 'k', 'oct', MAX_SECRET_CHARS);
  if (k.length === 0) invalidJwk('the oct JWK has an empty "k" (secret)', 'a secret key needs random bytes; generate one with generateSecret(alg)');
  return { jwk: { kty: 'oct', k: jwk.k as string }, kty: 'oct', crv: undefined, type: 'secret', bits: k.length * 8, secret: k };
}

function validateRsa(jwk: Readonly<Jwk>): ValidatedJwk {
  const n = stripZeros(member(jwk, 'n', 'RSA'));
  const e = stripZeros(member(jwk, 'e', 'RSA'));
  const bits = bitLength(n);
  if (bits < MIN_RSA_BITS) {
    invalidJwk(`RSA keys must be at least ${MIN_RSA_BITS} bits; this one is ${bits} bits`,
      'RFC 7518 §3.3 and §4.2 require 2048 bits or more; generate a new key, e.g. generateKeyPair("RS256") or `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048`');
  }
  if (bits > MAX_RSA_BITS) {
    invalidJwk(`RSA keys may be at most ${MAX_RSA_BITS} bits; this one is ${bits} bits`, 'such a modulus only makes every verification slow; use a 2048-4096 bit key');
  }
  if (e.length === 0 || e.length > 8 || (e[e.length - 1]! & 1) === 0 || (e.length === 1 && e[0]! < 3)) {
    invalidJwk('the RSA public exponent "e" must be an odd number of at least 3 and at most 64 bits', 'the usual exponent is 65537 ("AQAB")');
  }
  if (hasRocaFingerprint(n)) {
    // Public and private keys alike: the modulus alone gives the factors away (CVE-2017-15361).
    throw joseError('ERR_JWK_INVALID', 'the RSA key has the ROCA fingerprint (CVE-2017-15361): its modulus was made by a flawed Infineon RSALib generator and can be factored', {
      reason: 'roca',
      hint: 'treat the key as compromised: generate a new key pair on unaffected firmware or in software (e.g. generateKeyPair or openssl), and revoke this one and whatever it signed',
    });
  }
  if (jwk.oth !== undefined) {
    throw joseError('ERR_JOSE_NOT_SUPPORTED', 'multi-prime RSA keys ("oth", RFC 7518 §6.3.2.7) are not supported', { hint: 'use a two-prime RSA key' });
  }
  const out: Jwk = { kty: 'RSA', n: jwk.n as string, e: jwk.e as string };
  const present = RSA_PRIVATE.filter((m) => jwk[m] !== undefined);
  if (jwk.d === undefined) {
    if (present.length > 0) {
      invalidJwk(`the RSA JWK has private members (${present.join(', ')}) but no "d"`, 'export either the complete private key or only "n" and "e"');
    }
    return { jwk: out, kty: 'RSA', crv: undefined, type: 'public', bits, secret: undefined };
  }
  const missing = RSA_PRIVATE.filter((m) => jwk[m] === undefined);
  if (missing.length > 0) {
    invalidJwk(`the private RSA JWK lacks the CRT members ${missing.join(', ')}`,
      'RFC 7518 §6.3.2: export the complete private key (p, q, dp, dq, qi); keys without them are slow and poorly supported');
  }
  const d = member(jwk, 'd', 'RSA');
  const [p, q, dp, dq, qi] = RSA_PRIVATE.map((m) => toBigInt(member(jwk, m, 'RSA'))) as [bigint, bigint, bigint, bigint, bigint];
  checkCrt(toBigInt(n), toBigInt(e), toBigInt(d), p, q, dp, dq, qi);
  out.d = jwk.d;
  for (const m of RSA_PRIVATE) out[m] = jwk[m];
  return { jwk: out, kty: 'RSA', crv: undefined, type: 'private', bits, secret: undefined };
}

/**
 * The private values must agree with each other: a signature computed with inconsistent CRT
 * values is faulty, and one faulty RSA-CRT signature reveals the factors of n (Boneh, DeMillo and
 * Lipton, 1997). These checks are cheap BigInt multiplications and reductions.
 */
function checkCrt(n: bigint, e: bigint, d: bigint, p: bigint, q: bigint, dp: bigint, dq: bigint, qi: bigint): void {
  const one = 1n;
  const ok = p > one && q > one && p * q === n && d > 0n && d < n
    && dp === d % (p - one) && dq === d % (q - one)
    && (e * dp) % (p - one) === one && (e * dq) % (q - one) === one
    && (qi * q) % p === one;
  if (!ok) {
    invalidJwk('the private RSA JWK is inconsistent: its private values (d, p, q, dp, dq, qi) do not belong to its modulus and exponent',
      'the JWK was altered or assembled from different keys; export the key again from its source');
  }
}

function stripZeros(b: Uint8Array): Uint8Array {
  let i = 0;
  while (i < b.length && b[i] === 0) i++;
  return b.subarray(i);
}

function bitLength(b: Uint8Array): number {
  if (b.length === 0) return 0;
  return (b.length - 1) * 8 + (32 - Math.clz32(b[0]!));
}

export function toBigInt(b: Uint8Array): bigint {
  let hex = '';
  for (const x of b) hex += x.toString(16).padStart(2, '0');
  return hex.length === 0 ? 0n : BigInt(`0x${hex}`);
}
