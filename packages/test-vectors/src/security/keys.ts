/** Keys and tokens the checks share: made through the API under test, once per run where slow. */
import { claims, NOW_DATE, withBackend } from './attempt.js';
import { rsaPublicPem, segment, utf8 } from './encoding.js';
import type { SecurityApi, SecurityContext } from './types.js';

/** A fresh random HMAC key for `alg` (HS256: 32 bytes, ...). */
export function hmacKey(api: SecurityApi, alg = 'HS256', kid?: string): unknown {
  const bytes = crypto.getRandomValues(new Uint8Array(Number(alg.slice(2)) / 8));
  return api.importSecret(bytes, kid === undefined ? { alg } : { alg, kid });
}

/** Sign standard claims (valid at NOW) with `key`. */
export function signValid(api: SecurityApi, ctx: SecurityContext, key: unknown, alg: string, extra: Record<string, unknown> = {}, header?: Record<string, unknown>): Promise<string> {
  return api.signJwt(claims(extra), key, { alg, currentDate: NOW_DATE, ...(header === undefined ? {} : { header }), ...withBackend(ctx.backend) });
}

/** verifyJwt options at NOW for `algorithms`, with the forced backend. */
export function verifyOptions(ctx: SecurityContext, algorithms: readonly string[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { algorithms, currentDate: NOW_DATE, ...withBackend(ctx.backend), ...extra };
}

/** The public JWK of a key, as a plain object. */
export function publicJwk(api: SecurityApi, key: unknown): Record<string, unknown> {
  return api.exportJwk(key) as Record<string, unknown>;
}

/** The RS256 pair of the run, with its public key as a JWK, a PEM and an imported-from-PEM key. */
export async function rsaMaterial(api: SecurityApi, ctx: SecurityContext): Promise<{ privateKey: unknown; publicKey: unknown; jwk: Record<string, unknown>; pem: string }> {
  const { privateKey, publicKey } = await ctx.keyPair('RS256');
  const jwk = publicJwk(api, publicKey);
  return { privateKey, publicKey, jwk, pem: await rsaPublicPem(jwk) };
}

/**
 * The ways an attacker presents public key material as an HMAC secret: the PEM text (as an app
 * that reads a key file holds it), the PEM with leading whitespace (CVE-2023-48223's bypass), the
 * JWK as JSON text, and the raw modulus bytes.
 */
export function publicMaterialAsSecrets(jwk: Record<string, unknown>, pem: string): { what: string; secret: Uint8Array }[] {
  return [
    { what: 'the PEM text', secret: utf8(pem) },
    { what: 'the PEM with leading whitespace', secret: utf8(`\n  ${pem}`) },
    { what: 'the JWK JSON', secret: utf8(JSON.stringify(jwk)) },
    { what: 'the JWK JSON of n and e only', secret: utf8(JSON.stringify({ kty: 'RSA', n: jwk.n, e: jwk.e })) },
  ];
}

/** An unsigned (`alg: none`-style) token: header, claims, and `signature` (default empty). */
export function unsignedToken(alg: string, signature = ''): string {
  return `${segment({ alg, typ: 'JWT' })}.${segment(claims({ sub: 'admin' }))}.${signature}`;
}

/** verifyJws options (no claim options: JWS has no clock) for `algorithms`, with the forced backend. */
export function jwsOptions(ctx: SecurityContext, algorithms: readonly string[]): Record<string, unknown> {
  return { algorithms, ...withBackend(ctx.backend) };
}
