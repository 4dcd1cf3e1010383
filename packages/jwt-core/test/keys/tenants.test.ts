/**
 * Per-request keys: a resolver `(header, context) => Key | KeySet | Promise<...>` wherever a key
 * is accepted. Two tenants with different keys (one a local key ring, one a remote JWKS on a real
 * server), chosen by a context value; a token of one tenant never verifies for the other.
 */
import { randomBytes } from 'node:crypto';
import { generateKeyObjects } from '../helpers/keygen.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JoseError } from '../../src/errors.js';
import { importJwk } from '../../src/jwk/import.js';
import { importSecret } from '../../src/jwk/import-secret.js';
import type { Jwk } from '../../src/lib/types.js';
import { createKeyRing } from '../../src/jwks/key-ring.js';
import { createRemoteKeySet } from '../../src/jwks/remote.js';
import type { KeyResolver, KeySet } from '../../src/jwks/types.js';
import { createVerifier } from '../../src/jwt/create-verifier.js';
import { signJwt } from '../../src/jwt/sign.js';
import { verifyJwt } from '../../src/jwt/verify.js';
import { rejection, startJwksServer, type JwksServer } from '../jwks/remote-helpers.js';

let idp: JwksServer;
beforeAll(async () => { idp = await startJwksServer(); });
afterAll(async () => { await idp.close(); });

function ecPrivate(kid: string): { jwk: Jwk; publicJwk: Jwk } {
  const jwk = { ...(generateKeyObjects('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }) as Jwk), kid, alg: 'ES256' };
  return { jwk, publicJwk: { kty: 'EC', crv: jwk.crv, x: jwk.x, y: jwk.y, kid, alg: 'ES256', use: 'sig' } };
}

describe('per-tenant keys through a resolver', () => {
  const acme = ecPrivate('acme-1');
  const globex = ecPrivate('globex-1');
  let resolver: KeyResolver;
  const seen: unknown[] = [];

  beforeAll(() => {
    idp.serve([globex.publicJwk]);
    const tenants = new Map<string, KeySet>([
      ['acme', createKeyRing({ signing: importJwk(acme.jwk) })],
      ['globex', createRemoteKeySet(idp.url)],
    ]);
    resolver = (_header, context) => {
      seen.push(context);
      const tenant = (context as { tenant?: string } | undefined)?.tenant;
      const keys = tenant === undefined ? undefined : tenants.get(tenant);
      if (keys === undefined) throw new JoseError('ERR_JWKS_NO_MATCHING_KEY', `unknown tenant ${JSON.stringify(tenant)}`);
      return keys;
    };
  });

  it('each tenant verifies its own tokens', async () => {
    const acmeToken = await signJwt({ sub: 'a1' }, importJwk(acme.jwk), { alg: 'ES256', issuer: 'acme' });
    const globexToken = await signJwt({ sub: 'g1' }, importJwk(globex.jwk), { alg: 'ES256', issuer: 'globex' });
    expect((await verifyJwt(acmeToken, resolver, { algorithms: ['ES256'], context: { tenant: 'acme' } })).payload.sub).toBe('a1');
    expect((await verifyJwt(globexToken, resolver, { algorithms: ['ES256'], context: { tenant: 'globex' } })).payload.sub).toBe('g1');
    expect(seen).toContainEqual({ tenant: 'acme' });
    expect(seen).toContainEqual({ tenant: 'globex' });
  });

  it("a tenant's token is refused for the other tenant, naming the kid and the known kids", async () => {
    const acmeToken = await signJwt({ sub: 'a1' }, importJwk(acme.jwk), { alg: 'ES256' });
    const err = await rejection(verifyJwt(acmeToken, resolver, { algorithms: ['ES256'], context: { tenant: 'globex' } }));
    expect(err.code).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(err.message).toContain("'acme-1'");
    expect(err.message).toContain('globex-1');
  });

  it('a forged kid does not help: the other tenant key with the same kid fails the signature', async () => {
    const forged = await signJwt({ sub: 'evil' }, importJwk({ ...ecPrivate('acme-1').jwk }), { alg: 'ES256' });
    const err = await rejection(verifyJwt(forged, resolver, { algorithms: ['ES256'], context: { tenant: 'acme' } }));
    expect(err.code).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
  });

  it('an unknown tenant or a failing resolver denies', async () => {
    const token = await signJwt({ sub: 'a1' }, importJwk(acme.jwk), { alg: 'ES256' });
    expect((await rejection(verifyJwt(token, resolver, { algorithms: ['ES256'], context: { tenant: 'initech' } }))).code).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect((await rejection(verifyJwt(token, resolver, { algorithms: ['ES256'] }))).code).toBe('ERR_JWKS_NO_MATCHING_KEY');
    const failing: KeyResolver = async () => { throw new Error('tenant store down'); };
    const err = await rejection(verifyJwt(token, failing, { algorithms: ['ES256'], context: { tenant: 'acme' } }));
    expect(err.code).toBe('ERR_JWKS_NO_MATCHING_KEY');
  });

  it('createVerifier takes the context per call', async () => {
    const verify = createVerifier({ keys: resolver, algorithms: ['ES256'] });
    const acmeToken = await signJwt({ sub: 'a2' }, importJwk(acme.jwk), { alg: 'ES256' });
    expect((await verify(acmeToken, { tenant: 'acme' })).payload.sub).toBe('a2');
    expect((await rejection(verify(acmeToken, { tenant: 'globex' }))).code).toBe('ERR_JWKS_NO_MATCHING_KEY');
  });

  it('a resolver may return a single key (HMAC per tenant)', async () => {
    const secrets = new Map([['t1', importSecret(randomBytes(32), { alg: 'HS256' })], ['t2', importSecret(randomBytes(32), { alg: 'HS256' })]]);
    const perTenant: KeyResolver = (_h, ctx) => secrets.get((ctx as { tenant: string }).tenant)!;
    const token = await signJwt({ sub: 's' }, secrets.get('t1')!, { alg: 'HS256' });
    expect((await verifyJwt(token, perTenant, { algorithms: ['HS256'], context: { tenant: 't1' } })).payload.sub).toBe('s');
    expect((await rejection(verifyJwt(token, perTenant, { algorithms: ['HS256'], context: { tenant: 't2' } }))).code).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
  });
});
