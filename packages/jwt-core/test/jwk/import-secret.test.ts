import { randomBytes } from 'node:crypto';
import { generateKeyObjects } from '../helpers/keygen.js';
import { describe, expect, it } from 'vitest';
import { importSecret } from '../../src/jwk/import-secret.js';
import { internals } from '../../src/jwk/key.js';
import { nodePair, thrown } from './keys.js';

describe('importSecret', () => {
  it('imports UTF-8 strings, bytes, base64 and base64url', () => {
    const raw = randomBytes(32);
    const fromBytes = importSecret(raw, { alg: 'HS256', kid: 's1' });
    expect(fromBytes).toMatchObject({ type: 'secret', kty: 'oct', alg: 'HS256', kid: 's1', bits: 256 });
    expect(internals(fromBytes).secret).toEqual(new Uint8Array(raw));
    expect(internals(importSecret(raw.toString('base64'), { alg: 'HS256', encoding: 'base64' })).secret).toEqual(new Uint8Array(raw));
    expect(internals(importSecret(`${raw.toString('base64url')}\n`, { alg: 'HS256', encoding: 'base64url' })).secret).toEqual(new Uint8Array(raw));
    const text = 'correct horse battery staple, thirty-two+ bytes';
    expect(internals(importSecret(text, { alg: 'HS256' })).secret).toEqual(new TextEncoder().encode(text));
  });

  it('copies the bytes it is given', () => {
    const raw = randomBytes(32);
    const key = importSecret(raw, { alg: 'HS256' });
    raw.fill(0);
    expect(internals(key).secret!.some((b) => b !== 0)).toBe(true);
  });

  it('binds the secret to exactly the alg given', () => {
    expect(importSecret(randomBytes(64), { alg: 'HS256' }).algorithms).toEqual(['HS256']);
    expect(importSecret(randomBytes(16), { alg: 'A128KW' })).toMatchObject({ use: 'enc', algorithms: ['A128KW'] });
    expect(importSecret(randomBytes(32), { alg: 'A128CBC-HS256' })).toMatchObject({ use: 'enc', algorithms: ['dir'] });
  });

  it('requires alg and refuses algorithms that need a key pair', () => {
    expect(thrown(() => importSecret(randomBytes(32), {} as { alg: 'HS256' })).code).toBe('ERR_JOSE_INVALID_OPTION');
    const err = thrown(() => importSecret(randomBytes(256), { alg: 'RS256' }));
    expect(err.code).toBe('ERR_JWK_INVALID');
    expect(err.message).toMatch(/RS256 needs an RSA key/);
    expect(thrown(() => importSecret(randomBytes(32), { alg: 'HS256', encoding: 'hex' as 'utf8' })).code).toBe('ERR_JOSE_INVALID_OPTION');
  });

  it('refuses short and empty secrets with the size needed', () => {
    const short = 'too-short-secret';
    const err = thrown(() => importSecret(short, { alg: 'HS256' }));
    expect(err.code).toBe('ERR_JWK_INVALID');
    expect(err.message).toBe('an HS256 secret must be at least 32 bytes (256 bits, RFC 7518 §3.2); this one is 16 bytes');
    expect(err.message + err.hint).not.toContain(short);
    expect(thrown(() => importSecret('', { alg: 'HS384' })).message).toBe('the secret is empty; HS384 needs at least 48 bytes');
    expect(thrown(() => importSecret(new Uint8Array(0), { alg: 'HS256' })).code).toBe('ERR_JWK_INVALID');
  });

  it('refuses values that are not strings or bytes (a falsy key is never a key)', () => {
    for (const value of [null, undefined, 0, {}, []]) {
      expect(thrown(() => importSecret(value as unknown as string, { alg: 'HS256' })).code).toBe('ERR_JWK_INVALID');
    }
  });

  it('refuses secrets larger than 6 KiB (a file or bundle, not a key)', () => {
    expect(thrown(() => importSecret(randomBytes(6145), { alg: 'HS256' })).message).toBe('the secret is 6145 bytes; at most 6144 bytes are accepted');
    expect(importSecret(randomBytes(6144), { alg: 'HS512' }).bits).toBe(6144 * 8);
  });

  it('refuses bad base64', () => {
    expect(thrown(() => importSecret('not*base64!', { alg: 'HS256', encoding: 'base64' })).message).toMatch(/not valid base64/);
    expect(thrown(() => importSecret('ab+c', { alg: 'HS256', encoding: 'base64url' })).code).toBe('ERR_JWK_INVALID');
  });

  describe('key-format confusion (CVE-2023-48223)', () => {
    const { publicKey, privateKey } = generateKeyObjects('rsa', { modulusLength: 2048 });
    const spki = publicKey.export({ format: 'pem', type: 'spki' }) as string;
    const pkcs1 = publicKey.export({ format: 'pem', type: 'pkcs1' }) as string;
    const der = publicKey.export({ format: 'der', type: 'spki' });

    it('refuses a PEM public key, whatever its label, as string or bytes', () => {
      for (const pem of [spki, pkcs1, privateKey.export({ format: 'pem', type: 'pkcs8' }) as string]) {
        const err = thrown(() => importSecret(pem, { alg: 'HS256' }));
        expect(err.code).toBe('ERR_JWK_INVALID');
        expect(err.message).toMatch(/looks like a PEM/);
        expect(err.hint).toMatch(/importPem/);
        expect(thrown(() => importSecret(new TextEncoder().encode(pem), { alg: 'HS256' })).code).toBe('ERR_JWK_INVALID');
      }
    });

    it('refuses a base64-encoded PEM (a PEM file stored base64 in an env var)', () => {
      const err = thrown(() => importSecret(Buffer.from(spki).toString('base64'), { alg: 'HS256', encoding: 'base64' }));
      expect(err.message).toMatch(/looks like a PEM/);
    });

    it('refuses DER keys and certificates, and PEM bodies without armor', () => {
      expect(thrown(() => importSecret(der, { alg: 'HS256' })).message).toMatch(/DER-encoded key/);
      expect(thrown(() => importSecret(der.toString('base64'), { alg: 'HS256', encoding: 'base64' })).message).toMatch(/DER-encoded key/);
      expect(thrown(() => importSecret(der.toString('base64'), { alg: 'HS256' })).message).toMatch(/DER-encoded key/);
      const ecDer = nodePair('ec-P-256').privateKey.export({ format: 'der', type: 'pkcs8' });
      expect(thrown(() => importSecret(ecDer, { alg: 'HS256' })).message).toMatch(/DER-encoded key/);
    });

    it('refuses a JWK or JWKS in JSON form and an SSH public key', () => {
      const jwk = JSON.stringify(publicKey.export({ format: 'jwk' }));
      const err = thrown(() => importSecret(jwk, { alg: 'HS256' }));
      expect(err.message).toMatch(/looks like a JWK/);
      expect(err.hint).toMatch(/importJwk/);
      expect(thrown(() => importSecret(JSON.stringify({ keys: [] }) + ' '.repeat(40), { alg: 'HS256' })).message).toMatch(/JWK/);
      const ssh = `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${'A'.repeat(40)} user@host`;
      expect(thrown(() => importSecret(ssh, { alg: 'HS256' })).message).toMatch(/OpenSSH/);
    });

    it('accepts random secrets that merely start like DER or JSON', () => {
      const bytes = randomBytes(48);
      bytes[0] = 0x30;
      bytes[1] = 46; // a SEQUENCE header spanning the rest, but not a key inside
      expect(importSecret(bytes, { alg: 'HS256' }).bits).toBe(384);
      expect(importSecret('{ this is a long passphrase, not JSON at all }', { alg: 'HS256' }).type).toBe('secret');
    });
  });
});
