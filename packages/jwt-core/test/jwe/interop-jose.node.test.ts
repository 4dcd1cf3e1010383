/**
 * Interop with `jose` (panva/jose, devDependency) in both directions, for every alg/enc pair:
 * JWEs made by jose decrypt with the core, and the core's JWEs decrypt with jose. ECDH-ES runs
 * every alg/enc pair on P-256, and every curve (P-384, P-521, X25519) with one enc per alg.
 * Node-only: jose picks its runtime build by environment.
 */
import { CompactEncrypt, compactDecrypt, importJWK, jwtVerify, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { decryptJwe } from '../../src/jwe/decrypt.js';
import { encryptJwe } from '../../src/jwe/encrypt.js';
import { importJwk } from '../../src/jwk/import.js';
import type { Key } from '../../src/jwk/key.js';
import { signJwt } from '../../src/jwt/sign.js';
import { verifyJwt } from '../../src/jwt/verify.js';
import type { Jwk } from '../../src/lib/types.js';
import type { JweContentAlgorithm, JweKeyAlgorithm } from '../../src/lib/algorithms.js';
import { text } from './helpers.js';
import { keysFor, pairFor } from './keys.js';

const ENCS: JweContentAlgorithm[] = ['A128CBC-HS256', 'A192CBC-HS384', 'A256CBC-HS512', 'A128GCM', 'A192GCM', 'A256GCM'];
const ALGS: JweKeyAlgorithm[] = [
  'RSA-OAEP', 'RSA-OAEP-256', 'RSA-OAEP-384', 'RSA-OAEP-512', 'A128KW', 'A192KW', 'A256KW', 'dir',
  'ECDH-ES', 'ECDH-ES+A128KW', 'ECDH-ES+A192KW', 'ECDH-ES+A256KW', 'A128GCMKW', 'A192GCMKW', 'A256GCMKW',
  'PBES2-HS256+A128KW', 'PBES2-HS384+A192KW', 'PBES2-HS512+A256KW',
];
const MESSAGE = 'interop: jose <-> tessera ✓';
const P2C = 1000;

interface Setup { ours: { enc: Key; dec: Key }; jose: { enc: unknown; dec: unknown } }

async function setup(alg: JweKeyAlgorithm, enc: JweContentAlgorithm, crv = 'P-256'): Promise<Setup> {
  if (alg.startsWith('ECDH-ES') || alg.startsWith('RSA-OAEP')) {
    const p = pairFor(alg.startsWith('RSA') ? 'rsa' : crv, alg);
    return {
      ours: { enc: p.publicKey, dec: p.privateKey },
      jose: { enc: await importJWK(p.publicJwk as never, alg), dec: await importJWK(p.privateJwk as never, alg) },
    };
  }
  const k = keysFor(alg, enc);
  // jose takes raw bytes for symmetric keys and PBES2 passwords.
  return { ours: { enc: k.encryptKey, dec: k.decryptKey }, jose: { enc: k.secret!, dec: k.secret! } };
}

async function bothWays(alg: JweKeyAlgorithm, enc: JweContentAlgorithm, crv?: string): Promise<void> {
  const s = await setup(alg, enc, crv);
  // jose -> tessera
  const fromJose = await new CompactEncrypt(new TextEncoder().encode(MESSAGE))
    .setProtectedHeader({ alg, enc })
    .setKeyManagementParameters(alg.startsWith('PBES2') ? { p2c: P2C } : {})
    .encrypt(s.jose.enc as never);
  const ours = await decryptJwe(fromJose, s.ours.dec, { algorithms: [alg], encryptionAlgorithms: [enc] });
  expect(text(ours.plaintext)).toBe(MESSAGE);
  // tessera -> jose
  const fromUs = await encryptJwe(MESSAGE, s.ours.enc, { alg, enc, p2c: P2C });
  const theirs = await compactDecrypt(fromUs, s.jose.dec as never, { keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: [enc] });
  expect(text(theirs.plaintext)).toBe(MESSAGE);
  expect(theirs.protectedHeader).toMatchObject({ alg, enc });
}

describe('interop with jose, both directions', () => {
  for (const alg of ALGS) {
    it(`${alg} with every enc`, async () => {
      for (const enc of ENCS) await bothWays(alg, enc);
    }, 60_000);
  }
  for (const crv of ['P-384', 'P-521', 'X25519']) {
    it(`ECDH-ES family on ${crv}`, async () => {
      for (const alg of ALGS.filter((a) => a.startsWith('ECDH-ES'))) await bothWays(alg, 'A256GCM', crv);
    }, 60_000);
  }

  it('jose refuses what the core refuses to make: no RSA1_5 either way', async () => {
    const { publicJwk } = pairFor('rsa', 'RSA-OAEP');
    const joseKey = await importJWK(publicJwk as never, 'RSA-OAEP');
    const legacy = await new CompactEncrypt(new Uint8Array([1])).setProtectedHeader({ alg: 'RSA1_5', enc: 'A128GCM' }).encrypt(joseKey as never).catch((e: Error) => e);
    // jose 6 itself no longer makes RSA1_5 tokens; either way the core must not accept one.
    if (typeof legacy === 'string') {
      const { privateKey } = pairFor('rsa', 'RSA-OAEP');
      await expect(decryptJwe(legacy, privateKey, { algorithms: ['RSA-OAEP'], encryptionAlgorithms: ['A128GCM'] })).rejects.toMatchObject({ code: 'ERR_JOSE_ALG_NOT_ALLOWED' });
    } else {
      expect(legacy).toBeInstanceOf(Error);
    }
    expect((publicJwk as Jwk).kty).toBe('RSA');
  });
});

describe('nested JWTs with jose, both directions', () => {
  it('jose signs then encrypts (cty JWT); the core decrypts and verifies; and the reverse', async () => {
    const sig = pairFor('P-256', 'ECDH-ES'); // only its JWKs: re-imported below for ES256
    const sigPriv = importJwk(sig.privateJwk, { alg: 'ES256' });
    const sigPub = importJwk(sig.publicJwk, { alg: 'ES256' });
    const enc = pairFor('rsa', 'RSA-OAEP-256');
    const joseSig = await importJWK(sig.privateJwk as never, 'ES256');
    const joseEnc = await importJWK(enc.publicJwk as never, 'RSA-OAEP-256');

    const inner = await new SignJWT({ sub: 'from-jose' }).setProtectedHeader({ alg: 'ES256', typ: 'JWT' }).setExpirationTime('5m').sign(joseSig as never);
    const nested = await new CompactEncrypt(new TextEncoder().encode(inner)).setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM', cty: 'JWT' }).encrypt(joseEnc as never);
    const ours = await verifyJwt(nested, sigPub, { algorithms: ['ES256'], decrypt: { keys: enc.privateKey, algorithms: ['RSA-OAEP-256'], encryptionAlgorithms: ['A256GCM'] } });
    expect(ours.payload.sub).toBe('from-jose');

    const fromUs = await signJwt({ sub: 'from-core' }, sigPriv, { alg: 'ES256', expiresIn: '5m', encrypt: { key: enc.publicKey, alg: 'RSA-OAEP-256', enc: 'A256GCM' } });
    const outer = await compactDecrypt(fromUs, await importJWK(enc.privateJwk as never, 'RSA-OAEP-256') as never, { keyManagementAlgorithms: ['RSA-OAEP-256'], contentEncryptionAlgorithms: ['A256GCM'] });
    expect(outer.protectedHeader.cty).toBe('JWT');
    const verified = await jwtVerify(text(outer.plaintext), await importJWK(sig.publicJwk as never, 'ES256') as never, { algorithms: ['ES256'] });
    expect(verified.payload.sub).toBe('from-core');
  });
});
