/**
 * Checking from outside that an access token was signed by a key the app publishes: the token's
 * `kid` names a key of `/.well-known/jwks.json`, and its signature verifies with that key through
 * Web Crypto (RFC 7515 §5.2; ES* signatures are R || S, as Web Crypto's ECDSA expects, RFC 7518 §3.4).
 * Independent of the core on purpose: the app's own library must not grade its tokens.
 */

const PARAMS: Record<string, { importAs: object; verifyAs: object }> = {
  ES256: { importAs: { name: 'ECDSA', namedCurve: 'P-256' }, verifyAs: { name: 'ECDSA', hash: 'SHA-256' } },
  ES384: { importAs: { name: 'ECDSA', namedCurve: 'P-384' }, verifyAs: { name: 'ECDSA', hash: 'SHA-384' } },
  ES512: { importAs: { name: 'ECDSA', namedCurve: 'P-521' }, verifyAs: { name: 'ECDSA', hash: 'SHA-512' } },
  RS256: { importAs: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, verifyAs: { name: 'RSASSA-PKCS1-v1_5' } },
  RS384: { importAs: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-384' }, verifyAs: { name: 'RSASSA-PKCS1-v1_5' } },
  RS512: { importAs: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-512' }, verifyAs: { name: 'RSASSA-PKCS1-v1_5' } },
  PS256: { importAs: { name: 'RSA-PSS', hash: 'SHA-256' }, verifyAs: { name: 'RSA-PSS', saltLength: 32 } },
  PS384: { importAs: { name: 'RSA-PSS', hash: 'SHA-384' }, verifyAs: { name: 'RSA-PSS', saltLength: 48 } },
  PS512: { importAs: { name: 'RSA-PSS', hash: 'SHA-512' }, verifyAs: { name: 'RSA-PSS', saltLength: 64 } },
  EdDSA: { importAs: { name: 'Ed25519' }, verifyAs: { name: 'Ed25519' } },
};

function base64url(text: string): Uint8Array<ArrayBuffer> {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(bin, (ch) => ch.charCodeAt(0));
}

/** The decoded JSON of a token's header or payload segment, or undefined. */
export function segmentJson(token: string, index: 0 | 1): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(base64url(token.split('.')[index] ?? '')));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Null when `token` verifies with the key of `jwks` its `kid` names; else why not. */
export async function verifiesWithJwks(token: string, jwks: unknown): Promise<string | null> {
  const parts = token.split('.');
  if (parts.length !== 3) return 'the access token is not a compact JWS';
  const header = segmentJson(token, 0);
  const alg = String(header?.['alg']);
  const params = PARAMS[alg];
  if (params === undefined) return `the access token's alg ${JSON.stringify(header?.['alg'])} is not one a published key can verify`;
  const keys = (jwks as { keys?: unknown } | null)?.keys;
  const jwk = Array.isArray(keys) ? (keys as Array<Record<string, unknown>>).find((k) => k['kid'] === header?.['kid']) : undefined;
  if (jwk === undefined) return `the access token's kid ${JSON.stringify(header?.['kid'])} is not in the JWKS`;
  try {
    const { alg: _alg, key_ops: _ops, ...material } = jwk;
    const key = await crypto.subtle.importKey('jwk', material as JsonWebKey, params.importAs as AlgorithmIdentifier, false, ['verify']);
    const data = new TextEncoder().encode(`${parts[0]}.${parts[1]}`);
    const ok = await crypto.subtle.verify(params.verifyAs as AlgorithmIdentifier, key, base64url(parts[2]!), data);
    return ok ? null : `the access token's signature does not verify with the published key ${JSON.stringify(jwk['kid'])}`;
  } catch (error) {
    return `the published key ${JSON.stringify(jwk['kid'])} could not verify the token: ${error instanceof Error ? error.message : String(error)}`;
  }
}
