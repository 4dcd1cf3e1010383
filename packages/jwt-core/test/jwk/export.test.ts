import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { exportJwk } from '../../src/jwk/export.js';
import { markNonExtractable } from '../../src/jwk/extractable.js';
import { importJwk } from '../../src/jwk/import.js';
import type { Key } from '../../src/jwk/key.js';
import { nodePair, thrown, vectorFile } from './keys.js';

const PRIVATE = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'];

describe('exportJwk', () => {
  it.each(['rsa-2048', 'ec-P-256', 'ec-P-521', 'ed25519', 'x25519'])('exports only public members by default (%s)', (spec) => {
    const { privateJwk, publicJwk } = nodePair(spec);
    const out = exportJwk(importJwk(privateJwk, { kid: 'k1' }));
    for (const m of PRIVATE) expect(out).not.toHaveProperty(m);
    expect(out).toMatchObject({ ...publicJwk, kid: 'k1' });
  });

  it('includes use, kid and alg when bound to one', () => {
    const { publicJwk } = nodePair('rsa-2048');
    expect(exportJwk(importJwk(publicJwk, { alg: 'PS256', kid: 'k' }))).toEqual({ ...publicJwk, use: 'sig', alg: 'PS256', kid: 'k' });
    const family = exportJwk(importJwk(publicJwk));
    expect(family.alg).toBeUndefined();
    expect(family.use).toBe('sig');
  });

  it('exports private members only with { private: true }', () => {
    const { privateJwk } = nodePair('rsa-2048');
    const out = exportJwk(importJwk(privateJwk), { private: true });
    for (const m of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(out[m]).toBe(privateJwk[m]);
  });

  it('refuses to export a secret key without { private: true }', () => {
    const k = randomBytes(32).toString('base64url');
    const key = importJwk({ kty: 'oct', k }, { alg: 'HS256' });
    const err = thrown(() => exportJwk(key));
    expect(err.code).toBe('ERR_JWK_INVALID');
    expect(err.message).toBe('a secret key has no public part; pass { private: true }');
    expect(exportJwk(key, { private: true })).toEqual({ kty: 'oct', k, use: 'sig', alg: 'HS256' });
  });

  it('refuses the private part of a non-extractable key, but exports its public part', () => {
    const key = markNonExtractable(importJwk(nodePair('ec-P-256').privateJwk));
    expect(thrown(() => exportJwk(key, { private: true })).message).toMatch(/extractable: false/);
    expect(exportJwk(key).x).toBeDefined();
  });

  it('refuses values that are not keys', () => {
    expect(thrown(() => exportJwk({ kty: 'oct', k: 'AAAA' } as unknown as Key)).code).toBe('ERR_JWK_INVALID');
  });

  it.each(['3_2.ec_private_key', '3_4.rsa_private_key', '3_5.symmetric_key_mac_computation', '3_6.symmetric_key_encryption'])(
    'round-trips RFC 7520 %s through importJwk(exportJwk(key))', (name) => {
      const jwk = vectorFile(`rfc7520-cookbook/${name}.json`).cases[0]!.input.key;
      const key = importJwk(jwk);
      const again = importJwk(exportJwk(key, { private: true }));
      expect(exportJwk(again, { private: true })).toEqual(exportJwk(key, { private: true }));
      expect(again).toMatchObject({ kid: key.kid, use: key.use, algorithms: key.algorithms, type: key.type });
      if (key.type !== 'secret') expect(importJwk(exportJwk(key)).type).toBe('public');
    });
});
