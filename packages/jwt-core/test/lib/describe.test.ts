/**
 * Message text helpers (src/lib/describe.ts): values described without their content, and the
 * article before an algorithm or key-type name chosen by how it is read ("an ES256", not "a ES256").
 */
import { describe, expect, it } from 'vitest';
import { importSecret } from '../../src/jwk/import-secret.js';
import { importJwk } from '../../src/jwk/import.js';
import { createKeySet } from '../../src/jwks/key-set.js';
import { loadKeyRing } from '../../src/keys/config.js';
import { describeValue, withArticle } from '../../src/lib/describe.js';
import { rejection, thrown } from '../helpers/errors.js';

describe('withArticle', () => {
  it.each([
    ['ES256', 'an ES256'], ['RSA', 'an RSA'], ['HMAC', 'an HMAC'], ['EdDSA', 'an EdDSA'], ['HS256', 'an HS256'],
    ['RS256', 'an RS256'], ['A128KW', 'an A128KW'], ['X25519', 'an X25519'], ['OKP', 'an OKP'], ['EC P-256 public key', 'an EC P-256 public key'],
    ['PS256', 'a PS256'], ['P-256', 'a P-256'], ['PBES2-HS256+A128KW', 'a PBES2-HS256+A128KW'], ['dir', 'a dir'],
    ['oct secret key', 'an oct secret key'], ['secret', 'a secret'], ['object', 'an object'], ['user', 'a user'], ['unknown value', 'an unknown value'],
    ['TypeError', 'a TypeError'], ['Error', 'an Error'],
  ])('%s -> %s', (phrase, expected) => {
    expect(withArticle(phrase)).toBe(expected);
  });
});

describe('describeValue', () => {
  it('counts in the singular and plural', () => {
    expect([describeValue('x'), describeValue('xy'), describeValue(new Uint8Array(1)), describeValue(new Uint8Array(2))])
      .toEqual(['a string of 1 character', 'a string of 2 characters', '1 byte', '2 bytes']);
  });
});

describe('messages built around an algorithm or key type', () => {
  it('the development key warning says "an ES256 signing key"', async () => {
    const warnings: string[] = [];
    await loadKeyRing({ env: { NODE_ENV: 'development' }, alg: 'ES256', warn: (m) => warnings.push(m) });
    expect(warnings.join('\n')).toContain('so an ES256 signing key was generated in memory');
    expect(warnings.join('\n')).not.toMatch(/\ba ES256\b/);
  });

  it('a too-short HMAC secret is "an HS256 secret"', () => {
    const err = thrown(() => importJwk({ kty: 'oct', k: 'c2hvcnQ' }, { alg: 'HS256' }));
    expect(err.message).toMatch(/^an HS256 secret must be at least 32 bytes/);
  });

  it('a key set names the key it has under a kid with the right article', async () => {
    const set = createKeySet([importSecret('x'.repeat(32), { alg: 'HS256', kid: 'k1' })]);
    const err = await rejection(async () => set.select({ alg: 'HS384', kid: 'k1' }, { use: 'sig', maxKeysTried: 3 }));
    expect(err.message).toContain('it is an oct secret key for HS256');
  });
});
