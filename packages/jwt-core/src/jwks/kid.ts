/**
 * Default key ids. A key without a `kid` forces verifiers to try keys one by one; a ring or a
 * published JWKS gives each key its RFC 7638 thumbprint, which is stable (the same key always
 * gets the same kid on every instance) and reveals nothing beyond the public key.
 */
import { isExtractable, markNonExtractable } from '../jwk/extractable.js';
import { isGenerated, markGenerated } from '../jwk/generated.js';
import { createKey, internals, type Key } from '../jwk/key.js';
import { thumbprint } from '../jwk/thumbprint.js';

/** `key` itself when it has a kid, else the same key material and binding with its thumbprint as kid. */
export function withDefaultKid(key: Key): Key {
  if (key.kid !== undefined) return key;
  const { jwk, secret } = internals(key);
  const kid = thumbprint(key);
  // The material was validated when `key` was imported; only the kid changes.
  const copy = createKey({ ...jwk, kid }, {
    type: key.type, kty: key.kty, crv: key.crv, use: key.use, algorithms: key.algorithms, kid, bits: key.bits, secret,
  });
  // Still the same key: it stays non-extractable if it was (its private part must not become
  // exportable through a ring), and the auth layer's production warning must see through the copy.
  if (!isExtractable(key)) markNonExtractable(copy);
  return isGenerated(key) ? markGenerated(copy) : copy;
}
