/**
 * What a token's own header and claims say about how it will fare in production, each as cause
 * and fix: no `exp`, a lifetime of days, no `kid`, a shared-secret algorithm on a token meant for
 * other services, `iat` in the future (clock skew), an unsecured or refused algorithm.
 */
import { formatDuration } from '../lib/time.js';
import type { Finding } from './types.js';

/** Lifetimes from one day up are "days": access tokens should live minutes. */
const LONG_LIFETIME = 86_400;
/** The library's default clock tolerance. */
const TOLERANCE = 5;

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function audiences(aud: unknown): string[] {
  if (typeof aud === 'string') return [aud];
  return Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : [];
}

/**
 * The warnings for a JWS (`claims` undefined when the payload is not claims).
 *
 * @example
 * ```ts
 * jwsFindings({ alg: 'HS256' }, { sub: 'u1' }, now).map((f) => f.code); // ['no-kid', 'no-exp']
 * ```
 */
export function jwsFindings(header: Record<string, unknown>, claims: Record<string, unknown> | undefined, now: number): Finding[] {
  const out: Finding[] = [];
  const alg = typeof header.alg === 'string' ? header.alg : undefined;
  const hmac = alg !== undefined && /^HS\d+$/.test(alg);
  if (alg !== undefined && alg.toLowerCase() === 'none') {
    out.push({ code: 'alg-none', message: 'alg is "none": the token is unsecured, anyone can write it', hint: 'Tessera never accepts alg none; sign the token (ES256, EdDSA, RS256 or HS256)' });
  }
  if (header.kid === undefined && alg !== undefined && alg.toLowerCase() !== 'none') {
    out.push(hmac
      ? { code: 'no-kid', message: `no kid on an ${alg} token`, hint: 'with a key ring of several secrets (during a rotation, or instances configured apart) a verifier must guess the secret: give each secret a kid (a key ring sets its thumbprint) so a refusal names the key it wanted' }
      : { code: 'no-kid', message: `no kid on ${/^[AEIOU]/.test(alg) ? 'an' : 'a'} ${alg} token`, hint: 'verifiers must try every key, and a token from a key they lack cannot be told apart from a forgery: sign with a key that has a kid (a key ring sets its thumbprint)' });
  }
  if (claims === undefined) return out;
  const { exp, iat, nbf, iss } = claims;
  if (exp === undefined) {
    out.push({ code: 'no-exp', message: 'no exp: the token never expires', hint: "sign it with an expiry (expiresIn: '15m' for an access token); a leaked token without exp works until the key is rotated" });
  } else if (isNumber(exp)) {
    const from = isNumber(iat) ? iat : isNumber(nbf) ? nbf : now;
    if (exp - from >= LONG_LIFETIME) {
      out.push({ code: 'long-lifetime', message: `the token lives ${formatDuration(exp - from)}${isNumber(iat) ? '' : ' from now'}`, hint: 'access tokens should live minutes (5m to 15m): a stolen one is valid that long, and revocation has to be checked on every request. Keep long sessions in a refresh token' });
    }
  }
  if (isNumber(iat) && iat > now + TOLERANCE) {
    out.push({ code: 'iat-in-future', message: `iat is ${formatDuration(iat - now)} in the future of this machine's clock`, hint: 'the issuer\'s clock or this one is wrong: sync both with NTP (chrony, systemd-timesyncd); raise clockTolerance only by the skew you measured' });
  }
  const auds = audiences(claims.aud);
  if (hmac && auds.length > 0 && (auds.length > 1 || (typeof iss === 'string' && auds[0] !== iss))) {
    out.push({
      code: 'symmetric-alg-for-other-services',
      message: `${alg} (a shared secret) on a token for ${auds.length > 1 ? `the audiences ${auds.join(', ')}` : `the audience ${auds[0]}`}${typeof iss === 'string' ? ` issued by ${iss}` : ''}`,
      hint: 'every service that verifies an HMAC token holds the secret, and so can mint tokens for all the others: sign tokens for other services with ES256, EdDSA or RS256 and publish the JWKS (tessera jwks)',
    });
  }
  return out;
}

/**
 * The warnings for a JWE's protected header.
 *
 * @example
 * ```ts
 * jweFindings({ alg: 'RSA1_5', enc: 'A128GCM' }).map((f) => f.code); // ['jwe-rsa1_5']
 * ```
 */
export function jweFindings(header: Record<string, unknown>): Finding[] {
  const out: Finding[] = [];
  if (header.alg === 'RSA1_5') out.push({ code: 'jwe-rsa1_5', message: 'alg RSA1_5 (RSA PKCS#1 v1.5 key encryption)', hint: 'Tessera refuses RSA1_5 (Bleichenbacher-style padding oracles): encrypt with RSA-OAEP-256 or ECDH-ES+A256KW' });
  if (header.zip !== undefined) out.push({ code: 'jwe-zip', message: `zip ${JSON.stringify(header.zip)}: the plaintext was compressed before encryption`, hint: 'Tessera refuses zip (compressed plaintext leaks its content through the ciphertext length, and inflates unbounded): encrypt without zip' });
  if (header.kid === undefined) out.push({ code: 'no-kid', message: 'no kid on the JWE', hint: 'the recipient must try each of its decryption keys: encrypt to a key that has a kid' });
  return out;
}
