/**
 * The checks made before any key is used: parsing bounds, the allow-lists, `crit`, `zip`,
 * ECDH-ES `epk` validation (invalid-curve attacks), PBES2 `p2c`/`p2s` bounds (CVE-2022-36083),
 * and the sig/enc key binding both ways.
 */
import { p256 } from '@noble/curves/nist.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nodeJweCrypto } from '../../src/jwe/backends/node.js';
import { BACKENDS, rejection, withSegment } from './helpers.js';
import { decryptJwe } from '../../src/jwe/decrypt.js';
import { encryptJwe } from '../../src/jwe/encrypt.js';
import { importJwk } from '../../src/jwk/import.js';
import { signJws } from '../../src/jws/sign.js';
import { verifyJws } from '../../src/jws/verify.js';
import type { Jwk } from '../../src/lib/types.js';
import { jwkPair, keysFor, pairFor } from './keys.js';

const headerOf = (t: string): Record<string, unknown> => JSON.parse(Buffer.from(t.split('.')[0]!, 'base64url').toString()) as Record<string, unknown>;
const withHeader = (t: string, h: Record<string, unknown>): string => withSegment(t, 0, Buffer.from(JSON.stringify(h)).toString('base64url'));

afterEach(() => {
  vi.restoreAllMocks();
});

describe('options and allow-lists', () => {
  it('both allow-lists are required', async () => {
    const { encryptKey, decryptKey } = keysFor('A128KW', 'A128GCM');
    const jwe = await encryptJwe('x', encryptKey, { alg: 'A128KW', enc: 'A128GCM' });
    const e1 = await rejection(decryptJwe(jwe, decryptKey, { encryptionAlgorithms: ['A128GCM'] } as never));
    expect(e1.code).toBe('ERR_JOSE_INVALID_OPTION');
    expect(e1.message).toMatch(/^algorithms is required/);
    const e2 = await rejection(decryptJwe(jwe, decryptKey, { algorithms: ['A128KW'] } as never));
    expect(e2.code).toBe('ERR_JOSE_INVALID_OPTION');
    expect(e2.message).toMatch(/^encryptionAlgorithms is required/);
    const e3 = await rejection(decryptJwe(jwe, decryptKey, { algorithms: [], encryptionAlgorithms: ['A128GCM'] }));
    expect(e3.code).toBe('ERR_JOSE_INVALID_OPTION');
    const e4 = await rejection(decryptJwe(jwe, decryptKey, { algorithms: ['HS256' as 'A128KW'], encryptionAlgorithms: ['A128GCM'] }));
    expect(e4.message).toMatch(/signature algorithm/);
  });

  it('alg and enc outside the allow-lists are refused, naming what was used and what is allowed', async () => {
    const { encryptKey, decryptKey } = keysFor('A128KW', 'A128GCM');
    const jwe = await encryptJwe('x', encryptKey, { alg: 'A128KW', enc: 'A128GCM' });
    const e1 = await rejection(decryptJwe(jwe, decryptKey, { algorithms: ['A256KW', 'dir'], encryptionAlgorithms: ['A128GCM'] }));
    expect(e1.code).toBe('ERR_JOSE_ALG_NOT_ALLOWED');
    expect(e1.message).toBe('JWE alg "A128KW" is not allowed; allowed: A256KW, dir');
    const e2 = await rejection(decryptJwe(jwe, decryptKey, { algorithms: ['A128KW'], encryptionAlgorithms: ['A256GCM'] }));
    expect(e2.code).toBe('ERR_JOSE_ALG_NOT_ALLOWED');
    expect(e2.message).toBe('JWE enc "A128GCM" is not allowed; allowed: A256GCM');
  });

  it('unknown options and bad option values are programmer errors', async () => {
    const { encryptKey } = keysFor('A128KW', 'A128GCM');
    expect((await rejection(encryptJwe('x', encryptKey, { alg: 'A128KW', enc: 'A128GCM', typo: 1 } as never))).code).toBe('ERR_JOSE_INVALID_OPTION');
    expect((await rejection(encryptJwe('x', encryptKey, { alg: 'RSA1_5' as 'A128KW', enc: 'A128GCM' }))).code).toBe('ERR_JOSE_INVALID_OPTION');
    expect((await rejection(encryptJwe('x', encryptKey, { alg: 'A128KW', enc: 'A128GCM', header: { zip: 'DEF' } }))).code).toBe('ERR_JOSE_INVALID_OPTION');
    expect((await rejection(encryptJwe('x', encryptKey, { alg: 'A128KW', enc: 'A128GCM', header: { alg: 'dir' } }))).code).toBe('ERR_JOSE_INVALID_OPTION');
  });
});

describe('parsing', () => {
  it('checks the length bound before decoding anything', async () => {
    const { decryptKey } = keysFor('A128KW', 'A128GCM');
    const huge = '!'.repeat(20_000);
    const err = await rejection(decryptJwe(huge, decryptKey, { algorithms: ['A128KW'], encryptionAlgorithms: ['A128GCM'] }));
    expect(err.code).toBe('ERR_JWE_INVALID');
    expect(err.reason).toBe('length');
    expect(err.message).toContain('maxTokenLength (16384)');
  });

  it('needs exactly five strict base64url segments and a JSON object header', async () => {
    const { encryptKey, decryptKey } = keysFor('A128KW', 'A128GCM');
    const jwe = await encryptJwe('x', encryptKey, { alg: 'A128KW', enc: 'A128GCM' });
    const o = { algorithms: ['A128KW'] as ['A128KW'], encryptionAlgorithms: ['A128GCM'] as ['A128GCM'] };
    const jws = (await rejection(decryptJwe(jwe.split('.').slice(0, 3).join('.'), decryptKey, o)));
    expect(jws.code).toBe('ERR_JWE_INVALID');
    expect(jws.hint).toMatch(/JWS/);
    expect((await rejection(decryptJwe(`${jwe}.`, decryptKey, o))).code).toBe('ERR_JWE_INVALID');
    expect((await rejection(decryptJwe(withSegment(jwe, 2, `${jwe.split('.')[2]}=`), decryptKey, o))).reason).toBe('base64url');
    expect((await rejection(decryptJwe(withSegment(jwe, 0, Buffer.from('[1]').toString('base64url')), decryptKey, o))).code).toBe('ERR_JWE_INVALID');
    expect((await rejection(decryptJwe(withHeader(jwe, { enc: 'A128GCM' }), decryptKey, o))).message).toMatch(/"alg" must be a string/);
    expect((await rejection(decryptJwe(withHeader(jwe, { alg: 'A128KW', enc: 'A128GCM', n: JSON.parse('{"__proto__":{"polluted":1}}') }), decryptKey, o))).code).toBe('ERR_JWE_INVALID');
  });

  it('crit: unknown extensions are refused; ones the caller understands pass', async () => {
    const { encryptKey, decryptKey } = keysFor('A128KW', 'A128GCM');
    const jwe = await encryptJwe('x', encryptKey, { alg: 'A128KW', enc: 'A128GCM', header: { crit: ['exp'], exp: 5 } });
    const o = { algorithms: ['A128KW'] as ['A128KW'], encryptionAlgorithms: ['A128GCM'] as ['A128GCM'] };
    const err = await rejection(decryptJwe(jwe, decryptKey, o));
    expect(err.code).toBe('ERR_JWE_INVALID');
    expect(err.message).toContain('"exp"');
    expect((await decryptJwe(jwe, decryptKey, { ...o, critical: ['exp'] })).header['exp']).toBe(5);
    const registered = withHeader(jwe, { ...headerOf(jwe), crit: ['enc'] });
    expect((await rejection(decryptJwe(registered, decryptKey, { ...o, critical: ['exp'] }))).message).toMatch(/registered/);
  });

  it('zip: "DEF" is refused (decompression bombs, CVE-2024-28176)', async () => {
    const { encryptKey, decryptKey } = keysFor('A128KW', 'A128GCM');
    const jwe = await encryptJwe('x', encryptKey, { alg: 'A128KW', enc: 'A128GCM' });
    const err = await rejection(decryptJwe(withHeader(jwe, { ...headerOf(jwe), zip: 'DEF' }), decryptKey, { algorithms: ['A128KW'], encryptionAlgorithms: ['A128GCM'] }));
    expect(err.code).toBe('ERR_JOSE_NOT_SUPPORTED');
    expect(err.hint).toMatch(/CVE-2024-28176/);
  });
});

describe('ECDH-ES: the epk must be a valid point on the curve of the recipient key', () => {
  const o = { algorithms: ['ECDH-ES+A128KW'] as ['ECDH-ES+A128KW'], encryptionAlgorithms: ['A128GCM'] as ['A128GCM'] };

  async function tokenFor(crv: string) {
    const pair = pairFor(crv, 'ECDH-ES+A128KW');
    return { pair, jwe: await encryptJwe('x', pair.publicKey, { alg: 'ECDH-ES+A128KW', enc: 'A128GCM' }) };
  }

  for (const backend of ['node', 'webcrypto', 'noble'] as const) {
    it(`a point off the curve is refused before any computation (${backend})`, async () => {
      const { pair, jwe } = await tokenFor('P-256');
      const h = headerOf(jwe);
      const epk = h['epk'] as Jwk;
      const y = BigInt(`0x${Buffer.from(epk.y!, 'base64url').toString('hex')}`) + 1n;
      const offCurve = { ...epk, y: Buffer.from(y.toString(16).padStart(64, '0'), 'hex').toString('base64url') };
      expect(() => p256.Point.fromAffine({ x: BigInt(`0x${Buffer.from(epk.x!, 'base64url').toString('hex')}`), y }).assertValidity()).toThrow();
      const ecdh = vi.spyOn(BACKENDS.find((b) => b.name === backend)!, 'ecdh');
      const err = await rejection(decryptJwe(withHeader(jwe, { ...h, epk: offCurve }), pair.privateKey, { ...o, backend }));
      expect(err.code).toBe('ERR_JWE_INVALID');
      expect(err.reason).toBe('epk');
      expect(err.message).toContain('P-256');
      expect(ecdh).not.toHaveBeenCalled();
    });
  }

  it('a point on another curve (P-384 epk, P-256 key) is refused', async () => {
    const { pair, jwe } = await tokenFor('P-256');
    const other = jwkPair('P-384').publicJwk;
    const err = await rejection(decryptJwe(withHeader(jwe, { ...headerOf(jwe), epk: { kty: 'EC', crv: 'P-384', x: other.x, y: other.y } }), pair.privateKey, o));
    expect(err.code).toBe('ERR_JWE_INVALID');
    expect(err.reason).toBe('epk');
  });

  it('a P-384 point relabelled as P-256 is refused', async () => {
    const { pair, jwe } = await tokenFor('P-256');
    const other = jwkPair('P-384').publicJwk;
    const err = await rejection(decryptJwe(withHeader(jwe, { ...headerOf(jwe), epk: { kty: 'EC', crv: 'P-256', x: other.x, y: other.y } }), pair.privateKey, o));
    expect(err.code).toBe('ERR_JWE_INVALID');
  });

  it('an X25519 low-order point (all-zero shared secret) is refused', async () => {
    const pair = pairFor('X25519', 'ECDH-ES');
    const jwe = await encryptJwe('x', pair.publicKey, { alg: 'ECDH-ES', enc: 'A128GCM' });
    for (const backend of ['node', 'webcrypto', 'noble'] as const) {
      const zero = withHeader(jwe, { ...headerOf(jwe), epk: { kty: 'OKP', crv: 'X25519', x: Buffer.alloc(32).toString('base64url') } });
      const err = await rejection(decryptJwe(zero, pair.privateKey, { algorithms: ['ECDH-ES'], encryptionAlgorithms: ['A128GCM'], backend }));
      expect(err.code).toBe('ERR_JWE_DECRYPTION_FAILED');
    }
  });

  it('an epk carrying a private key, or missing, is malformed', async () => {
    const { pair, jwe } = await tokenFor('P-256');
    const h = headerOf(jwe);
    expect((await rejection(decryptJwe(withHeader(jwe, { ...h, epk: { ...(h['epk'] as object), d: 'AAAA' } }), pair.privateKey, o))).code).toBe('ERR_JWE_INVALID');
    const { epk: _drop, ...noEpk } = h;
    expect((await rejection(decryptJwe(withHeader(jwe, noEpk), pair.privateKey, o))).code).toBe('ERR_JWE_INVALID');
  });
});

describe('PBES2: p2c and p2s bounds', () => {
  const alg = 'PBES2-HS256+A128KW' as const;
  const o = { algorithms: [alg] as [typeof alg], encryptionAlgorithms: ['A128GCM'] as ['A128GCM'] };

  it('a p2c above maxPbes2Count is refused before any derivation (CVE-2022-36083)', async () => {
    const { encryptKey, decryptKey } = keysFor(alg, 'A128GCM');
    const jwe = await encryptJwe('x', encryptKey, { alg, enc: 'A128GCM', p2c: 2000 });
    const pbkdf2 = vi.spyOn(nodeJweCrypto, 'pbkdf2');
    const huge = withHeader(jwe, { ...headerOf(jwe), p2c: 2_000_000_000 });
    const err = await rejection(decryptJwe(huge, decryptKey, o));
    expect(err.code).toBe('ERR_JWE_INVALID');
    expect(err.message).toContain('exceeds the maximum of 310000');
    expect(pbkdf2).not.toHaveBeenCalled();
    expect((await rejection(decryptJwe(jwe, decryptKey, { ...o, maxPbes2Count: 1999 }))).reason).toBe('p2c');
    expect(pbkdf2).not.toHaveBeenCalled();
    expect(new TextDecoder().decode((await decryptJwe(jwe, decryptKey, { ...o, maxPbes2Count: 2000 })).plaintext)).toBe('x');
    expect(pbkdf2).toHaveBeenCalledTimes(1);
  });

  it('p2s must be at least 8 bytes; p2c must be a positive integer', async () => {
    const { encryptKey, decryptKey } = keysFor(alg, 'A128GCM');
    const jwe = await encryptJwe('x', encryptKey, { alg, enc: 'A128GCM', p2c: 1000 });
    const h = headerOf(jwe);
    expect(Buffer.from(h['p2s'] as string, 'base64url').length).toBeGreaterThanOrEqual(8);
    expect((await rejection(decryptJwe(withHeader(jwe, { ...h, p2s: 'AAAAAAAAAA' }), decryptKey, o))).reason).toBe('p2s');
    for (const p2c of [0, -1, 1.5, '1000']) {
      expect((await rejection(decryptJwe(withHeader(jwe, { ...h, p2c }), decryptKey, o))).reason).toBe('p2c');
    }
  });

  it('encrypting needs p2c of at least 1000', async () => {
    const { encryptKey } = keysFor(alg, 'A128GCM');
    expect((await rejection(encryptJwe('x', encryptKey, { alg, enc: 'A128GCM', p2c: 999 }))).code).toBe('ERR_JOSE_INVALID_OPTION');
    expect(headerOf(await encryptJwe('x', encryptKey, { alg, enc: 'A128GCM', p2c: 1000 }))['p2c']).toBe(1000);
  });
});

describe('a key bound to key management never signs, a signing key never encrypts', () => {
  it('an RSA-OAEP key cannot sign or verify a JWS', async () => {
    const enc = pairFor('rsa', 'RSA-OAEP-256');
    const signErr = await rejection(async () => signJws('x', enc.privateKey, { alg: 'RS256' }));
    expect(signErr.code).toBe('ERR_JWK_INVALID');
    const sigKey = importJwk(jwkPair('rsa').privateJwk, { alg: 'RS256' });
    const jws = await signJws('x', sigKey, { alg: 'RS256' });
    const verifyErr = await rejection(async () => verifyJws(jws, enc.publicKey, { algorithms: ['RS256'] }));
    expect(['ERR_JWK_INVALID', 'ERR_JWKS_NO_MATCHING_KEY', 'ERR_JOSE_ALG_NOT_ALLOWED']).toContain(verifyErr.code);
  });

  it('a signing key cannot encrypt or decrypt a JWE', async () => {
    const sigPair = jwkPair('rsa');
    const sig = importJwk(sigPair.publicJwk, { alg: 'RS256' });
    const err = await rejection(encryptJwe('x', sig, { alg: 'RSA-OAEP-256', enc: 'A128GCM' }));
    expect(err.code).toBe('ERR_JWK_INVALID');
    expect(err.message).toContain('RSA-OAEP-256');
    const enc = pairFor('rsa', 'RSA-OAEP-256');
    const jwe = await encryptJwe('x', enc.publicKey, { alg: 'RSA-OAEP-256', enc: 'A128GCM' });
    const sigPriv = importJwk(sigPair.privateJwk, { alg: 'RS256' });
    const dErr = await rejection(decryptJwe(jwe, sigPriv, { algorithms: ['RSA-OAEP-256'], encryptionAlgorithms: ['A128GCM'] }));
    expect(dErr.code).toBe('ERR_JWKS_NO_MATCHING_KEY');
  });

  it('a key bound to one key-management alg is refused for another, and a public key cannot decrypt', async () => {
    const oaep1 = pairFor('rsa', 'RSA-OAEP');
    const oaep256 = pairFor('rsa', 'RSA-OAEP-256');
    const jwe = await encryptJwe('x', oaep1.publicKey, { alg: 'RSA-OAEP', enc: 'A128GCM' });
    const o = { algorithms: ['RSA-OAEP'] as ['RSA-OAEP'], encryptionAlgorithms: ['A128GCM'] as ['A128GCM'] };
    expect((await rejection(decryptJwe(jwe, oaep256.privateKey, o))).code).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect((await rejection(decryptJwe(jwe, oaep1.publicKey, o))).code).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect((await rejection(encryptJwe('x', oaep1.publicKey, { alg: 'RSA-OAEP-256', enc: 'A128GCM' }))).code).toBe('ERR_JWK_INVALID');
  });

  it('error messages never contain key material', async () => {
    const { decryptKey, jwk } = keysFor('A256KW', 'A256GCM');
    const other = keysFor('A256KW', 'A256GCM');
    const jwe = await encryptJwe('x', other.encryptKey, { alg: 'A256KW', enc: 'A256GCM' });
    const err = await rejection(decryptJwe(jwe, decryptKey, { algorithms: ['A256KW'], encryptionAlgorithms: ['A256GCM'] }));
    expect(JSON.stringify({ m: err.message, h: err.hint })).not.toContain(jwk.k!.slice(0, 10));
  });
});
