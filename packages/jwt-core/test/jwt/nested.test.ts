/**
 * Nested JWTs (signed, then encrypted; RFC 7519 §5.2) through signJwt `encrypt` / verifyJwt
 * `decrypt` / createSigner / createVerifier, the RFC 7520 §6 example, and decryptJwt for encrypted
 * claims sets without a signature (only when called explicitly).
 */
import { describe, expect, it } from 'vitest';
import { decryptJwt } from '../../src/jwt/decrypt.js';
import { encryptJwe } from '../../src/jwe/encrypt.js';
import { importSecret } from '../../src/jwk/import-secret.js';
import { importJwk } from '../../src/jwk/import.js';
import type { Jwk } from '../../src/lib/types.js';
import { createSigner } from '../../src/jwt/create-signer.js';
import { createVerifier } from '../../src/jwt/create-verifier.js';
import { signJwt } from '../../src/jwt/sign.js';
import { verifyJwt } from '../../src/jwt/verify.js';
import { rejection, thrown, vectorFile } from '../jwe/helpers.js';
import { jwkPair, keysFor, pairFor } from '../jwe/keys.js';

const NOW = new Date('2026-11-22T10:00:00Z');
const signing = () => {
  const { privateJwk, publicJwk } = jwkPair('P-256');
  return { priv: importJwk(privateJwk, { alg: 'ES256', kid: 'sig-1' }), pub: importJwk(publicJwk, { alg: 'ES256', kid: 'sig-1' }) };
};
const headerOf = (t: string): Record<string, unknown> => JSON.parse(Buffer.from(t.split('.')[0]!, 'base64url').toString()) as Record<string, unknown>;

describe('signJwt encrypt / verifyJwt decrypt', () => {
  it('signs then encrypts (cty JWT), and decrypts then verifies', async () => {
    const sig = signing();
    const enc = pairFor('rsa', 'RSA-OAEP-256', 'enc-1');
    const token = await signJwt({ sub: 'alice', email: 'alice@example.com' }, sig.priv, {
      alg: 'ES256', expiresIn: '15m', issuer: 'https://issuer.example', currentDate: NOW,
      encrypt: { key: enc.publicKey, alg: 'RSA-OAEP-256', enc: 'A128CBC-HS256' },
    });
    expect(token.split('.')).toHaveLength(5);
    expect(headerOf(token)).toEqual({ alg: 'RSA-OAEP-256', enc: 'A128CBC-HS256', kid: 'enc-1', cty: 'JWT' });
    const out = await verifyJwt(token, sig.pub, {
      algorithms: ['ES256'], issuer: 'https://issuer.example', currentDate: NOW,
      decrypt: { keys: enc.privateKey, algorithms: ['RSA-OAEP-256'], encryptionAlgorithms: ['A128CBC-HS256'] },
    });
    expect(out.payload).toMatchObject({ sub: 'alice', email: 'alice@example.com', iss: 'https://issuer.example' });
    expect(out.header).toMatchObject({ alg: 'ES256', typ: 'JWT', kid: 'sig-1' });
    expect(out.key).toBe(sig.pub);
  });

  it('createSigner / createVerifier take the same options, validated at creation', async () => {
    const sig = signing();
    const { encryptKey, decryptKey } = keysFor('A256KW', 'A256GCM');
    const sign = createSigner({ key: sig.priv, alg: 'ES256', expiresIn: 60, currentDate: NOW, encrypt: { key: encryptKey, alg: 'A256KW', enc: 'A256GCM' } });
    const decrypt = { keys: decryptKey, algorithms: ['A256KW'] as ['A256KW'], encryptionAlgorithms: ['A256GCM'] as ['A256GCM'] };
    const verify = createVerifier({ keys: sig.pub, algorithms: ['ES256'], currentDate: NOW, decrypt });
    expect((await verify(await sign({ sub: 'bob' }))).payload.sub).toBe('bob');
    expect(thrown(() => createVerifier({ keys: sig.pub, algorithms: ['ES256'], decrypt: { keys: decryptKey, algorithms: ['A256KW'] } as never })).code).toBe('ERR_JOSE_INVALID_OPTION');
    expect(thrown(() => createSigner({ key: sig.priv, alg: 'ES256', encrypt: { key: encryptKey, alg: 'A256KW', enc: 'A256GCM', header: { cty: 'x' } } })).code).toBe('ERR_JOSE_INVALID_OPTION');
    expect(thrown(() => createSigner({ key: sig.priv, alg: 'ES256', encrypt: { key: sig.priv, alg: 'A256KW', enc: 'A256GCM' } })).code).toBe('ERR_JWK_INVALID');
  });

  it('with decrypt set, a signed-only token is refused', async () => {
    const sig = signing();
    const { decryptKey } = keysFor('A256KW', 'A256GCM');
    const jws = await signJwt({ sub: 'x' }, sig.priv, { alg: 'ES256' });
    const err = await rejection(verifyJwt(jws, sig.pub, { algorithms: ['ES256'], decrypt: { keys: decryptKey, algorithms: ['A256KW'], encryptionAlgorithms: ['A256GCM'] } }));
    expect(err.code).toBe('ERR_JWE_INVALID');
    expect(err.reason).toBe('not_encrypted');
  });

  it('without decrypt, an encrypted token is not a JWS', async () => {
    const sig = signing();
    const { encryptKey } = keysFor('A256KW', 'A256GCM');
    const token = await signJwt({ sub: 'x' }, sig.priv, { alg: 'ES256', encrypt: { key: encryptKey, alg: 'A256KW', enc: 'A256GCM' } });
    expect((await rejection(verifyJwt(token, sig.pub, { algorithms: ['ES256'] }))).code).toBe('ERR_JWS_INVALID');
  });

  it('decryption comes first: a wrong decryption key fails before the signature and the claims', async () => {
    const sig = signing();
    const a = keysFor('A256KW', 'A256GCM');
    const b = keysFor('A256KW', 'A256GCM');
    const expired = await signJwt({ sub: 'x', exp: 1 }, sig.priv, { alg: 'ES256', encrypt: { key: a.encryptKey, alg: 'A256KW', enc: 'A256GCM' } });
    const err = await rejection(verifyJwt(expired, sig.pub, { algorithms: ['ES256'], decrypt: { keys: b.decryptKey, algorithms: ['A256KW'], encryptionAlgorithms: ['A256GCM'] } }));
    expect(err.code).toBe('ERR_JWE_DECRYPTION_FAILED');
    const expiredErr = await rejection(verifyJwt(expired, sig.pub, { algorithms: ['ES256'], decrypt: { keys: a.decryptKey, algorithms: ['A256KW'], encryptionAlgorithms: ['A256GCM'] } }));
    expect(expiredErr.code).toBe('ERR_JWT_EXPIRED');
  });

  it('a well-encrypted token with a forged inner signature is a signature error', async () => {
    const sig = signing();
    const other = importJwk(jwkPair('P-384').privateJwk, { alg: 'ES384' });
    const { encryptKey, decryptKey } = keysFor('dir', 'A256GCM');
    const forged = await signJwt({ sub: 'admin' }, other, { alg: 'ES384', header: { kid: 'sig-1' }, encrypt: { key: encryptKey, alg: 'dir', enc: 'A256GCM' } });
    const err = await rejection(verifyJwt(forged, sig.pub, { algorithms: ['ES256', 'ES384'], decrypt: { keys: decryptKey, algorithms: ['dir'], encryptionAlgorithms: ['A256GCM'] } }));
    expect(['ERR_JWKS_NO_MATCHING_KEY', 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED']).toContain(err.code);
    const sameAlg = importJwk(jwkPair('P-256-b').privateJwk, { alg: 'ES256', kid: 'sig-1' });
    const forged2 = await signJwt({ sub: 'admin' }, sameAlg, { alg: 'ES256', encrypt: { key: encryptKey, alg: 'dir', enc: 'A256GCM' } });
    const err2 = await rejection(verifyJwt(forged2, sig.pub, { algorithms: ['ES256'], decrypt: { keys: decryptKey, algorithms: ['dir'], encryptionAlgorithms: ['A256GCM'] } }));
    expect(err2.code).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
  });

  it('a JWE without cty "JWT" is not accepted as a nested JWT', async () => {
    const sig = signing();
    const { encryptKey, decryptKey } = keysFor('A128KW', 'A128GCM');
    const inner = await signJwt({ sub: 'x' }, sig.priv, { alg: 'ES256' });
    const noCty = await encryptJwe(inner, encryptKey, { alg: 'A128KW', enc: 'A128GCM' });
    const err = await rejection(verifyJwt(noCty, sig.pub, { algorithms: ['ES256'], decrypt: { keys: decryptKey, algorithms: ['A128KW'], encryptionAlgorithms: ['A128GCM'] } }));
    expect(err.code).toBe('ERR_JWT_INVALID');
    expect(err.reason).toBe('cty');
  });

  it('RFC 7520 §6: decrypts (RSA-OAEP + A128GCM) then verifies the PS256 JWT', async () => {
    const c = vectorFile('rfc7520-cookbook/6.nesting_signatures_and_encryption.json').cases[0] as {
      input: { sign: { key: Jwk }; encrypt: { key: Jwk } }; expected: { encrypt: { compact: string } };
    };
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicSign } = c.input.sign.key;
    const out = await verifyJwt(c.expected.encrypt.compact, importJwk(publicSign as Jwk, { alg: 'PS256' }), {
      algorithms: ['PS256'], currentDate: new Date(1300819000 * 1000),
      decrypt: { keys: importJwk(c.input.encrypt.key, { alg: 'RSA-OAEP' }), algorithms: ['RSA-OAEP'], encryptionAlgorithms: ['A128GCM'] },
    });
    expect(out.payload).toEqual({ iss: 'hobbiton.example', exp: 1300819380, 'http://example.com/is_root': true });
  });
});

describe('decryptJwt: encrypted claims without a signature, only when asked for', () => {
  it('decrypts and checks the claims', async () => {
    const key = importSecret(new Uint8Array(32).fill(7), { alg: 'A256GCM' });
    const token = await encryptJwe(JSON.stringify({ sub: 'carol', iss: 'me', exp: Math.floor(NOW.getTime() / 1000) + 60 }), key, { alg: 'dir', enc: 'A256GCM', header: { typ: 'JWT' } });
    const o = { algorithms: ['dir'] as ['dir'], encryptionAlgorithms: ['A256GCM'] as ['A256GCM'], currentDate: NOW };
    const out = await decryptJwt(token, key, { ...o, issuer: 'me' });
    expect(out.payload.sub).toBe('carol');
    expect((await rejection(decryptJwt(token, key, { ...o, issuer: 'someone else' }))).code).toBe('ERR_JWT_CLAIM_VALIDATION_FAILED');
    expect((await rejection(decryptJwt(token, key, { ...o, currentDate: new Date(NOW.getTime() + 3_600_000) }))).code).toBe('ERR_JWT_EXPIRED');
    // verifyJwt never takes unsigned claims, even with decrypt set.
    const sig = signing();
    const err = await rejection(verifyJwt(token, sig.pub, { algorithms: ['ES256'], decrypt: { keys: key, algorithms: ['dir'], encryptionAlgorithms: ['A256GCM'] } }));
    expect(err.reason).toBe('cty');
  });

  it('refuses a nested JWT (that needs its signature checked) and a non-object payload', async () => {
    const key = importSecret(new Uint8Array(32).fill(9), { alg: 'A256GCM' });
    const sig = signing();
    const nested = await signJwt({ sub: 'x' }, sig.priv, { alg: 'ES256', encrypt: { key, alg: 'dir', enc: 'A256GCM' } });
    const o = { algorithms: ['dir'] as ['dir'], encryptionAlgorithms: ['A256GCM'] as ['A256GCM'] };
    expect((await rejection(decryptJwt(nested, key, o))).reason).toBe('cty');
    const arr = await encryptJwe('[1,2]', key, { alg: 'dir', enc: 'A256GCM' });
    expect((await rejection(decryptJwt(arr, key, o))).code).toBe('ERR_JWT_INVALID');
    expect((await rejection(decryptJwt(arr, key, { ...o, audiance: 'x' } as never))).code).toBe('ERR_JOSE_INVALID_OPTION');
  });
});
