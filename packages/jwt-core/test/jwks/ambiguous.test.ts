/**
 * Ambiguous key sets (src/jwks/ambiguous.ts): two different keys under one kid that could serve
 * the same algorithm are refused when the set is made; what a kid or an alg still tells apart is
 * accepted and selected as documented (docs/keys.md, "Which key verifies a token").
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../src/jwk/generate.js';
import { importJwk } from '../../src/jwk/import.js';
import { importSecret } from '../../src/jwk/import-secret.js';
import { createKeySet } from '../../src/jwks/key-set.js';
import { signJwt } from '../../src/jwt/sign.js';
import { verifyJwt } from '../../src/jwt/verify.js';
import { nodePair } from '../jwk/keys.js';
import { rejection, thrown } from '../helpers/errors.js';

const sig = { use: 'sig', maxKeysTried: 3 } as const;
const hs = (kid?: string) => importSecret(randomBytes(32), kid === undefined ? { alg: 'HS256' } : { alg: 'HS256', kid });

describe('createKeySet refuses different keys under one kid for the same algorithms', () => {
  it('two HMAC secrets with kid "k1": ERR_JWKS_INVALID, reason ambiguous, naming both positions and the fix', () => {
    const err = thrown(() => createKeySet([hs('k0'), hs('k1'), hs('k1')]));
    expect(err).toMatchObject({ code: 'ERR_JWKS_INVALID', reason: 'ambiguous', kid: 'k1' });
    expect(err.message).toBe("keys #2 and #3 of the set are different oct keys with the same kid 'k1', both usable for HS256: a token with this kid could not say which one it means");
    expect(err.hint).toMatch(/give each key its own kid/);
  });

  it('two EC P-256 keys under one kid, also from a JWKS document', async () => {
    const a = await generateKeyPair('ES256', { kid: 'ec' });
    const b = await generateKeyPair('ES256', { kid: 'ec' });
    expect(thrown(() => createKeySet([a.publicKey, b.publicKey])).reason).toBe('ambiguous');
    expect(thrown(() => createKeySet({ keys: [{ ...createKeySet([a.publicKey]).jwks().keys[0]! }, { ...createKeySet([b.publicKey]).jwks().keys[0]! }] })).reason).toBe('ambiguous');
  });
});

describe('what stays accepted, and how the key is chosen', () => {
  it('keys of different types under one kid (RFC 7517 §4.5 alternatives): the token\'s alg picks one', async () => {
    const rsa = importJwk(nodePair('rsa-2048').privateJwk, { kid: 'same', alg: 'RS256' });
    const ec = (await generateKeyPair('ES256', { kid: 'same' })).privateKey;
    const set = createKeySet([rsa, ec]);
    expect(set.select({ alg: 'RS256', kid: 'same' }, sig)).toEqual([rsa]);
    expect(set.select({ alg: 'ES256', kid: 'same' }, sig)).toEqual([ec]);
    const token = await signJwt({ sub: 'u' }, ec, { alg: 'ES256' });
    expect((await verifyJwt(token, set, { algorithms: ['ES256', 'RS256'] })).key).toBe(ec);
  });

  it('the same key twice (private and public) and one kid for a signing and an encryption key', async () => {
    const pair = await generateKeyPair('ES256', { kid: 'p' });
    expect(createKeySet([pair.privateKey, pair.publicKey]).keys).toHaveLength(2);
    const enc = importJwk(nodePair('rsa-2048').privateJwk, { kid: 'r', alg: 'RSA-OAEP-256', use: 'enc' });
    const sign = importJwk(nodePair('rsa-2048').privateJwk, { kid: 'r', alg: 'RS256' });
    expect(createKeySet([enc, sign]).select({ alg: 'RS256', kid: 'r' }, sig)).toEqual([sign]);
  });

  it('a token without kid and one key of its family keeps working; with several, each is tried in order, bounded by maxKeysTried', async () => {
    const only = hs();
    expect((await verifyJwt(await signJwt({ sub: 'u' }, only, { alg: 'HS256' }), createKeySet([only]), { algorithms: ['HS256'] })).key).toBe(only);
    const [a, b, c, d] = [hs(), hs(), hs(), hs()];
    const set = createKeySet([a, b, c, d]);
    expect(set.select({ alg: 'HS256' }, sig)).toEqual([a, b, c]);
    expect((await verifyJwt(await signJwt({ sub: 'u' }, c, { alg: 'HS256' }), set, { algorithms: ['HS256'] })).key).toBe(c);
    const err = await rejection(verifyJwt(await signJwt({ sub: 'u' }, d, { alg: 'HS256' }), set, { algorithms: ['HS256'] }));
    expect(err).toMatchObject({ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED', limit: 'maxKeysTried=3' });
    expect((await verifyJwt(await signJwt({ sub: 'u' }, d, { alg: 'HS256' }), set, { algorithms: ['HS256'], maxKeysTried: 4 })).key).toBe(d);
  });
});
