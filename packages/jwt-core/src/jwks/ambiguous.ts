/**
 * Ambiguous key sets, refused when the set is made. A token's `kid` must select one key (RFC 7517
 * §4.5: different keys SHOULD have distinct kids); two different keys under one kid that could
 * both serve the same algorithm would leave the choice to the order of the set. Not ambiguous,
 * and accepted:
 * - keys of different types or curves under one kid (§4.5's "equivalent alternatives"): the
 *   token's `alg` (and, for ECDH-ES, its `epk` curve) picks one;
 * - the same key twice (a private key and its public key, or one key imported twice);
 * - keys without a kid: a token without `kid` tries the keys bound to its `alg`, at most
 *   `maxKeysTried` of them (key-set.ts), on purpose, for issuers that send no kid.
 */
import { joseError } from '../lib/errors.js';
import { internals, type Key } from '../jwk/key.js';
import { shortText } from './select.js';

/** The public part that identifies a key's material (the secret for `oct`); compared, never shown. */
function material(key: Key): string {
  const jwk = internals(key).jwk;
  return JSON.stringify([jwk.kty, jwk.crv, jwk.n, jwk.e, jwk.x, jwk.y, jwk.k]);
}

function overlap(a: Key, b: Key): readonly string[] {
  return a.algorithms.filter((alg) => (b.algorithms as readonly string[]).includes(alg));
}

/** Throw ERR_JWKS_INVALID (reason `ambiguous`) for the first pair of different keys one kid cannot tell apart. */
export function refuseAmbiguousKids(keys: readonly Key[]): void {
  const byKid = new Map<string, number[]>();
  keys.forEach((k, i) => {
    if (k.kid !== undefined) byKid.set(k.kid, [...(byKid.get(k.kid) ?? []), i]);
  });
  for (const [kid, positions] of byKid) {
    for (let x = 0; x < positions.length; x++) {
      for (let y = x + 1; y < positions.length; y++) {
        const a = keys[positions[x]!]!;
        const b = keys[positions[y]!]!;
        if (a.use !== b.use || a.kty !== b.kty || a.crv !== b.crv) continue;
        const algs = overlap(a, b);
        if (algs.length === 0 || material(a) === material(b)) continue;
        throw joseError('ERR_JWKS_INVALID', `keys #${positions[x]! + 1} and #${positions[y]! + 1} of the set are different ${a.kty} keys with the same kid '${shortText(kid)}', both usable for ${algs.join(', ')}: a token with this kid could not say which one it means`, {
          reason: 'ambiguous', kid: shortText(kid),
          hint: 'give each key its own kid (RFC 7517 §4.5), e.g. its thumbprint, and send the kid in the token header; or remove the stale key',
        });
      }
    }
  }
}
