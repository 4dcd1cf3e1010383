/**
 * Fixed test keys for round trips, taken from the negative vectors' data (derived or generated
 * once; see packages/test-vectors/scripts/negative/keys.mjs), so no test generates RSA keys.
 */
import { readVectorFile } from '../../../test-vectors/src/index.js';
import type { Jwk, JwsAlgorithm } from '../../src/index.js';

const KEYS = (readVectorFile('negative/jwt.json') as { keys: Record<string, Jwk> }).keys;

const KEY_FOR: Record<JwsAlgorithm, string> = {
  HS256: 'hs256', HS384: 'hs512', HS512: 'hs512',
  RS256: 'rsa', RS384: 'rsa', RS512: 'rsa', PS256: 'rsa', PS384: 'rsa', PS512: 'rsa',
  ES256: 'p256', ES384: 'p384', ES512: 'p521', EdDSA: 'ed25519',
};

const PRIVATE = ['d', 'p', 'q', 'dp', 'dq', 'qi'];

/** The private (or secret) JWK for `alg`, without `alg`/`kid`, so it can be bound to any alg of its family. */
export function privateJwkFor(alg: JwsAlgorithm): Jwk {
  const { alg: _a, kid: _k, ...jwk } = KEYS[KEY_FOR[alg]]!;
  return jwk as Jwk;
}

/** The verification form of {@link privateJwkFor}. */
export function publicJwkFor(alg: JwsAlgorithm): Jwk {
  const jwk: Jwk = { ...privateJwkFor(alg) };
  for (const m of PRIVATE) delete jwk[m];
  return jwk;
}
