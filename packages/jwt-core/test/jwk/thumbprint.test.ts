import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { importJwk } from '../../src/jwk/import.js';
import { canonicalJwk, thumbprint } from '../../src/jwk/thumbprint.js';
import type { Jwk } from '../../src/lib/types.js';
import { nodePair, thrown, vectorFile } from './keys.js';

describe('thumbprint (RFC 7638)', () => {
  const rfc7638 = vectorFile('rfc7638.json').cases[0]!;
  const rfc8037 = vectorFile('rfc8037.json').cases.find((c) => c.id === 'rfc8037-A.3')!;

  it.each([['RFC 7638 §3.1', rfc7638], ['RFC 8037 A.3', rfc8037]])('matches %s', (_name, c) => {
    const expected = c.expected as { canonical_json: string; thumbprint_b64u: string };
    expect(canonicalJwk(c.input.key)).toBe(expected.canonical_json);
    expect(thumbprint(c.input.key)).toBe(expected.thumbprint_b64u);
    expect(thumbprint(importJwk(c.input.key))).toBe(expected.thumbprint_b64u);
  });

  it('ignores optional and private members: a private key and its public key share one thumbprint', () => {
    const { privateJwk, publicJwk } = nodePair('ec-P-256');
    const t = thumbprint(publicJwk);
    expect(thumbprint(privateJwk)).toBe(t);
    expect(thumbprint({ ...publicJwk, kid: 'x', alg: 'ES256', use: 'sig' })).toBe(t);
    expect(thumbprint(importJwk(privateJwk, { kid: 'other' }))).toBe(t);
  });

  it('supports SHA-384 and SHA-512', () => {
    const key = rfc7638.input.key;
    const json = (rfc7638.expected as { canonical_json: string }).canonical_json;
    expect(thumbprint(key, 'SHA-384')).toBe(createHash('sha384').update(json).digest('base64url'));
    expect(thumbprint(key, 'SHA-512')).toBe(createHash('sha512').update(json).digest('base64url'));
    expect(thrown(() => thumbprint(key, 'MD5' as 'SHA-256')).code).toBe('ERR_JOSE_INVALID_OPTION');
  });

  it('covers oct keys with their required members', () => {
    expect(canonicalJwk({ kty: 'oct', k: 'AAAA', kid: 'x' })).toBe('{"k":"AAAA","kty":"oct"}');
  });

  it('refuses incomplete JWKs and unknown key types', () => {
    expect(thrown(() => thumbprint({ kty: 'RSA', n: 'AQAB' } as Jwk)).message).toMatch(/"e"/);
    expect(thrown(() => thumbprint({ kty: 'EC', crv: 'P-256', x: 'a+b', y: 'AA' } as Jwk)).code).toBe('ERR_JWK_INVALID');
    expect(thrown(() => thumbprint({ kty: 'AKP' } as Jwk)).code).toBe('ERR_JOSE_NOT_SUPPORTED');
    expect(thrown(() => thumbprint(null as unknown as Jwk)).code).toBe('ERR_JWK_INVALID');
  });
});
