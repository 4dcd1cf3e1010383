/**
 * End to end: an issuer publishes its key ring with jwksResponse on a real HTTP server; an API
 * verifies its tokens with createVerifier over createRemoteKeySet, through a rotation at the issuer
 * and an outage. The clock of the key set is fake; tokens carry real times.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../src/jwk/generate.js';
import { createKeyRing, type KeyRing } from '../../src/jwks/key-ring.js';
import { jwksResponse } from '../../src/jwks/publish.js';
import { createRemoteKeySet } from '../../src/jwks/remote.js';
import { createVerifier } from '../../src/jwt/create-verifier.js';
import { signJwt } from '../../src/jwt/sign.js';
import { verifyJwt } from '../../src/jwt/verify.js';
import { fakeClock, rejection, startJwksServer, type JwksServer } from './remote-helpers.js';

let server: JwksServer;
let published: KeyRing;
beforeEach(async () => {
  server = await startJwksServer();
  server.handle((req, res) => {
    const response = jwksResponse(published, { request: new Request(`${server.origin}${req.url}`, { headers: req.headers as Record<string, string> }) });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    void response.text().then((body) => res.end(body));
  }, '/jwks.json');
});
afterEach(async () => { await server.close(); });

describe('verifying an issuer through its published JWKS', () => {
  it('follows the documented rotation without a single failed verification', async () => {
    const clock = fakeClock();
    const current = await generateKeyPair('ES256');
    const next = await generateKeyPair('ES256');
    published = createKeyRing({ signing: current.privateKey });
    const verify = createVerifier({ keys: createRemoteKeySet(server.url, { now: clock.now }), algorithms: ['ES256'], issuer: 'https://issuer.example' });
    const sign = (ring: KeyRing, sub: string): Promise<string> => signJwt({ sub }, ring.signingKey, { alg: 'ES256', issuer: 'https://issuer.example', expiresIn: '1h' });

    const t1 = await sign(published, 'one');
    expect((await verify(t1)).payload.sub).toBe('one');

    // Step 1: publish the next key; the verifier learns it when its cache (max-age 300 s) expires.
    published = createKeyRing({ signing: current.privateKey, verifyOnly: [next.publicKey] });
    clock.advance(301_000);
    expect((await verify(await sign(published, 'two'))).payload.sub).toBe('two');
    expect(server.count()).toBe(2);

    // Step 2: promote. The verifier already has the key: no refetch needed.
    published = createKeyRing({ signing: next.privateKey, verifyOnly: [current.publicKey] });
    clock.advance(10_000);
    expect((await verify(await sign(published, 'three'))).payload.sub).toBe('three');
    expect((await verify(t1)).payload.sub).toBe('one');
    expect(server.count()).toBe(2);

    // Step 3: retire; once the verifier's cache expires, old tokens are refused.
    published = createKeyRing({ signing: next.privateKey });
    clock.advance(301_000);
    const err = await rejection(verify(t1));
    expect(err.code).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(err.message).toContain(`known kids: ${published.signingKey.kid}`);
  });

  it('an abrupt rotation (no pre-publication) is picked up by the unknown-kid refetch', async () => {
    const clock = fakeClock();
    published = createKeyRing({ signing: (await generateKeyPair('ES256')).privateKey });
    const keys = createRemoteKeySet(server.url, { now: clock.now, cooldown: '30s' });
    await verifyJwt(await signJwt({}, published.signingKey, { alg: 'ES256' }), keys, { algorithms: ['ES256'] });
    published = createKeyRing({ signing: (await generateKeyPair('ES256')).privateKey });
    clock.advance(45_000);
    const token = await signJwt({ sub: 'after' }, published.signingKey, { alg: 'ES256' });
    expect((await verifyJwt(token, keys, { algorithms: ['ES256'] })).payload.sub).toBe('after');
    expect(server.count()).toBe(2);
  });

  it('a hanging endpoint is ERR_JWKS_TIMEOUT from verifyJwt, not a signature error', async () => {
    published = createKeyRing({ signing: (await generateKeyPair('ES256')).privateKey });
    server.handle(() => undefined, '/jwks.json');
    const token = await signJwt({}, published.signingKey, { alg: 'ES256' });
    const err = await rejection(verifyJwt(token, createRemoteKeySet(server.url, { timeout: 0.2 }), { algorithms: ['ES256'] }));
    expect(err.code).toBe('ERR_JWKS_TIMEOUT');
  });

  it('a token with a jku header pointing elsewhere is still checked against the configured JWKS only', async () => {
    published = createKeyRing({ signing: (await generateKeyPair('ES256')).privateKey });
    const attacker = createKeyRing({ signing: (await generateKeyPair('ES256')).privateKey });
    const evil = await startJwksServer();
    try {
      evil.serve(attacker.jwks().keys);
      const token = await signJwt({ sub: 'mallory' }, attacker.signingKey, { alg: 'ES256', header: { jku: evil.url } });
      const err = await rejection(verifyJwt(token, createRemoteKeySet(server.url), { algorithms: ['ES256'] }));
      expect(err.code).toBe('ERR_JWKS_NO_MATCHING_KEY');
      expect(evil.count()).toBe(0);
    } finally {
      await evil.close();
    }
  });
});
