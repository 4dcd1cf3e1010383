/**
 * JWK Thumbprint (RFC 7638): the hash of the key's required public members, in lexicographic
 * order, serialised without whitespace (§3.2-3.3). Optional members (`kid`, `alg`, `use`) and
 * private members never enter it, so a private JWK and its public JWK share one thumbprint.
 *
 * For an `oct` key the input is the secret itself (`k`): the thumbprint of a secret key is a hash
 * of the secret. It reveals nothing an HMAC token does not already allow checking offline, but a
 * weak secret stays weak; publish thumbprints of public keys only.
 */
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { invalidOption, joseError } from '../lib/errors.js';
import { encodeBase64url, isBase64url } from '../lib/base64url.js';
import { utf8 } from '../lib/utf8.js';
import { describeValue } from '../lib/describe.js';
import { internals, isKey, type Key } from './key.js';
import { safeName } from './members.js';
import type { Jwk } from '../lib/types.js';

export type ThumbprintHash = 'SHA-256' | 'SHA-384' | 'SHA-512';

/** RFC 7638 §3.2: the required members of each key type, already in lexicographic order. */
const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  RSA: ['e', 'kty', 'n'],
  EC: ['crv', 'kty', 'x', 'y'],
  OKP: ['crv', 'kty', 'x'],
  oct: ['k', 'kty'],
};
const HASHES = { 'SHA-256': sha256, 'SHA-384': sha384, 'SHA-512': sha512 } as const;

/**
 * The RFC 7638 thumbprint of a key or JWK, base64url-encoded. Synchronous; works everywhere.
 *
 * @example
 * ```ts
 * const kid = thumbprint(publicKey); // e.g. 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs'
 * const same = thumbprint(exportJwk(publicKey));
 * ```
 * @throws JoseError `ERR_JWK_INVALID` when a required member is missing or not base64url;
 * `ERR_JOSE_NOT_SUPPORTED` for an unknown `kty`.
 */
export function thumbprint(jwkOrKey: Jwk | Key, hash: ThumbprintHash = 'SHA-256'): string {
  const digest = HASHES[hash];
  if (digest === undefined) throw invalidOption(`hash must be 'SHA-256', 'SHA-384' or 'SHA-512', got ${describeValue(hash)}`, "omit hash for SHA-256, the usual choice (RFC 7638 §3)");
  return encodeBase64url(digest(utf8(canonicalJwk(jwkOrKey))));
}

/** The RFC 7638 §3.3 JSON the thumbprint hashes. */
export function canonicalJwk(jwkOrKey: Jwk | Key): string {
  const jwk: Readonly<Jwk> = isKey(jwkOrKey) ? internals(jwkOrKey).jwk : jwkOrKey;
  if (typeof jwk !== 'object' || jwk === null) {
    throw joseError('ERR_JWK_INVALID', `thumbprint expects a key or a JWK object; got ${describeValue(jwk)}`, { hint: 'pass a key from importJwk or a JWK object' });
  }
  const members = REQUIRED[jwk.kty as string];
  if (members === undefined) {
    throw joseError('ERR_JOSE_NOT_SUPPORTED', `cannot compute the thumbprint of key type ${safeName(jwk.kty)}; supported: RSA, EC, OKP, oct`, {
      hint: 'RFC 7638 §3.2 defines the members of RSA, EC and oct keys; RFC 8037 §2 those of OKP keys',
    });
  }
  const parts = members.map((name) => {
    const value = jwk[name];
    const ok = typeof value === 'string' && value.length > 0 && (name === 'kty' || name === 'crv' || isBase64url(value));
    if (!ok) {
      throw joseError('ERR_JWK_INVALID', `the ${String(jwk.kty)} JWK needs a${name === 'kty' ? '' : ' base64url'} string "${name}" for its thumbprint (RFC 7638 §3.2)`, {
        hint: 'pass the complete public JWK',
      });
    }
    return `${JSON.stringify(name)}:${JSON.stringify(value)}`;
  });
  return `{${parts.join(',')}}`;
}
