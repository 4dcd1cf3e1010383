/**
 * `@tessera/test-vectors`' negative tokens sent as `Authorization: Bearer` through @tessera/node to a
 * real auth layer over HTTP: each is refused with 401, the code the vector names, an RFC 6750
 * challenge, and a body that never echoes the token.
 *
 * The auth layer adds its own claim rules (issuer, audience, `sid`, `jti`, ...) after the signature,
 * so a vector whose failure lies in the claims stage could legitimately be refused for one of those
 * first. Every vector that fails before the claims stage (parsing, header, `crit`, algorithm
 * allow-list, key selection, signature) must give exactly its code here; claim rules are covered
 * by the core's own run of the suite.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JoseError, createKeySet, importJwk, importSecret, type Key, type KeySet } from '@tessera/jwt-core';
import { createAuth, type Auth, type SigningKeyRing } from '@tessera/jwt-core/server';
import { negativeVectors, caseDate, type VerifyCase } from '@tessera/test-vectors';
import { createMiddleware } from '../src/index.js';
import { listen, send, type Running } from './helpers/http.js';

const BEFORE_CLAIMS = new Set([
  'ERR_JWS_INVALID',
  'ERR_JOSE_ALG_NOT_ALLOWED',
  'ERR_JOSE_NOT_SUPPORTED',
  'ERR_JWKS_NO_MATCHING_KEY',
  'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
]);
// Options createAuth cannot express (its allow-list is its one algorithm) are left to the core's run.
const EXPRESSIBLE = new Set(['algorithms', 'currentDate']);

// A token with control characters cannot travel in an HTTP header at all (the client refuses it).
const HEADER_SAFE = /^[\x20-\x7e]*$/;

function applicable(c: VerifyCase): boolean {
  return (
    c.expect.ok === false &&
    HEADER_SAFE.test(c.token) &&
    BEFORE_CLAIMS.has(c.expect.code) &&
    Object.keys(c.options).every((o) => EXPRESSIBLE.has(o)) &&
    c.options.algorithms?.length === 1
  );
}

const cases = negativeVectors().filter(applicable);

/** A private key or secret of `alg` to satisfy createAuth (it signs nothing in this test). */
async function signerFor(alg: string): Promise<Key> {
  const hmac: Record<string, number> = { HS256: 32, HS384: 48, HS512: 64 };
  if (hmac[alg] !== undefined) return importSecret(randomBytes(hmac[alg]), { alg: alg as never, kid: `test-signer-${alg}` });
  const spec: Record<string, () => ReturnType<typeof generateKeyPairSync>> = {
    ES256: () => generateKeyPairSync('ec', { namedCurve: 'P-256' }),
    ES384: () => generateKeyPairSync('ec', { namedCurve: 'P-384' }),
    ES512: () => generateKeyPairSync('ec', { namedCurve: 'P-521' }),
    EdDSA: () => generateKeyPairSync('ed25519'),
    RS256: () => generateKeyPairSync('rsa', { modulusLength: 2048 }),
    PS256: () => generateKeyPairSync('rsa', { modulusLength: 2048 }),
  };
  const make = spec[alg];
  if (make === undefined) throw new Error(`no test signer for ${alg}`);
  const jwk = make().privateKey.export({ format: 'jwk' });
  return importJwk({ ...jwk, alg, kid: `test-signer-${alg}` } as never);
}

/** The auth's keys: the vector's own key (an HMAC secret signs too), or a ring verifying with the vector's keys. */
async function keysFor(c: VerifyCase): Promise<Key | SigningKeyRing> {
  const alg = c.options.algorithms![0]!;
  const first = c.keys.keys[0];
  if (c.keyMode === 'single' && first?.kty === 'oct' && first.alg === alg) return importJwk(first as never);
  const set: KeySet = c.keyMode === 'set' ? await createKeySet(c.keys as never) : await createKeySet([await importJwk(first as never)]);
  const signingKey = await signerFor(alg);
  return { signingKey, get keys() { return set.keys; }, jwks: () => set.jwks(), select: (h, s) => set.select(h, s) };
}

let server: Running;
let current: ((req: never, res: never, next: () => void) => void) | undefined;
beforeAll(async () => {
  // Node refuses request headers over 16 KB with 431 before any adapter runs; a larger limit lets the
  // oversized-token vectors reach the core's own length check.
  server = await listen(
    (req, res) => {
      current?.(req as never, res as never, () => res.end('ACCESS GRANTED'));
    },
    { maxHeaderSize: 256 * 1024 },
  );
});
afterAll(() => server.close());

describe('negative test vectors through the adapter (bearer)', () => {
  it('covers a meaningful share of the suite', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s is refused with its code', async (_id, c) => {
    const expected = c.expect.ok === false ? c.expect.code : '';
    let keys: Key | SigningKeyRing;
    try {
      keys = await keysFor(c);
    } catch (error) {
      // A key the core refuses to import (e.g. an unsupported curve) fails at configuration time,
      // with the vector's code, before any token is seen.
      expect(error).toBeInstanceOf(JoseError);
      expect((error as JoseError).code).toBe(expected);
      return;
    }
    const auth: Auth = createAuth({
      keys,
      algorithm: c.options.algorithms![0] as never,
      issuer: 'https://issuer.example',
      audience: 'api://tessera-tests',
      transport: 'bearer',
      now: () => caseDate(c) ?? new Date(),
      logger: { warn: () => undefined },
      authenticate: () => null,
      loadUser: () => null,
      claims: () => ({ sub: 'never' }),
    });
    current = createMiddleware(auth, { onError: () => undefined });
    const reply = await send(`${server.url}/api/me`, { headers: { authorization: `Bearer ${c.token}` } });
    expect(reply.body).not.toContain('ACCESS GRANTED');
    expect(reply.status).toBe(401);
    expect(reply.json()).toMatchObject({ error: expected });
    expect(reply.headers['www-authenticate']).toMatch(/^Bearer error="invalid_token"/);
    if (c.token.length > 20) expect(reply.body).not.toContain(c.token);
  });
});
