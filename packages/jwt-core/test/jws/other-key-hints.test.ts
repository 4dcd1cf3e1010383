/**
 * A token from an instance holding other keys (a farm whose instances were configured apart) is
 * refused with a hint that says every instance must hold the same keys; a kid-less HMAC token,
 * which names no secret, gets a hint towards a key ring with kids.
 */
import { describe, expect, it } from 'vitest';
import { createKeyRing, generateKeyPair, generateSecret, signJwt, verifyJwt } from '../../src/index.js';

async function refusal(promise: Promise<unknown>): Promise<{ code: string; hint: string }> {
  try {
    await promise;
  } catch (err) {
    return err as { code: string; hint: string };
  }
  throw new Error('expected a refusal');
}

describe('a token signed by another instance', () => {
  it('with an unknown kid: every instance must hold the same key ring', async () => {
    const a = createKeyRing({ signing: (await generateKeyPair('ES256')).privateKey });
    const b = createKeyRing({ signing: (await generateKeyPair('ES256')).privateKey });
    const token = await signJwt({ sub: 'u' }, b.signingKey, { alg: 'ES256' });
    const err = await refusal(verifyJwt(token, a, { algorithms: ['ES256'] }));
    expect(err.code).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(err.hint).toContain('every instance behind one load balancer must hold the same key ring');
    expect(err.hint).toContain('TESSERA_SIGNING_KEY');
  });

  it('a kid-less HMAC token: the same secret everywhere, or a key ring with kids', async () => {
    const token = await signJwt({ sub: 'u' }, generateSecret('HS256'), { alg: 'HS256' });
    const err = await refusal(verifyJwt(token, generateSecret('HS256'), { algorithms: ['HS256'] }));
    expect(err.code).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
    expect(err.hint).toContain('the token has no kid, so it names no secret');
    expect(err.hint).toContain('every instance behind one load balancer must hold the same secret');
    expect(err.hint).toContain('key ring');
  });

  it('a signature that fails with the key its kid names: instances holding other keys are among the causes', async () => {
    const mine = await generateKeyPair('ES256', { kid: 'k1' });
    const theirs = await generateKeyPair('ES256', { kid: 'k1' });
    const token = await signJwt({ sub: 'u' }, theirs.privateKey, { alg: 'ES256' });
    const err = await refusal(verifyJwt(token, mine.publicKey, { algorithms: ['ES256'] }));
    expect(err.code).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
    expect(err.hint).toContain('every instance must hold the same key ring');
  });
});
