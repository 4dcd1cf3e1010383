/**
 * JSON serializations against `jose` (panva/jose, devDependency), both ways: general JWEs with
 * several recipients and aad made by jose decrypt with decryptJweJson, and encryptJweJson's
 * general and flattened JWEs decrypt with jose's generalDecrypt / flattenedDecrypt.
 * Node-only: jose picks its runtime build by environment.
 */
import { randomBytes } from 'node:crypto';
import { flattenedDecrypt, FlattenedEncrypt, generalDecrypt, GeneralEncrypt, importJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { decryptJweJson } from '../../src/jwe/json/decrypt.js';
import { encryptJweJson } from '../../src/jwe/json/encrypt.js';
import type { FlattenedJwe, GeneralJwe } from '../../src/jwe/json/types.js';
import { importSecret } from '../../src/jwk/import-secret.js';
import { text } from './helpers.js';
import { pairFor } from './keys.js';

const MESSAGE = 'interop: jose <-> tessera, JSON ✓';
const AAD = new TextEncoder().encode('order-1234');

describe('JWE JSON serializations, interop with jose', () => {
  it('jose general (RSA-OAEP-256 + ECDH-ES+A128KW + A256GCMKW, aad, shared header) -> decryptJweJson', async () => {
    const rsa = pairFor('rsa', 'RSA-OAEP-256', 'r');
    const ec = pairFor('P-256', 'ECDH-ES+A128KW', 'e');
    const raw = randomBytes(32);
    const enc = new GeneralEncrypt(new TextEncoder().encode(MESSAGE))
      .setProtectedHeader({ enc: 'A128CBC-HS256' })
      .setSharedUnprotectedHeader({ cty: 'text/plain' })
      .setAdditionalAuthenticatedData(AAD);
    enc.addRecipient(await importJWK(rsa.publicJwk as never, 'RSA-OAEP-256')).setUnprotectedHeader({ alg: 'RSA-OAEP-256', kid: 'r' });
    enc.addRecipient(await importJWK(ec.publicJwk as never, 'ECDH-ES+A128KW')).setUnprotectedHeader({ alg: 'ECDH-ES+A128KW', kid: 'e' });
    enc.addRecipient(raw).setUnprotectedHeader({ alg: 'A256GCMKW', kid: 's' });
    const jwe = await enc.encrypt();
    const options = { algorithms: ['RSA-OAEP-256', 'ECDH-ES+A128KW', 'A256GCMKW'] as never, encryptionAlgorithms: ['A128CBC-HS256'] as never };
    for (const key of [rsa.privateKey, ec.privateKey, importSecret(raw, { alg: 'A256GCMKW', kid: 's' })]) {
      const out = await decryptJweJson(jwe as GeneralJwe, key, options);
      expect(text(out.plaintext)).toBe(MESSAGE);
      expect(out.additionalAuthenticatedData).toEqual(AAD);
      expect(out.header['kid']).toBe(key.kid);
    }
  });

  it('jose flattened (A128KW, aad) -> decryptJweJson', async () => {
    const raw = randomBytes(16);
    const jwe = await new FlattenedEncrypt(new TextEncoder().encode(MESSAGE)).setProtectedHeader({ alg: 'A128KW', enc: 'A256GCM' })
      .setAdditionalAuthenticatedData(AAD).encrypt(raw);
    const out = await decryptJweJson(jwe as FlattenedJwe, importSecret(raw, { alg: 'A128KW' }), { algorithms: ['A128KW'], encryptionAlgorithms: ['A256GCM'] });
    expect(text(out.plaintext)).toBe(MESSAGE);
  });

  it('encryptJweJson general (three recipients, aad) -> jose generalDecrypt with each key', async () => {
    const rsa = pairFor('rsa', 'RSA-OAEP-256', 'r');
    const ec = pairFor('P-384', 'ECDH-ES+A256KW', 'e');
    const raw = randomBytes(24);
    const jwe = await encryptJweJson(MESSAGE, [
      { key: rsa.publicKey, alg: 'RSA-OAEP-256' }, { key: ec.publicKey, alg: 'ECDH-ES+A256KW' }, { key: importSecret(raw, { alg: 'A192KW', kid: 's' }), alg: 'A192KW' },
    ], { enc: 'A256CBC-HS512', aad: AAD, unprotectedHeader: { cty: 'text/plain' } });
    for (const key of [await importJWK(rsa.privateJwk as never, 'RSA-OAEP-256'), await importJWK(ec.privateJwk as never, 'ECDH-ES+A256KW'), raw]) {
      const out = await generalDecrypt(jwe as never, key as never);
      expect(text(out.plaintext)).toBe(MESSAGE);
      expect(out.additionalAuthenticatedData).toEqual(AAD);
      expect(out.sharedUnprotectedHeader).toEqual({ cty: 'text/plain' });
    }
  });

  it('encryptJweJson flattened (dir, aad) -> jose flattenedDecrypt', async () => {
    const raw = randomBytes(32);
    const jwe = await encryptJweJson(MESSAGE, [{ key: importSecret(raw, { alg: 'A256GCM' }), alg: 'dir' }], { enc: 'A256GCM', aad: 'order-1234', serialization: 'flattened' });
    const out = await flattenedDecrypt(jwe as never, raw);
    expect(text(out.plaintext)).toBe(MESSAGE);
    expect(out.protectedHeader).toMatchObject({ alg: 'dir', enc: 'A256GCM' });
  });
});
