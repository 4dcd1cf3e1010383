/**
 * The auth layer's bridge to the core: signing access tokens and verifying them with the configured
 * keys, algorithm, issuer, audience and clock; and the public JWKS. All option parsing is done once.
 */
import { exportJwk } from '../jwk/export.js';
import { isKey, type Key } from '../jwk/key.js';
import type { JwkSet } from '../lib/types.js';
import { createSigner } from '../jwt/create-signer.js';
import { prepareJwtVerifierNow, verifyJwt } from '../jwt/verify.js';
import type { JwsAlgorithm, JwtClaims, VerifyJwtOptions } from '../types.js';
import type { SigningKeyRing } from './types.js';

export interface JoseBridge {
  /** Signs `claims` (which carry `iat`); `exp`, `iss`, `aud` are added from the configuration. */
  sign(claims: JwtClaims): Promise<string>;
  /**
   * Verifies signature and claims at the configured clock's time. Synchronous where the core is
   * (node:crypto or @noble with the configured keys): the result, or a JoseError thrown; a promise
   * (rejecting with the JoseError) otherwise, e.g. with an injected clock.
   */
  verify(token: string): { payload: JwtClaims } | Promise<{ payload: JwtClaims }>;
}

export interface JoseSettings {
  signingKey: Key;
  verifyKeys: Key | SigningKeyRing;
  alg: JwsAlgorithm;
  issuer: string;
  audience: string | readonly string[];
  accessTtl: number;
  clockTolerance: number;
  /** Undefined when the clock is the real one: the verifier is then prepared once. */
  now: (() => Date) | undefined;
}

/** Claims every access token of this layer carries; a token without one is not ours. */
const REQUIRED = ['sub', 'iat', 'exp', 'jti', 'sid', 'auth_time'];

export function createJoseBridge(s: JoseSettings): JoseBridge {
  const sign = createSigner({ key: s.signingKey, alg: s.alg, expiresIn: s.accessTtl, issuer: s.issuer, audience: s.audience });
  const options: VerifyJwtOptions = {
    algorithms: [s.alg], issuer: s.issuer, audience: s.audience, clockTolerance: s.clockTolerance,
    requiredClaims: REQUIRED, typ: 'JWT',
  };
  // createVerifier's own pipeline in its promise-free form: no promise per request (jwt/verify.ts).
  const prepared = s.now === undefined ? prepareJwtVerifierNow(s.verifyKeys, options, 'createVerifier', true) : undefined;
  const clock = s.now;
  return {
    sign,
    verify: prepared !== undefined
      ? prepared
      : (token) => verifyJwt(token, s.verifyKeys, { ...options, currentDate: clock!() }),
  };
}

/** The public JWKS: the ring's own, or the public half of a single asymmetric key (none for a secret). */
export function publicJwks(keys: Key | SigningKeyRing): JwkSet {
  if (!isKey(keys)) return keys.jwks();
  return keys.type === 'secret' ? { keys: [] } : { keys: [exportJwk(keys)] };
}
