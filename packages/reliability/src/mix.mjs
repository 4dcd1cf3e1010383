/**
 * The saturation mix (apps/README.md, `bearer` transport): each kind of token with the one answer
 * the app owes it. Valid tokens get 200; everything else its 401 (or 403) with the core's code.
 * The weights make about half the requests valid, so both the accepting and the refusing paths are
 * loaded.
 */
import { ADA, expiredCopy, GRACE, logout, signIn, tamperedClaims, tamperedSignature } from './tokens.mjs';

const bearer = (token) => ({ authorization: `Bearer ${token}`, accept: 'application/json' });

/**
 * Signs in on the app at `url` and builds the mix; `pem` is the app's signing key (for the expired
 * copy). `path` the protected route (default /api/me). Returns `{ mix, tokens }`.
 */
export async function tokenMix(url, pem) {
  const ada = await signIn(url, ADA);
  const grace = await signIn(url, GRACE);
  const gone = await signIn(url, ADA);
  // Logout revokes the session and its access token's jti (apps/README.md): the copy is refused.
  await logout(url, gone.access_token);
  const tokens = {
    valid: ada.access_token,
    admin: grace.access_token,
    revoked: gone.access_token,
    expired: expiredCopy(ada.access_token, pem),
    tamperedSignature: tamperedSignature(ada.access_token),
    tamperedClaims: tamperedClaims(ada.access_token),
  };
  const mix = [
    { name: 'valid', path: '/api/me', headers: bearer(tokens.valid), weight: 4, expect: { status: 200 } },
    { name: 'valid admin', path: '/api/admin', headers: bearer(tokens.admin), weight: 1, expect: { status: 200 } },
    { name: 'valid, lacks role', path: '/api/admin', headers: bearer(tokens.valid), weight: 1, expect: { status: 403, code: 'ERR_AUTH_FORBIDDEN' } },
    { name: 'revoked (logout)', path: '/api/me', headers: bearer(tokens.revoked), weight: 1, expect: { status: 401, code: 'ERR_JWT_REVOKED' } },
    { name: 'expired', path: '/api/me', headers: bearer(tokens.expired), weight: 1, expect: { status: 401, code: 'ERR_JWT_EXPIRED' } },
    { name: 'tampered signature', path: '/api/me', headers: bearer(tokens.tamperedSignature), weight: 1, expect: { status: 401, code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' } },
    { name: 'tampered claims', path: '/api/admin', headers: bearer(tokens.tamperedClaims), weight: 1, expect: { status: 401, code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' } },
    { name: 'no token', path: '/api/me', headers: { accept: 'application/json' }, weight: 1, expect: { status: 401, code: 'ERR_TOKEN_MISSING' } },
  ];
  return { mix, tokens };
}
