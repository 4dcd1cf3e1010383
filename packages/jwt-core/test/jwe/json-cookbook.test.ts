/**
 * RFC 7520 Section 5 in the JWE JSON serializations (RFC 7516 §7.2): every example's general and
 * flattened form, including those that exist only in JSON: 5.10 (additional authenticated data),
 * 5.11 (a shared unprotected header), 5.12 (nothing protected but the content), 5.13 (three
 * recipients, one of them RSA1_5, which is skipped because it is not on the allow-list).
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decryptJweJson } from '../../src/jwe/json/decrypt.js';
import { importSecret } from '../../src/jwk/import-secret.js';
import { importJwk } from '../../src/jwk/import.js';
import type { Key } from '../../src/jwk/key.js';
import { createKeySet } from '../../src/jwks/key-set.js';
import type { Jwk } from '../../src/lib/types.js';
import type { JweContentAlgorithm, JweKeyAlgorithm } from '../../src/lib/algorithms.js';
import { BACKEND_NAMES, rejection, text, vectorFile } from './helpers.js';

interface CookbookCase {
  id: string; alg: JweKeyAlgorithm; enc: JweContentAlgorithm;
  input: { plaintext: string; key?: Jwk | Jwk[]; pwd?: string; aad?: string };
  expected: { json?: Record<string, unknown>; json_flat?: Record<string, unknown> };
}

const dir = fileURLToPath(new URL('../../../test-vectors/vectors/rfc7520-cookbook/', import.meta.url));
const cases = readdirSync(dir).filter((f) => f.startsWith('5_')).map((f) => vectorFile<{ cases: CookbookCase[] }>(`rfc7520-cookbook/${f}`).cases[0]!);
const single = cases.filter((c) => c.id !== 'rfc7520-5.1' && c.id !== 'rfc7520-5.13');

function keyOf(c: CookbookCase): Key {
  if (c.input.pwd !== undefined) return importSecret(c.input.pwd, { alg: c.alg });
  const { alg: _alg, ...jwk } = c.input.key as Jwk; // 5.6's key says A128GCM: bind it to dir explicitly
  return importJwk(jwk, { alg: c.alg });
}

const multi = cases.find((c) => c.id === 'rfc7520-5.13')!;
const [rsaJwk, ecJwk, octJwk] = multi.input.key as Jwk[];
const ecKey = () => importJwk(ecJwk!, { alg: 'ECDH-ES+A256KW' });
const octKey = () => importJwk(octJwk!, { alg: 'A256GCMKW' });
const rsaKey = () => importJwk({ ...rsaJwk!, use: 'enc' }, { alg: 'RSA-OAEP' });
const multiOptions = { algorithms: ['ECDH-ES+A256KW', 'A256GCMKW'] as JweKeyAlgorithm[], encryptionAlgorithms: ['A128CBC-HS256'] as JweContentAlgorithm[] };

describe('RFC 7520 Section 5, JSON serializations', () => {
  it('covers 5.1-5.13 in the general form and 5.1-5.12 flattened', () => {
    expect(cases.filter((c) => c.expected.json !== undefined)).toHaveLength(13);
    expect(cases.filter((c) => c.expected.json_flat !== undefined)).toHaveLength(12);
  });

  for (const c of single) {
    for (const form of ['json', 'json_flat'] as const) {
      for (const backend of BACKEND_NAMES) {
        it.runIf(!(backend === 'noble' && c.alg.startsWith('RSA')))(`${c.id} ${form} ${c.alg} + ${c.enc} decrypts on ${backend}`, async () => {
          const out = await decryptJweJson(c.expected[form] as never, keyOf(c), { algorithms: [c.alg], encryptionAlgorithms: [c.enc], backend, zip: c.id === 'rfc7520-5.9' });
          expect(text(out.plaintext)).toBe(c.input.plaintext);
          expect(out.header['alg']).toBe(c.alg);
          expect(out.header['enc']).toBe(c.enc);
        });
      }
    }
  }

  it('5.10: the aad member is authenticated and returned; changed or removed, decryption fails', async () => {
    const c = cases.find((x) => x.id === 'rfc7520-5.10')!;
    const options = { algorithms: [c.alg], encryptionAlgorithms: [c.enc] };
    const out = await decryptJweJson(JSON.stringify(c.expected.json), keyOf(c), options);
    expect(text(out.additionalAuthenticatedData!)).toBe(c.input.aad);
    const jwe = c.expected.json_flat!;
    const changed = { ...jwe, aad: Buffer.from(`${c.input.aad!} `).toString('base64url') };
    const { aad: _aad, ...removed } = jwe;
    for (const bad of [changed, removed]) expect((await rejection(decryptJweJson(bad as never, keyOf(c), options))).code).toBe('ERR_JWE_DECRYPTION_FAILED');
  });

  it('5.11 and 5.12: the unprotected headers are returned apart from the protected one', async () => {
    const c11 = cases.find((x) => x.id === 'rfc7520-5.11')!;
    const out11 = await decryptJweJson(c11.expected.json_flat as never, keyOf(c11), { algorithms: [c11.alg], encryptionAlgorithms: [c11.enc] });
    expect(out11.protectedHeader).toEqual({ enc: 'A128GCM' });
    expect(out11.sharedUnprotectedHeader).toEqual({ alg: 'A128KW', kid: '81b20965-8332-43d9-a468-82160ad91ac8' });
    const c12 = cases.find((x) => x.id === 'rfc7520-5.12')!;
    const out12 = await decryptJweJson(c12.expected.json as never, keyOf(c12), { algorithms: [c12.alg], encryptionAlgorithms: [c12.enc] });
    expect(out12.protectedHeader).toBeUndefined();
    expect(out12.header).toMatchObject({ alg: 'A128KW', enc: 'A128GCM' });
  });

  it('5.1 (RSA1_5) is refused in JSON as in compact', async () => {
    const c = cases.find((x) => x.id === 'rfc7520-5.1')!;
    const key = importJwk({ ...(c.input.key as Jwk), use: undefined } as Jwk, { alg: 'RSA-OAEP' });
    const err = await rejection(decryptJweJson(c.expected.json as never, key, { algorithms: ['RSA-OAEP'], encryptionAlgorithms: ['A128CBC-HS256'] }));
    expect(err.code).toBe('ERR_JOSE_ALG_NOT_ALLOWED');
  });
});

describe('RFC 7520 §5.13: several recipients', () => {
  const jwe = multi.expected.json as { recipients: Array<Record<string, unknown>> } & Record<string, unknown>;

  it('a key set holding all three keys decrypts; the RSA1_5 recipient is never tried', async () => {
    const out = await decryptJweJson(jwe as never, createKeySet([rsaKey(), ecKey(), octKey()]), multiOptions);
    expect(text(out.plaintext)).toBe(multi.input.plaintext);
    expect(out.header).toMatchObject({ alg: 'ECDH-ES+A256KW', kid: 'peregrin.took@tuckborough.example', enc: 'A128CBC-HS256', cty: 'text/plain' });
    expect(out.unprotectedHeader?.['kid']).toBe('peregrin.took@tuckborough.example');
  });

  it('each recipient\'s own key decrypts alone: the others are skipped by alg or by key', async () => {
    expect((await decryptJweJson(jwe as never, octKey(), multiOptions)).header['kid']).toBe('18ec08e1-bfa9-4d95-b205-2b4dd1d4321d');
    expect((await decryptJweJson(jwe as never, ecKey(), multiOptions)).header['kid']).toBe('peregrin.took@tuckborough.example');
    // Only A256GCMKW allowed: the EC recipient is skipped even with the EC key in the set.
    const only = await decryptJweJson(jwe as never, createKeySet([ecKey(), octKey()]), { ...multiOptions, algorithms: ['A256GCMKW'] });
    expect(only.key.kid).toBe('18ec08e1-bfa9-4d95-b205-2b4dd1d4321d');
  });

  it('no recipient with an allowed alg: ERR_JOSE_ALG_NOT_ALLOWED naming what they use', async () => {
    const err = await rejection(decryptJweJson(jwe as never, rsaKey(), { algorithms: ['RSA-OAEP-256'], encryptionAlgorithms: ['A128CBC-HS256'] }));
    expect(err.code).toBe('ERR_JOSE_ALG_NOT_ALLOWED');
    expect(err.message).toMatch(/none of the 3 recipients .*RSA1_5, ECDH-ES\+A256KW, A256GCMKW/);
  });

  it('every failure is the same error, whichever recipient or part was altered (no oracle)', async () => {
    const keys = createKeySet([ecKey(), octKey()]);
    const recipients = (i: number, field: string) => jwe.recipients.map((r, j) => (j === i ? { ...r, [field]: flip(r[field] as string) } : r));
    const flip = (b64: string): string => {
      const b = Buffer.from(b64, 'base64url');
      b[b.length - 1]! ^= 1;
      return b.toString('base64url');
    };
    // [the JWE, the keys]: with both keys, both recipients must fail; with one key, its own recipient.
    const altered: Array<[unknown, unknown]> = [
      [{ ...jwe, ciphertext: flip(jwe['ciphertext'] as string) }, keys],
      [{ ...jwe, tag: flip(jwe['tag'] as string) }, keys],
      [{ ...jwe, iv: flip(jwe['iv'] as string) }, keys],
      [{ ...jwe, recipients: recipients(1, 'encrypted_key').map((r, j) => (j === 2 ? { ...r, encrypted_key: flip(r['encrypted_key'] as string) } : r)) }, keys],
      [{ ...jwe, recipients: recipients(1, 'encrypted_key') }, ecKey()],
      [{ ...jwe, recipients: recipients(2, 'encrypted_key') }, octKey()],
      [{ ...jwe, recipients: jwe.recipients.map((r, j) => (j === 2 ? { ...r, header: { ...(r['header'] as object), tag: flip((r['header'] as { tag: string }).tag) } } : r)) }, octKey()],
      [jwe, createKeySet([importJwk({ kty: 'oct', k: Buffer.alloc(32, 1).toString('base64url'), kid: '18ec08e1-bfa9-4d95-b205-2b4dd1d4321d' }, { alg: 'A256GCMKW' })])],
    ];
    const errors = [];
    for (const [bad, k] of altered) {
      const err = await rejection(decryptJweJson(bad as never, k as never, multiOptions));
      errors.push(JSON.stringify({ ...err.toJSON(), reason: err.reason, cause: err.cause }));
    }
    // One altered recipient does not stop the other one from decrypting.
    expect(text((await decryptJweJson(altered[4]![0] as never, keys, multiOptions)).plaintext)).toBe(multi.input.plaintext);
    expect(new Set(errors).size).toBe(1);
    expect(JSON.parse(errors[0]!)).toMatchObject({ code: 'ERR_JWE_DECRYPTION_FAILED', message: 'JWE decryption failed' });
  });
});
