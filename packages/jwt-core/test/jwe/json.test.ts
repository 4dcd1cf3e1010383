/**
 * The JWE JSON serializations beyond the RFC 7520 vectors: encryptJweJson round trips (general and
 * flattened, several recipients, aad, unprotected headers, zip), the bounds (maxTokenLength,
 * maxRecipients, the attempt budget), the header rules (disjoint members, zip and crit protected)
 * and the encrypt-side refusals.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptJweJson } from '../../src/jwe/json/decrypt.js';
import { encryptJweJson } from '../../src/jwe/json/encrypt.js';
import type { GeneralJwe } from '../../src/jwe/json/types.js';
import { importSecret } from '../../src/jwk/import-secret.js';
import { createKeySet } from '../../src/jwks/key-set.js';
import { pairFor } from './keys.js';
import { rejection, text } from './helpers.js';

const secret = (alg: 'A128KW' | 'A256KW' | 'A256GCM', kid?: string) => importSecret(randomBytes(alg === 'A128KW' ? 16 : 32), kid === undefined ? { alg } : { alg, kid });
const b64 = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('encryptJweJson + decryptJweJson', () => {
  it('general, three recipients (RSA-OAEP-256, ECDH-ES+A256KW, A256KW), aad and a shared header: each key decrypts alone', async () => {
    const rsa = pairFor('rsa', 'RSA-OAEP-256', 'rsa-1');
    const ec = pairFor('P-256', 'ECDH-ES+A256KW', 'ec-1');
    const kw = secret('A256KW', 'kw-1');
    const jwe = await encryptJweJson('to all three', [
      { key: rsa.publicKey, alg: 'RSA-OAEP-256' }, { key: ec.publicKey, alg: 'ECDH-ES+A256KW' }, { key: kw, alg: 'A256KW', header: { note: 'x' } },
    ], { enc: 'A256GCM', aad: 'order-1234', unprotectedHeader: { cty: 'text/plain' }, protectedHeader: { typ: 'secret' } }) as GeneralJwe;
    expect(jwe.recipients.map((r) => r.header)).toEqual([
      { alg: 'RSA-OAEP-256', kid: 'rsa-1' }, { alg: 'ECDH-ES+A256KW', kid: 'ec-1', epk: expect.any(Object) }, { alg: 'A256KW', kid: 'kw-1', note: 'x' },
    ]);
    expect(JSON.parse(Buffer.from(jwe.protected!, 'base64url').toString())).toEqual({ enc: 'A256GCM', typ: 'secret' });
    const options = { algorithms: ['RSA-OAEP-256', 'ECDH-ES+A256KW', 'A256KW'] as const, encryptionAlgorithms: ['A256GCM'] as const };
    for (const key of [rsa.privateKey, ec.privateKey, kw]) {
      const out = await decryptJweJson(jwe, key, { ...options, algorithms: [...options.algorithms], encryptionAlgorithms: [...options.encryptionAlgorithms] });
      expect(text(out.plaintext)).toBe('to all three');
      expect(out.key).toBe(key);
      expect(text(out.additionalAuthenticatedData!)).toBe('order-1234');
      expect(out.header).toMatchObject({ enc: 'A256GCM', typ: 'secret', cty: 'text/plain', kid: key.kid });
    }
  });

  it('flattened with one recipient puts alg, kid and the algorithm parameters in the protected header; dir is allowed there', async () => {
    const ec = pairFor('P-384', 'ECDH-ES', 'ec-direct');
    const jwe = await encryptJweJson(new Uint8Array([1, 2, 3]), [{ key: ec.publicKey, alg: 'ECDH-ES' }], { enc: 'A128GCM', serialization: 'flattened' });
    expect(Object.keys(jwe).sort()).toEqual(['ciphertext', 'iv', 'protected', 'tag']); // no encrypted_key for ECDH-ES (RFC 7516 §7.2.1)
    expect(JSON.parse(Buffer.from(jwe.protected!, 'base64url').toString())).toMatchObject({ alg: 'ECDH-ES', enc: 'A128GCM', kid: 'ec-direct', epk: { crv: 'P-384' } });
    const out = await decryptJweJson(JSON.stringify(jwe), ec.privateKey, { algorithms: ['ECDH-ES'], encryptionAlgorithms: ['A128GCM'] });
    expect([...out.plaintext]).toEqual([1, 2, 3]);
  });

  it('zip: "DEF" stays in the protected header and needs the receiver\'s opt-in', async () => {
    const kw = secret('A128KW');
    const jwe = await encryptJweJson('a'.repeat(5000), [{ key: kw, alg: 'A128KW' }, { key: secret('A128KW'), alg: 'A128KW' }], { enc: 'A128GCM', zip: 'DEF' }) as GeneralJwe;
    expect(JSON.parse(Buffer.from(jwe.protected!, 'base64url').toString())).toEqual({ enc: 'A128GCM', zip: 'DEF' });
    expect(jwe.ciphertext.length).toBeLessThan(200);
    const options = { algorithms: ['A128KW' as const], encryptionAlgorithms: ['A128GCM' as const] };
    expect(text((await decryptJweJson(jwe, kw, { ...options, zip: true })).plaintext)).toBe('a'.repeat(5000));
    expect((await rejection(decryptJweJson(jwe, kw, options))).reason).toBe('zip');
  });
});

describe('decryptJweJson bounds', () => {
  it('more recipients than maxRecipients is refused before any key is selected', async () => {
    const kw = secret('A128KW');
    const jwe = await encryptJweJson('x', Array.from({ length: 9 }, () => ({ key: kw, alg: 'A128KW' as const })), { enc: 'A128GCM' }) as GeneralJwe;
    let asked = 0;
    const resolver = () => { asked++; return kw; };
    const err = await rejection(decryptJweJson(jwe, resolver, { algorithms: ['A128KW'], encryptionAlgorithms: ['A128GCM'] }));
    expect(err).toMatchObject({ code: 'ERR_JWE_INVALID', reason: 'recipients', limit: 'maxRecipients=8' });
    expect(asked).toBe(0);
    expect(text((await decryptJweJson(jwe, kw, { algorithms: ['A128KW'], encryptionAlgorithms: ['A128GCM'], maxRecipients: 9 })).plaintext)).toBe('x');
  });

  it('the (recipient, key) attempts of one JWE are bounded by maxKeysTried, however many recipients it has', async () => {
    // Four kid-less recipients, three kid-less keys: the right key is the third, for the fourth recipient.
    const [a, b, c] = [secret('A128KW'), secret('A128KW'), secret('A128KW')];
    const others = [secret('A128KW'), secret('A128KW'), secret('A128KW')];
    const jwe = await encryptJweJson('found', [...others.map((k) => ({ key: k, alg: 'A128KW' as const })), { key: c, alg: 'A128KW' }], { enc: 'A128GCM' });
    const options = { algorithms: ['A128KW' as const], encryptionAlgorithms: ['A128GCM' as const] };
    // 3 + 3 + 3 + 3 = 12 attempts needed: more recipients buy no more key operations than a compact JWE gets.
    for (const maxKeysTried of [3, 11]) {
      expect((await rejection(decryptJweJson(jwe, createKeySet([a, b, c]), { ...options, maxKeysTried }))).code).toBe('ERR_JWE_DECRYPTION_FAILED');
    }
    expect(text((await decryptJweJson(jwe, createKeySet([a, b, c]), { ...options, maxKeysTried: 12 })).plaintext)).toBe('found');
    // The right recipient first: found within the default budget.
    const first = await encryptJweJson('found', [{ key: a, alg: 'A128KW' }, ...others.map((k) => ({ key: k, alg: 'A128KW' as const }))], { enc: 'A128GCM' });
    expect(text((await decryptJweJson(first, createKeySet([a, b, c]), options)).plaintext)).toBe('found');
  });

  it('maxTokenLength bounds the JSON text, and an object the same way', async () => {
    const kw = secret('A128KW');
    const jwe = await encryptJweJson('y'.repeat(20_000), [{ key: kw, alg: 'A128KW' }], { enc: 'A128GCM' });
    for (const input of [jwe, JSON.stringify(jwe)]) {
      expect(await rejection(decryptJweJson(input as never, kw, { algorithms: ['A128KW'], encryptionAlgorithms: ['A128GCM'] }))).toMatchObject({ code: 'ERR_JWE_INVALID', reason: 'length' });
    }
  });
});

describe('decryptJweJson header rules (RFC 7516 §7.2.1)', () => {
  const kw = secret('A128KW', 'k');
  const options = { algorithms: ['A128KW' as const], encryptionAlgorithms: ['A128GCM' as const] };
  const base = async () => encryptJweJson('z', [{ key: kw, alg: 'A128KW' }, { key: secret('A128KW'), alg: 'A128KW' }], { enc: 'A128GCM' }) as Promise<GeneralJwe>;

  it('a member in two of the protected, shared and per-recipient headers is refused', async () => {
    const jwe = await base();
    for (const bad of [
      { ...jwe, unprotected: { enc: 'A128GCM' } },
      { ...jwe, unprotected: { kid: 'k' } },
      { ...jwe, recipients: [{ ...jwe.recipients[0], header: { ...jwe.recipients[0]!.header, enc: 'A128GCM' } }, jwe.recipients[1]] },
    ]) {
      const err = await rejection(decryptJweJson(bad as never, kw, options));
      expect(err).toMatchObject({ code: 'ERR_JWE_INVALID', reason: 'header-duplicate' });
      expect(err.message).toMatch(/appears in the (protected|shared unprotected) header and in the/);
    }
  });

  it('zip and crit outside the protected header are refused', async () => {
    const jwe = await base();
    expect((await rejection(decryptJweJson({ ...jwe, unprotected: { zip: 'DEF' } } as never, kw, { ...options, zip: true }))).reason).toBe('zip');
    const crit = { ...jwe, recipients: [{ ...jwe.recipients[0], header: { ...jwe.recipients[0]!.header, crit: ['x'], x: 1 } }, jwe.recipients[1]] };
    expect((await rejection(decryptJweJson(crit as never, kw, { ...options, critical: ['x'] }))).reason).toBe('crit');
  });

  it('general and flattened members mixed, a missing ciphertext, and compact input are ERR_JWE_INVALID', async () => {
    const jwe = await base();
    expect((await rejection(decryptJweJson({ ...jwe, encrypted_key: 'AAAA' } as never, kw, options))).reason).toBe('recipients');
    const { ciphertext: _c, ...noCiphertext } = jwe;
    expect((await rejection(decryptJweJson(noCiphertext as never, kw, options))).reason).toBe('ciphertext');
    expect((await rejection(decryptJweJson(`${b64({ alg: 'A128KW', enc: 'A128GCM' })}.a.b.c.d`, kw, options))).code).toBe('ERR_JWE_INVALID');
  });

  it('a recipient naming another kid is skipped; none matching is ERR_JWKS_NO_MATCHING_KEY with the kids', async () => {
    const jwe = await encryptJweJson('w', [{ key: secret('A128KW', 'a'), alg: 'A128KW' }, { key: secret('A128KW', 'b'), alg: 'A128KW' }], { enc: 'A128GCM' });
    const err = await rejection(decryptJweJson(jwe, createKeySet([secret('A128KW', 'c')]), options));
    expect(err.code).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(err.message).toMatch(/their kids: a, b/);
  });
});

describe('encryptJweJson refusals', () => {
  const kw = secret('A128KW');
  it.each([
    ['dir with several recipients', [{ key: secret('A256GCM'), alg: 'dir' }, { key: kw, alg: 'A128KW' }], { enc: 'A256GCM' }, /dir cannot be used with several recipients/],
    ['flattened with two recipients', [{ key: kw, alg: 'A128KW' }, { key: kw, alg: 'A128KW' }], { enc: 'A128GCM', serialization: 'flattened' }, /exactly one recipient/],
    ['a parameter set by the algorithms', [{ key: kw, alg: 'A128KW', header: { alg: 'A256KW' } }], { enc: 'A128GCM' }, /may not set "alg"/],
    ['crit outside the protected header', [{ key: kw, alg: 'A128KW' }], { enc: 'A128GCM', unprotectedHeader: { crit: ['x'], x: 1 } }, /crit/],
    ['the same member twice', [{ key: kw, alg: 'A128KW', header: { typ: 'a' } }], { enc: 'A128GCM', protectedHeader: { typ: 'b' } }, /"typ" would appear in the protected header and in the header of recipient #1/],
    ['no recipients', [], { enc: 'A128GCM' }, /non-empty array/],
  ])('%s', async (_name, recipients, options, message) => {
    const err = await rejection(encryptJweJson('x', recipients as never, options as never));
    expect(err.code).toBe('ERR_JOSE_INVALID_OPTION');
    expect(err.message).toMatch(message);
  });
});
