/**
 * `tessera verify` of encrypted tokens: nested JWTs (signed, then encrypted: RFC 7519 §5.2) are
 * decrypted and then their signature verified; a JWE of bare claims is decrypted, its claims
 * checked, and reported as not signed. Generated tokens and RFC 7520 §6 (PS256 inside
 * RSA-OAEP + A128GCM).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { encryptJwe, exportJwk, generateKeyPair, importSecret, signJwt, type GeneratedKeyPair } from '@tessera/jwt-core';
import { readVectorFile } from '@tessera/test-vectors';
import { tempDir, tessera, writeIn } from '../support/run.js';

const dir = tempDir();
const now = new Date('2026-12-06T10:00:00Z');
const SECRET = Buffer.alloc(32, 7).toString('base64');
const env = { ENC_KEY: `base64:${SECRET}` };

let issuer: GeneratedKeyPair;
let recipient: GeneratedKeyPair;
let files: { sigPub: string; encPriv: string; encPub: string; otherEncPriv: string; otherSigPub: string };
let nested: string;

beforeAll(async () => {
  issuer = await generateKeyPair('ES256', { kid: 'sig-1' });
  recipient = await generateKeyPair('RSA-OAEP-256', { kid: 'enc-1', extractable: true });
  const other = await generateKeyPair('RSA-OAEP-256', { kid: 'enc-2', extractable: true });
  const otherIssuer = await generateKeyPair('ES256', { kid: 'sig-1' });
  files = {
    sigPub: writeIn(dir, 'sig-pub.jwk', await exportJwk(issuer.publicKey)),
    encPriv: writeIn(dir, 'enc-priv.jwk', await exportJwk(recipient.privateKey, { private: true })),
    encPub: writeIn(dir, 'enc-pub.jwk', await exportJwk(recipient.publicKey)),
    otherEncPriv: writeIn(dir, 'other-enc-priv.jwk', await exportJwk(other.privateKey, { private: true })),
    otherSigPub: writeIn(dir, 'other-sig-pub.jwk', await exportJwk(otherIssuer.publicKey)),
  };
  nested = await signJwt({ sub: 'u-1' }, issuer.privateKey, {
    alg: 'ES256', issuer: 'https://auth.example.com', expiresIn: '10m', currentDate: now,
    encrypt: { key: recipient.publicKey, alg: 'RSA-OAEP-256', enc: 'A256GCM', header: { kid: 'enc-1' } },
  });
});

const verify = (args: string[], token: string) => tessera(['verify', '--json', '--at', now.toISOString(), ...args, token], { env, now });

describe('tessera verify: a nested JWT (signed, then encrypted)', () => {
  it('decrypts with --decrypt-key, then verifies the signature with --key and checks the claims', async () => {
    const { code, json } = await verify(['--key', files.sigPub, '--decrypt-key', files.encPriv, '--iss', 'https://auth.example.com'], nested);
    expect(code).toBe(0);
    expect(json).toMatchObject({
      ok: true, verified: true, signed: true, claims: { sub: 'u-1', iss: 'https://auth.example.com' },
      encryption: { alg: 'RSA-OAEP-256', enc: 'A256GCM', kid: 'enc-1', cty: 'JWT', source: 'decrypt-key', algorithms: ['RSA-OAEP-256'] }, // the JWK's alg binds it
      key: { kid: 'sig-1', alg: 'ES256', kty: 'EC', source: 'key' },
    });
    expect(json.checked).toEqual(['decryption', 'signature', 'alg', 'exp', 'nbf', 'iat', 'iss']);
    const text = await tessera(['verify', '--at', now.toISOString(), '--key', files.sigPub, '--decrypt-key', files.encPriv, nested]);
    expect(text.stdout).toMatch(/^Decrypted: RSA-OAEP-256 with A256GCM, kid enc-1 \(--decrypt-key\), a nested JWT\nVerified: ES256 signature by the EC key kid sig-1 \(--key\); checked decryption, signature, alg, exp, nbf, iat\n/);
  });

  it('a key that cannot decrypt it: the library\'s refusal, exit 1', async () => {
    const { code, json } = await verify(['--key', files.sigPub, '--decrypt-key', files.otherEncPriv], nested);
    expect(code).toBe(1);
    expect(json.error.code).toMatch(/^ERR_JWE_/);
    expect(json.error.hint).toBeTruthy();
  });

  it('decrypted, but signed by another key: the signature refusal, exit 1', async () => {
    const { code, json } = await verify(['--key', files.otherSigPub, '--decrypt-key', files.encPriv], nested);
    expect(code).toBe(1);
    expect(json.error.code).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
  });

  it('the encryption allow-list comes from the key or --enc-alg, never from the token', async () => {
    const { code, json } = await verify(['--key', files.sigPub, '--decrypt-key', files.encPriv, '--enc-alg', 'RSA-OAEP'], nested);
    expect(code).toBe(1);
    expect(json.error.message).toContain('RSA-OAEP-256');
    expect((await verify(['--key', files.sigPub, '--decrypt-key', files.encPriv, '--enc-alg', 'RSA1_5'], nested)).code).toBe(2);
  });

  it('no signing key for a nested JWT (usage), no key that decrypts, a public key to decrypt', async () => {
    const noSigner = await verify(['--decrypt-key', files.encPriv], nested);
    expect(noSigner.code).toBe(2);
    expect(noSigner.json.error.message).toMatch(/^the token is a nested JWT \(cty "JWT"\): after decryption its signature is checked/);
    // Only keys that cannot decrypt: the library's refusal of a JWE as a JWS, and the option to add.
    const signingOnly = await verify(['--key', files.sigPub], nested);
    expect(signingOnly.code).toBe(1);
    expect(signingOnly.json.error.code).toBe('ERR_JWS_INVALID');
    expect(signingOnly.json.error.message).toContain('five segments is a JWE; decrypt it instead');
    expect(signingOnly.json.error.hint).toContain('tessera verify decrypts it with --decrypt-key <file> or --decrypt-secret env:NAME');
    const publicOnly = await verify(['--key', files.sigPub, '--decrypt-key', files.encPub], nested);
    expect(publicOnly.code).toBe(1);
    expect(publicOnly.json.error).toMatchObject({ message: "the RSA key (kid 'enc-1') bound to RSA-OAEP-256 is a public key; decrypting needs the private key", hint: 'pass the private key (the public one is for encrypting)' });
  });

  it('a signed token given a decryption key is refused as not encrypted (the library\'s rule)', async () => {
    const jws = await signJwt({ sub: 'u-1' }, issuer.privateKey, { alg: 'ES256', expiresIn: '10m', currentDate: now });
    const { code, json } = await verify(['--key', files.sigPub, '--decrypt-key', files.encPriv], jws);
    expect(code).toBe(1);
    expect(json.error).toMatchObject({ code: 'ERR_JWE_INVALID', reason: 'not_encrypted' });
  });

  it('RFC 7520 §6: PS256 inside RSA-OAEP + A128GCM', async () => {
    const c = (readVectorFile('rfc7520-cookbook/6.nesting_signatures_and_encryption.json') as any).cases[0];
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...signPublic } = c.input.sign.key;
    const args = ['--key', writeIn(dir, 'rfc7520-sign.json', signPublic), '--decrypt-key', writeIn(dir, 'rfc7520-enc.json', c.input.encrypt.key), '--alg', 'PS256'];
    const { code, json } = await tessera(['verify', '--json', '--at', '1300819000', ...args, c.expected.encrypt.compact]);
    expect(code).toBe(0);
    expect(json.claims).toEqual(JSON.parse(c.input.sign.payload));
    expect(json.encryption).toMatchObject({ alg: 'RSA-OAEP', enc: 'A128GCM', cty: 'JWT', kid: null }); // §6's JWE header names no kid
    expect(json.key).toMatchObject({ kid: 'hobbiton.example', alg: 'PS256' });
    const late = await tessera(['verify', '--json', '--at', '1300819500', ...args, c.expected.encrypt.compact]);
    expect(late.json.error.code).toBe('ERR_JWT_EXPIRED');
  });
});

describe('tessera verify: encrypted claims without a signature', () => {
  const claims = (exp: number) => JSON.stringify({ sub: 'u-2', iat: now.getTime() / 1000, exp });

  it('decrypts with the --secret (dir), checks the claims, and says it was not signed', async () => {
    const token = await encryptJwe(claims(now.getTime() / 1000 + 600), importSecret(SECRET, { alg: 'dir', encoding: 'base64' }), { alg: 'dir', enc: 'A256GCM' });
    const { code, json } = await verify(['--secret', 'env:ENC_KEY'], token);
    expect(code).toBe(0);
    expect(json).toMatchObject({ signed: false, claims: { sub: 'u-2' }, encryption: { alg: 'dir', enc: 'A256GCM', source: 'secret' } });
    expect(json.checked).toEqual(['decryption', 'exp', 'nbf', 'iat']);
    const text = await tessera(['verify', '--at', now.toISOString(), '--decrypt-secret', 'env:ENC_KEY', token], { env });
    expect(text.stdout).toContain('Claims valid: checked decryption, exp, nbf, iat\nNot signed: the claims were encrypted, not signed; only a holder of the shared key could have made it');
    const expired = await verify(['--decrypt-secret', 'env:ENC_KEY'], await encryptJwe(claims(now.getTime() / 1000 - 60), importSecret(SECRET, { alg: 'dir', encoding: 'base64' }), { alg: 'dir', enc: 'A256GCM' }));
    expect(expired.json.error.code).toBe('ERR_JWT_EXPIRED');
  });

  it('with a public-key algorithm, warns that anyone holding the public key could have made it', async () => {
    const token = await encryptJwe(claims(now.getTime() / 1000 + 600), recipient.publicKey, { alg: 'RSA-OAEP-256', enc: 'A128CBC-HS256' });
    const text = await tessera(['verify', '--at', now.toISOString(), '--decrypt-key', files.encPriv, token]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Not signed: the claims were encrypted, not signed; with RSA-OAEP-256 anyone holding the public key could have made this token, so it proves nothing about its issuer');
  });

  it('a decryption secret on the command line is refused and never repeated', async () => {
    const literal = await tessera(['verify', '--decrypt-secret', SECRET, nested]);
    expect(literal.code).toBe(2);
    expect(literal.stderr).toContain('--decrypt-secret takes env:NAME');
    expect(literal.stdout + literal.stderr).not.toContain(SECRET);
  });
});
