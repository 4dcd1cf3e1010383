import { describe, expect, it } from 'vitest';
import { createKeySet } from '../../src/jwks/key-set.js';
import { signJwt } from '../../src/jwt/sign.js';
import { verifyJwt } from '../../src/jwt/verify.js';
import { createVerifier } from '../../src/jwt/create-verifier.js';
import { forge, keysFor, rejection } from './helpers.js';

const k1 = keysFor('ES256', 'k1');
const k3 = keysFor('ES256', 'k3');
const set = createKeySet([k1.publicKey, k3.publicKey]);

describe('verification with a key set', () => {
  it('selects the key by kid', async () => {
    const token = await signJwt({ sub: 'x' }, k3.privateKey, { alg: 'ES256' });
    const { key } = await verifyJwt(token, set, { algorithms: ['ES256'] });
    expect(key).toBe(k3.publicKey);
  });

  it('names the kid asked for and the known kids when none matches', async () => {
    const k2 = keysFor('ES256', 'k2');
    const token = await signJwt({ sub: 'x' }, k2.privateKey, { alg: 'ES256' });
    const err = await rejection(verifyJwt(token, set, { algorithms: ['ES256'] }));
    expect(err.code).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(err.message).toMatch(/no key with kid 'k2' for alg ES256; known kids: k1, k3/);
  });

  it('refuses a token signed with a known kid but a different key', async () => {
    const impostor = keysFor('ES256', 'k9');
    const token = forge({ alg: 'ES256', kid: 'k1' }, { sub: 'x' }, 'ES256', impostor.signingKey);
    const err = await rejection(createVerifier({ keys: set, algorithms: ['ES256'] })(token));
    expect(err.code).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
    expect(err.message).toBe("signature verification failed for alg ES256 with kid 'k1'");
  });

  it('never uses the header alg to pick a key of another family (CVE-2026-22817)', async () => {
    const hs = keysFor('HS256');
    const mixed = createKeySet([k1.publicKey, hs.publicKey]);
    // An HS256 token claiming the EC key's kid: the EC key is never an HMAC secret.
    const token = forge({ alg: 'HS256', kid: 'k1' }, { sub: 'x' }, 'HS256', hs.signingKey);
    const err = await rejection(verifyJwt(token, mixed, { algorithms: ['ES256', 'HS256'] }));
    expect(err.code).toBe('ERR_JWKS_NO_MATCHING_KEY');
  });
});
