/**
 * A JWT payload from its bytes: strict UTF-8, then a JSON object within the nesting limit with no
 * `__proto__` member. An array or any other JSON value is an invalid JWT (RFC 7519 §7.2 step 10;
 * GHSA-5hjw-83fp-phq9: an array payload must not slip past the claim checks).
 */
import { decodeJsonObject } from '../lib/json.js';
import type { JwtClaims } from './types.js';
import { checkClaimTypes } from './claims.js';

/** Parse and type-check the claims. Throws ERR_JWT_INVALID. */
export function parseClaims(bytes: Uint8Array, maxJsonDepth: number): JwtClaims {
  const claims = decodeJsonObject(bytes, 'payload', 'ERR_JWT_INVALID', maxJsonDepth);
  checkClaimTypes(claims);
  return claims as JwtClaims;
}
