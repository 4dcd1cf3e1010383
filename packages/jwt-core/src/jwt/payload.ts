/**
 * A JWT payload from its bytes: strict UTF-8, then a JSON object within the nesting limit with no
 * `__proto__` member. An array or any other JSON value is an invalid JWT (RFC 7519 §7.2 step 10;
 * GHSA-5hjw-83fp-phq9: an array payload must not slip past the claim checks).
 */
import { joseError } from '../lib/errors.js';
import { parseJsonObject } from '../lib/json.js';
import { fromUtf8 } from '../lib/utf8.js';
import type { JwtClaims } from './types.js';
import { checkClaimTypes } from './claims.js';

/** Parse and type-check the claims. Throws ERR_JWT_INVALID. */
export function parseClaims(bytes: Uint8Array, maxJsonDepth: number): JwtClaims {
  let text: string;
  try {
    text = fromUtf8(bytes);
  } catch {
    throw joseError('ERR_JWT_INVALID', 'payload is not valid UTF-8', { reason: 'utf8', hint: 'a JWT payload is a UTF-8 JSON object' });
  }
  const claims = parseJsonObject(text, 'payload', 'ERR_JWT_INVALID', maxJsonDepth);
  checkClaimTypes(claims);
  return claims as JwtClaims;
}
