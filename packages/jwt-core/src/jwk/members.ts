/** Reading JWK members strictly: base64url (RFC 7515 §2), bounded in length, errors without values. */
import { joseError } from '../lib/errors.js';
import { decodeBase64url } from '../lib/base64url.js';
import type { KeyTypeName } from '../lib/algorithms.js';
import type { Jwk } from '../lib/types.js';
import { describeValue } from '../lib/describe.js';
import type { KeyKind } from './key.js';

/** A 16384-bit modulus is 2731 base64url characters; nothing legitimate is longer. */
export const MAX_MEMBER_CHARS = 4_096;
/** Secrets (HMAC keys, PBES2 passwords) up to 6 KiB. */
export const MAX_SECRET_CHARS = 8_192;

/** What validation learned about a JWK. */
export interface ValidatedJwk {
  /** `kty` plus the key members, nothing else. */
  readonly jwk: Jwk;
  readonly kty: KeyTypeName;
  readonly crv: string | undefined;
  readonly type: KeyKind;
  readonly bits: number;
  /** The raw secret of an `oct` key. */
  readonly secret: Uint8Array | undefined;
}

export function invalidJwk(message: string, hint: string): never {
  throw joseError('ERR_JWK_INVALID', message, { hint });
}

/** Decode a required base64url member, or report exactly which member is missing or malformed. */
export function member(jwk: Readonly<Jwk>, name: string, label: string, maxChars = MAX_MEMBER_CHARS): Uint8Array {
  const value = jwk[name];
  if (value === undefined) {
    invalidJwk(`the ${label} JWK has no "${name}" member`, 'export the complete JWK (RFC 7518 §6 lists the members each key type needs)');
  }
  if (typeof value !== 'string') {
    invalidJwk(`"${name}" of the ${label} JWK must be a base64url string, got ${describeValue(value)}`, 'JWK members are base64url strings (RFC 7518 §6)');
  }
  if (value.length > maxChars) {
    invalidJwk(`"${name}" of the ${label} JWK is ${value.length} characters; at most ${maxChars} are accepted`, 'this is far larger than any supported key; check that the right value was configured');
  }
  return decodeBase64url(value, `"${name}" of the ${label} JWK`, 'ERR_JWK_INVALID');
}

/** A name from untrusted input, quoted when it looks like an identifier, otherwise described. */
export function safeName(value: unknown): string {
  return typeof value === 'string' && /^[\w.+-]{1,40}$/.test(value) ? `'${value}'` : describeValue(value);
}
