import { createPrivateKey, createPublicKey, diffieHellman, sign, verify, type JsonWebKeyInput } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { exportJwk } from '../../src/jwk/export.js';
import { generateKeyPair, generateSecret } from '../../src/jwk/generate.js';
import { internals } from '../../src/jwk/key.js';
import type { Jwk } from '../../src/lib/types.js';
import { hideNodeCrypto } from '../../src/lib/backends/runtime.js';
import { thrown } from './keys.js';

const asNode = (jwk: Jwk): JsonWebKeyInput => ({ key: jwk as JsonWebKeyInput['key'], format: 'jwk' });
const HASH: Record<string, string | null> = { RS256: 'sha256', PS384: 'sha384', ES256: 'sha256', ES384: 'sha384', ES512: 'sha512', EdDSA: null };

/** Signs with node:crypto using the exported private JWK and verifies with the exported public JWK. */
function usableForSignatures(alg: string, privateJwk: Jwk, publicJwk: Jwk): boolean {
  const data = Buffer.from('generated keys must work');
  const opts = alg.startsWith('PS') ? { padding: 6, saltLength: 48 } : {};
  const signature = sign(HASH[alg]!, data, { key: createPrivateKey(asNode(privateJwk)), ...opts });
  return verify(HASH[alg]!, data, { key: createPublicKey(asNode(publicJwk)), ...opts }, signature);
}

afterEach(() => hideNodeCrypto(false));

describe('generateKeyPair', () => {
  it.each([
    ['RS256', 'node'], ['PS384', 'node'], ['ES256', 'node'], ['ES384', 'node'], ['ES512', 'node'], ['EdDSA', 'node'],
    ['RS256', 'webcrypto'], ['ES256', 'webcrypto'], ['ES512', 'webcrypto'], ['EdDSA', 'webcrypto'],
    ['ES256', 'noble'], ['ES384', 'noble'], ['ES512', 'noble'], ['EdDSA', 'noble'],
  ] as const)('makes %s keys with the %s backend that node:crypto can use', async (alg, backend) => {
    const { privateKey, publicKey } = await generateKeyPair(alg, { backend, extractable: true, kid: 'g1' });
    expect(privateKey).toMatchObject({ type: 'private', alg, algorithms: [alg], kid: 'g1', use: 'sig' });
    expect(publicKey).toMatchObject({ type: 'public', alg, kid: 'g1' });
    expect(usableForSignatures(alg, exportJwk(privateKey, { private: true }), exportJwk(publicKey))).toBe(true);
  });

  it.each([
    ['P-256', 'node'], ['P-384', 'webcrypto'], ['P-521', 'noble'], ['X25519', 'node'], ['X25519', 'webcrypto'], ['X25519', 'noble'],
  ] as const)('makes ECDH-ES keys on %s with the %s backend that agree with node:crypto', async (crv, backend) => {
    const a = await generateKeyPair('ECDH-ES+A128KW', { crv, backend, extractable: true });
    const b = await generateKeyPair('ECDH-ES+A128KW', { crv, backend: 'node', extractable: true });
    expect(a.privateKey).toMatchObject({ use: 'enc', crv, algorithms: ['ECDH-ES+A128KW'] });
    const ab = diffieHellman({ privateKey: createPrivateKey(asNode(exportJwk(a.privateKey, { private: true }))), publicKey: createPublicKey(asNode(exportJwk(b.publicKey))) });
    const ba = diffieHellman({ privateKey: createPrivateKey(asNode(exportJwk(b.privateKey, { private: true }))), publicKey: createPublicKey(asNode(exportJwk(a.publicKey))) });
    expect(ab.equals(ba)).toBe(true);
  });

  it('uses WebCrypto when node:crypto is absent', async () => {
    hideNodeCrypto(true);
    const { privateKey } = await generateKeyPair('RSA-OAEP-256', { extractable: true });
    expect(privateKey).toMatchObject({ kty: 'RSA', bits: 2048, use: 'enc', algorithms: ['RSA-OAEP-256'] });
  });

  it('refuses RSA generation with the noble backend', async () => {
    await expect(generateKeyPair('RS256', { backend: 'noble' })).rejects.toMatchObject({ code: 'ERR_JOSE_NOT_SUPPORTED' });
  });

  it('honours modulusLength and refuses less than 2048 bits', async () => {
    expect((await generateKeyPair('PS256', { modulusLength: 2056 })).publicKey.bits).toBe(2056);
    await expect(generateKeyPair('RS256', { modulusLength: 1024 })).rejects.toMatchObject({ code: 'ERR_JOSE_INVALID_OPTION' });
    await expect(generateKeyPair('ES256', { modulusLength: 2048 })).rejects.toMatchObject({ code: 'ERR_JOSE_INVALID_OPTION' });
  });

  it('checks crv and refuses secret-key algorithms', async () => {
    await expect(generateKeyPair('ES256', { crv: 'P-384' })).rejects.toMatchObject({ code: 'ERR_JOSE_INVALID_OPTION' });
    await expect(generateKeyPair('ECDH-ES', { crv: 'Ed25519' as 'X25519' })).rejects.toMatchObject({ code: 'ERR_JOSE_INVALID_OPTION' });
    await expect(generateKeyPair('HS256')).rejects.toMatchObject({ code: 'ERR_JOSE_INVALID_OPTION', message: expect.stringContaining("generateSecret('HS256')") });
    await expect(generateKeyPair('ES256', { backend: 'wasm' as 'node' })).rejects.toMatchObject({ code: 'ERR_JOSE_INVALID_OPTION' });
  });

  it('is non-extractable by default: the public part exports, the private part does not', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    expect(thrown(() => exportJwk(privateKey, { private: true })).code).toBe('ERR_JWK_INVALID');
    expect(exportJwk(privateKey)).toEqual(exportJwk(publicKey));
  });

  it('makes a different key each time', async () => {
    const a = await generateKeyPair('EdDSA');
    const b = await generateKeyPair('EdDSA');
    expect(exportJwk(a.publicKey).x).not.toBe(exportJwk(b.publicKey).x);
  });
});

describe('generateSecret', () => {
  it.each([
    ['HS256', 32, 'HS256'], ['HS384', 48, 'HS384'], ['HS512', 64, 'HS512'], ['A128KW', 16, 'A128KW'], ['A192GCMKW', 24, 'A192GCMKW'],
    ['A256GCM', 32, 'dir'], ['A128CBC-HS256', 32, 'dir'], ['A256CBC-HS512', 64, 'dir'], ['PBES2-HS256+A128KW', 32, 'PBES2-HS256+A128KW'],
  ] as const)('makes a %s secret of %i bytes bound to %s', (alg, bytes, bound) => {
    const key = generateSecret(alg, { kid: 's' });
    expect(key).toMatchObject({ type: 'secret', bits: bytes * 8, algorithms: [bound], kid: 's' });
    expect(internals(key).secret).toHaveLength(bytes);
  });

  it('is random and non-extractable by default', () => {
    const a = generateSecret('HS256', { extractable: true });
    const b = generateSecret('HS256', { extractable: true });
    expect(exportJwk(a, { private: true }).k).not.toBe(exportJwk(b, { private: true }).k);
    expect(thrown(() => exportJwk(generateSecret('HS256'), { private: true })).message).toMatch(/extractable: false/);
  });

  it('refuses key-pair algorithms and a bare dir', () => {
    expect(thrown(() => generateSecret('RS256')).code).toBe('ERR_JOSE_INVALID_OPTION');
    expect(thrown(() => generateSecret('dir')).code).toBe('ERR_JOSE_INVALID_OPTION');
    expect(thrown(() => generateSecret('none' as 'HS256')).code).toBe('ERR_JOSE_NOT_SUPPORTED');
  });
});
