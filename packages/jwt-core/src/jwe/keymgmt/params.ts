/**
 * The header parameters each key-management algorithm defines (RFC 7518 §4.6.1, §4.7.1, §4.8.1),
 * checked when the header is checked: before the allow-list passes control to key selection and
 * long before any key is derived. Everything here is public; malformed values are ERR_JWE_INVALID.
 */
import type { Jwk } from '../../lib/types.js';
import { algorithmInfo } from '../../lib/algorithms.js';
import { decodeBase64url } from '../../lib/base64url.js';
import { invalidJwe } from '../errors.js';

export interface KeyManagementParams {
  /** ECDH-ES: the sender's ephemeral public key (only its public members are kept). */
  readonly epk?: Jwk;
  readonly apu?: Uint8Array;
  readonly apv?: Uint8Array;
  /** A*GCMKW: IV and tag of the key wrap. */
  readonly iv?: Uint8Array;
  readonly tag?: Uint8Array;
  /** PBES2: salt input and iteration count. */
  readonly p2s?: Uint8Array;
  readonly p2c?: number;
}

/** Default upper bound on `p2c` when decrypting (CVE-2022-36083); OWASP's 2021 figure for PBKDF2-HMAC-SHA256. */
export const DEFAULT_MAX_PBES2_COUNT = 310_000;
/** The smallest `p2c` Tessera uses when encrypting (RFC 7518 §4.8.1.2 recommends at least 1000). */
export const MIN_PBES2_COUNT = 1_000;
/** RFC 7518 §4.8.1.1: the salt input must be at least 8 octets. */
export const MIN_PBES2_SALT_BYTES = 8;

function bytes(header: Record<string, unknown>, name: string, required: boolean): Uint8Array | undefined {
  const value = header[name];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string') {
    throw invalidJwe(`the "${name}" header parameter must be a base64url string${value === undefined ? ' and is missing' : ''}`,
      `${String(header['alg'])} requires it (RFC 7518 §4)`, name);
  }
  return decodeBase64url(value, `the "${name}" header parameter`, 'ERR_JWE_INVALID');
}

function epkOf(header: Record<string, unknown>): Jwk {
  const epk = header['epk'];
  if (typeof epk !== 'object' || epk === null || Array.isArray(epk)) {
    throw invalidJwe('the "epk" header parameter must be a JWK object', 'ECDH-ES requires the sender\'s ephemeral public key (RFC 7518 §4.6.1.1)', 'epk');
  }
  const { kty, crv, x, y, d } = epk as Record<string, unknown>;
  if (d !== undefined) throw invalidJwe('the "epk" header parameter contains a private key member "d"', 'only the ephemeral public key may travel in a header', 'epk');
  if ((kty !== 'EC' && kty !== 'OKP') || typeof crv !== 'string' || typeof x !== 'string' || (kty === 'EC' && typeof y !== 'string')) {
    throw invalidJwe('the "epk" header parameter must be an EC (kty, crv, x, y) or OKP (kty, crv, x) public key', 'RFC 7518 §4.6.1.1, RFC 8037 §2', 'epk');
  }
  return kty === 'EC' ? { kty, crv, x, y: y as string } : { kty, crv, x };
}

/** Validate the parameters `alg` defines. `maxPbes2Count` bounds `p2c` before any derivation. */
export function keyManagementParams(alg: string, header: Record<string, unknown>, maxPbes2Count: number): KeyManagementParams {
  const family = algorithmInfo(alg)?.family;
  if (family === 'ECDH-ES') {
    return { epk: epkOf(header), apu: bytes(header, 'apu', false), apv: bytes(header, 'apv', false) };
  }
  if (family === 'AES-GCMKW') {
    const iv = bytes(header, 'iv', true)!;
    const tag = bytes(header, 'tag', true)!;
    if (iv.length !== 12 || tag.length !== 16) {
      throw invalidJwe(`${alg} needs a 96-bit "iv" and a 128-bit "tag" header; got ${iv.length * 8} and ${tag.length * 8} bits`, 'RFC 7518 §4.7.1', 'gcmkw');
    }
    return { iv, tag };
  }
  if (family === 'PBES2') {
    const p2c = header['p2c'];
    if (typeof p2c !== 'number' || !Number.isSafeInteger(p2c) || p2c < 1) {
      throw invalidJwe('the "p2c" header parameter must be a positive integer', 'RFC 7518 §4.8.1.2', 'p2c');
    }
    if (p2c > maxPbes2Count) {
      throw invalidJwe(`the "p2c" header parameter (${p2c}) exceeds the maximum of ${maxPbes2Count} PBES2 iterations`,
        'huge iteration counts are a denial-of-service attack (CVE-2022-36083); raise maxPbes2Count only if you trust the sender', 'p2c');
    }
    const p2s = bytes(header, 'p2s', true)!;
    if (p2s.length < MIN_PBES2_SALT_BYTES) {
      throw invalidJwe(`the "p2s" header parameter must be at least ${MIN_PBES2_SALT_BYTES} bytes; got ${p2s.length}`, 'RFC 7518 §4.8.1.1', 'p2s');
    }
    return { p2s, p2c };
  }
  return {};
}
