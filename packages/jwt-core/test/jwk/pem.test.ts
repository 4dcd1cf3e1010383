import { createPrivateKey } from 'node:crypto';
import { generateKeyObjects } from '../helpers/keygen.js';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { p256 } from '@noble/curves/nist.js';
import { describe, expect, it } from 'vitest';
import { exportJwk } from '../../src/jwk/export.js';
import { importPem } from '../../src/jwk/pem.js';
import { contextTag, derBitString, derEncode, derOid, derSequence, derUnsignedInteger, TAG } from '../../src/lib/der.js';
import { nodePair, thrown } from './keys.js';

const fixture = (name: string): string => readFileSync(fileURLToPath(new URL(`../fixtures/pem/${name}`, import.meta.url)), 'utf8');
const pem = (b: Uint8Array, label: string): string =>
  `-----BEGIN ${label}-----\n${Buffer.from(b).toString('base64').replace(/.{64}/g, '$&\n')}\n-----END ${label}-----\n`;
const strip = <T extends object>(jwk: T) => {
  const { use: _u, alg: _a, kid: _k, ...rest } = jwk as Record<string, unknown>;
  return rest;
};

const CASES = [
  ['rsa-2048', 'RS256'], ['ec-P-256', 'ES256'], ['ec-P-384', 'ES384'], ['ec-P-521', 'ES512'], ['ed25519', 'EdDSA'], ['x25519', 'ECDH-ES'],
] as const;

describe('importPem: SPKI and PKCS#8', () => {
  it.each(CASES)('imports %s public (SPKI) and private (PKCS#8) keys exactly as node:crypto reads them', (spec, alg) => {
    const kp = nodePair(spec);
    const pub = importPem(kp.publicKey.export({ format: 'pem', type: 'spki' }) as string, { alg, kid: 'p1' });
    expect(pub).toMatchObject({ type: 'public', alg, kid: 'p1' });
    expect(strip(exportJwk(pub))).toEqual(kp.publicJwk);
    const priv = importPem(kp.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string, { alg });
    expect(priv.type).toBe('private');
    expect(strip(exportJwk(priv, { private: true }))).toEqual(kp.privateJwk);
  });

  it('imports PKCS#1 RSA keys ("RSA PUBLIC KEY", "RSA PRIVATE KEY")', () => {
    const kp = nodePair('rsa-2048');
    const pub = importPem(kp.publicKey.export({ format: 'pem', type: 'pkcs1' }) as string, { alg: 'PS256' });
    expect(strip(exportJwk(pub))).toEqual(kp.publicJwk);
    const priv = importPem(kp.privateKey.export({ format: 'pem', type: 'pkcs1' }) as string, { alg: 'RSA-OAEP-256' });
    expect(priv).toMatchObject({ use: 'enc', type: 'private' });
    expect(strip(exportJwk(priv, { private: true }))).toEqual(kp.privateJwk);
  });

  it.each(['ec-P-256', 'ec-P-384', 'ec-P-521'])('imports SEC1 "EC PRIVATE KEY" (%s)', (spec) => {
    const kp = nodePair(spec);
    const priv = importPem(kp.privateKey.export({ format: 'pem', type: 'sec1' }) as string, { alg: 'ECDH-ES' });
    expect(strip(exportJwk(priv, { private: true }))).toEqual(kp.privateJwk);
  });

  it('imports the output of `openssl ecparam -genkey` (EC PARAMETERS + EC PRIVATE KEY)', () => {
    const text = fixture('ec-params-key.pem');
    const key = importPem(text, { alg: 'ES256' });
    const node = createPrivateKey(text).export({ format: 'jwk' });
    expect(strip(exportJwk(key, { private: true }))).toEqual(node);
  });

  it('derives the public point of an EC private key that does not carry it', () => {
    const kp = nodePair('ec-P-256');
    const d = Buffer.from(kp.privateJwk.d as string, 'base64url');
    const sec1 = derSequence([derUnsignedInteger(new Uint8Array([1])), derEncode(TAG.OCTET_STRING, d), derSequence([derOid('1.2.840.10045.3.1.7')], contextTag(0))]);
    const key = importPem(pem(sec1, 'EC PRIVATE KEY'), { alg: 'ES256' });
    expect(strip(exportJwk(key, { private: true }))).toEqual(kp.privateJwk);
  });

  it('accepts a compressed EC point in SPKI', () => {
    const kp = nodePair('ec-P-256');
    const raw = Buffer.concat([Buffer.from([4]), Buffer.from(kp.publicJwk.x as string, 'base64url'), Buffer.from(kp.publicJwk.y as string, 'base64url')]);
    const compressed = p256.Point.fromBytes(raw).toBytes(true);
    const spki = derSequence([derSequence([derOid('1.2.840.10045.2.1'), derOid('1.2.840.10045.3.1.7')]), derBitString(compressed)]);
    expect(strip(exportJwk(importPem(pem(spki, 'PUBLIC KEY'), { alg: 'ES256' })))).toEqual(kp.publicJwk);
  });

  it('refuses an off-curve EC point', () => {
    const kp = nodePair('ec-P-256');
    const raw = Buffer.concat([Buffer.from([4]), Buffer.from(kp.publicJwk.x as string, 'base64url'), Buffer.from(kp.publicJwk.y as string, 'base64url')]);
    raw[64] = raw[64]! ^ 1;
    const spki = derSequence([derSequence([derOid('1.2.840.10045.2.1'), derOid('1.2.840.10045.3.1.7')]), derBitString(raw)]);
    const err = thrown(() => importPem(pem(spki, 'PUBLIC KEY'), { alg: 'ES256' }));
    expect(err.code).toBe('ERR_JWK_INVALID');
    expect(err.message).toMatch(/not a valid point/);
  });

  it('accepts bytes (a file read without an encoding)', () => {
    const kp = nodePair('ed25519');
    const bytes = new TextEncoder().encode(kp.publicKey.export({ format: 'pem', type: 'spki' }) as string);
    expect(importPem(bytes, { alg: 'EdDSA' }).crv).toBe('Ed25519');
  });
});

describe('importPem: certificates', () => {
  it.each([['rsa', 'RS256'], ['ec', 'ES256'], ['ed25519', 'EdDSA']] as const)('takes the public key of a self-signed %s certificate', (name, alg) => {
    const key = importPem(fixture(`${name}-cert.pem`), { alg, kid: 'cert' });
    expect(key).toMatchObject({ type: 'public', alg, kid: 'cert' });
    const expected = createPrivateKey(fixture(`${name}-cert-key.pem`)).export({ format: 'jwk' });
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = expected;
    expect(strip(exportJwk(key))).toEqual(pub);
  });

  it('takes the first certificate of a chain, and refuses a key mixed with a certificate', () => {
    const chain = fixture('ec-cert.pem') + fixture('rsa-cert.pem');
    expect(importPem(chain, { alg: 'ES256' }).kty).toBe('EC');
    const mixed = fixture('ec-cert.pem') + (nodePair('ec-P-256').publicKey.export({ format: 'pem', type: 'spki' }) as string);
    expect(thrown(() => importPem(mixed, { alg: 'ES256' })).message).toMatch(/holds 2 blocks \(CERTIFICATE, PUBLIC KEY\)/);
  });
});

describe('importPem: refusals', () => {
  const spki = nodePair('ec-P-256').publicKey.export({ format: 'pem', type: 'spki' }) as string;

  it('requires alg and checks the key fits it', () => {
    expect(thrown(() => importPem(spki, {} as { alg: 'ES256' })).code).toBe('ERR_JOSE_INVALID_OPTION');
    const err = thrown(() => importPem(spki, { alg: 'RS256' }));
    expect(err.code).toBe('ERR_JWK_INVALID');
    expect(err.message).toBe('RS256 needs an RSA key; this is an EC P-256 public key');
    expect(thrown(() => importPem(spki, { alg: 'HS256' })).code).toBe('ERR_JWK_INVALID');
  });

  it('refuses RSA keys under 2048 bits', () => {
    const weak = nodePair('rsa-1024').publicKey.export({ format: 'pem', type: 'spki' }) as string;
    expect(thrown(() => importPem(weak, { alg: 'RS256' })).message).toBe('RSA keys must be at least 2048 bits; this one is 1024 bits');
  });

  it('refuses encrypted keys with a hint to decrypt them', () => {
    const { privateKey } = nodePair('rsa-2048');
    const pkcs8 = privateKey.export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'pw' }) as string;
    const err = thrown(() => importPem(pkcs8, { alg: 'RS256' }));
    expect(err.code).toBe('ERR_JOSE_NOT_SUPPORTED');
    expect(err.hint).toMatch(/openssl pkey/);
    const traditional = privateKey.export({ format: 'pem', type: 'pkcs1', cipher: 'aes-256-cbc', passphrase: 'pw' }) as string;
    expect(traditional).toContain('Proc-Type: 4,ENCRYPTED');
    expect(thrown(() => importPem(traditional, { alg: 'RS256' })).code).toBe('ERR_JOSE_NOT_SUPPORTED');
  });

  it('refuses unsupported key types and labels', () => {
    const ed448 = generateKeyObjects('ed448').publicKey.export({ format: 'pem', type: 'spki' }) as string;
    expect(thrown(() => importPem(ed448, { alg: 'EdDSA' })).message).toBe('Ed448 keys are not supported');
    const k1 = generateKeyObjects('ec', { namedCurve: 'secp256k1' }).publicKey.export({ format: 'pem', type: 'spki' }) as string;
    expect(thrown(() => importPem(k1, { alg: 'ES256' })).code).toBe('ERR_JOSE_NOT_SUPPORTED');
    const dsa = generateKeyObjects('dsa', { modulusLength: 2048, divisorLength: 256 }).publicKey.export({ format: 'pem', type: 'spki' }) as string;
    expect(thrown(() => importPem(dsa, { alg: 'RS256' })).message).toBe('DSA keys are not supported');
    expect(thrown(() => importPem('-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----', { alg: 'EdDSA' })).hint).toMatch(/ssh-keygen/);
    expect(thrown(() => importPem('-----BEGIN FOO-----\nAAAA\n-----END FOO-----', { alg: 'EdDSA' })).code).toBe('ERR_JOSE_NOT_SUPPORTED');
  });

  it('refuses malformed PEM text', () => {
    expect(thrown(() => importPem('not a pem', { alg: 'ES256' })).message).toMatch(/no PEM block found/);
    expect(thrown(() => importPem(spki.replace('-----END PUBLIC KEY-----', ''), { alg: 'ES256' })).message).toMatch(/no matching END line/);
    expect(thrown(() => importPem(spki.replace(/\n[A-Za-z0-9]/, '\n*'), { alg: 'ES256' })).message).toMatch(/not valid base64/);
    expect(thrown(() => importPem(42 as unknown as string, { alg: 'ES256' })).code).toBe('ERR_JWK_INVALID');
    expect(thrown(() => importPem(`${spki}${' '.repeat(70_000)}`, { alg: 'ES256' })).message).toMatch(/at most 65536/);
  });

  it('refuses truncated DER and trailing data', () => {
    const der = nodePair('ec-P-256').publicKey.export({ format: 'der', type: 'spki' });
    expect(thrown(() => importPem(pem(der.subarray(0, der.length - 3), 'PUBLIC KEY'), { alg: 'ES256' })).message).toMatch(/DER structure is invalid/);
    expect(thrown(() => importPem(pem(Buffer.concat([der, Buffer.from([0, 0])]), 'PUBLIC KEY'), { alg: 'ES256' })).message).toMatch(/unexpected data after/);
    expect(thrown(() => importPem(pem(der, 'PRIVATE KEY'), { alg: 'ES256' })).code).toBe('ERR_JWK_INVALID');
  });

  it('never repeats key material in its messages', () => {
    const kp = nodePair('ec-P-256');
    const body = (kp.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string).split('\n')[1]!;
    const err = thrown(() => importPem(kp.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string, { alg: 'RS256' }));
    expect(err.message + err.hint).not.toContain(body.slice(0, 20));
    expect(err.message + err.hint).not.toContain(kp.privateJwk.d as string);
  });
});
