/**
 * Behaviour behind test/lib/hints.node.test.ts: a sample of failing calls across the public API,
 * each refused with a JoseError whose hint (the likely fix) is a non-empty string.
 */
import { describe, expect, it } from 'vitest';
import { decryptJwe } from '../../src/jwe/decrypt.js';
import { encryptJwe } from '../../src/jwe/encrypt.js';
import { exportJwk } from '../../src/jwk/export.js';
import { generateKeyPair, generateSecret } from '../../src/jwk/generate.js';
import { importSecret } from '../../src/jwk/import-secret.js';
import { importJwk } from '../../src/jwk/import.js';
import { importPem } from '../../src/jwk/pem.js';
import { thumbprint } from '../../src/jwk/thumbprint.js';
import { createKeySet } from '../../src/jwks/key-set.js';
import { createKeyRing } from '../../src/jwks/key-ring.js';
import { signJws } from '../../src/jws/sign.js';
import { verifyJws } from '../../src/jws/verify.js';
import { createSigner } from '../../src/jwt/create-signer.js';
import { createVerifier } from '../../src/jwt/create-verifier.js';
import { decodeJwt } from '../../src/jwt/decode.js';
import { decryptJwt } from '../../src/jwt/decrypt.js';
import { signJwt } from '../../src/jwt/sign.js';
import { verifyJwt } from '../../src/jwt/verify.js';
import { loadKeyRing } from '../../src/keys/config.js';
import { rejection } from '../helpers/errors.js';

const hmac = importSecret('a-secret-of-at-least-32-characters!', { alg: 'HS256' });
const otherHmac = importSecret('another-secret-of-32-characters!!', { alg: 'HS256' });
const kw = importSecret(new Uint8Array(16), { alg: 'A128KW' });
const JWE = { algorithms: ['A128KW'] as ['A128KW'], encryptionAlgorithms: ['A128GCM'] as ['A128GCM'] };
const jws = signJwt({ sub: 'u' }, hmac, { alg: 'HS256', expiresIn: '5m' });
const expired = signJwt({ sub: 'u' }, hmac, { alg: 'HS256', expiresIn: 60, currentDate: new Date('2020-01-01T00:00:00Z') });

const FAILURES: ReadonlyArray<readonly [string, () => unknown]> = [
  ['encryptJwe of an object (not a string or bytes)', () => encryptJwe({ a: 1 } as never, kw, { alg: 'A128KW', enc: 'A128GCM' })],
  ['encryptJwe with a signing key', () => encryptJwe('x', hmac, { alg: 'A128KW', enc: 'A128GCM' })],
  ['encryptJwe with a string as key', () => encryptJwe('x', 'secret' as never, { alg: 'A128KW', enc: 'A128GCM' })],
  ['encryptJwe with apu for AES key wrap', () => encryptJwe('x', kw, { alg: 'A128KW', enc: 'A128GCM', apu: new Uint8Array(1) })],
  ['decryptJwe of garbage', () => decryptJwe('garbage', kw, JWE)],
  ['decryptJwe with another key', async () => decryptJwe(await encryptJwe('x', kw, { alg: 'A128KW', enc: 'A128GCM' }), importSecret(new Uint8Array(16).fill(1), { alg: 'A128KW' }), JWE)],
  ['decryptJwt of garbage', () => decryptJwt('a.b.c.d.e', kw, JWE)],
  ['verifyJwt of garbage', () => verifyJwt('garbage', hmac, { algorithms: ['HS256'] })],
  ['verifyJwt of a token with a bad signature', async () => verifyJwt(await jws, otherHmac, { algorithms: ['HS256'] })],
  ['verifyJwt of an expired token', async () => verifyJwt(await expired, hmac, { algorithms: ['HS256'] })],
  ['verifyJwt with a wrong issuer', async () => verifyJwt(await jws, hmac, { algorithms: ['HS256'], issuer: 'https://other.example' })],
  ['verifyJwt without algorithms', async () => verifyJwt(await jws, hmac, {} as never)],
  ['verifyJwt with an empty key', async () => verifyJwt(await jws, '' as never, { algorithms: ['HS256'] })],
  ['verifyJwt with a bad clockTolerance', async () => verifyJwt(await jws, hmac, { algorithms: ['HS256'], clockTolerance: 'soon' })],
  ['verifyJwt with a bad currentDate', async () => verifyJwt(await jws, hmac, { algorithms: ['HS256'], currentDate: new Date('x') })],
  ['verifyJws with a disallowed alg', async () => verifyJws(await jws, hmac, { algorithms: ['ES256'] })],
  ['decodeJwt of garbage', () => decodeJwt('garbage')],
  ['signJwt with alg none', () => signJwt({}, hmac, { alg: 'none' as never })],
  ['signJwt with a claim set twice', () => signJwt({ iss: 'a' }, hmac, { alg: 'HS256', issuer: 'b' })],
  ['signJwt with a bad audience', () => signJwt({}, hmac, { alg: 'HS256', audience: [] })],
  ['signJws of an object payload', () => signJws({ a: 1 } as never, hmac, { alg: 'HS256' })],
  ['signJws with header.alg', () => signJws('x', hmac, { alg: 'HS256', header: { alg: 'none' } })],
  ['createSigner without options', () => createSigner(null as never)],
  ['createVerifier with a bad revoked option', () => createVerifier({ keys: hmac, algorithms: ['HS256'], revoked: true as never })],
  ['importJwk of junk', () => importJwk({ kty: 'junk' } as never)],
  ['importJwk of a string', () => importJwk('{"kty":"oct"}' as never)],
  ['importJwk with a bad use', () => importJwk({ kty: 'oct', k: 'a'.repeat(43) }, { alg: 'HS256', use: 'both' as never })],
  ['importSecret of a short secret', () => importSecret('short', { alg: 'HS256' })],
  ['importSecret with a bad encoding', () => importSecret('a'.repeat(40), { alg: 'HS256', encoding: 'hex' as never })],
  ['importPem of junk', () => importPem('not a pem', { alg: 'ES256' })],
  ['exportJwk of a secret without private', () => exportJwk(hmac)],
  ['thumbprint with a bad hash', () => thumbprint(hmac, 'MD5' as never)],
  ['generateKeyPair for HS256', () => generateKeyPair('HS256')],
  ['generateKeyPair with crv for RSA', () => generateKeyPair('RS256', { crv: 'P-256' } as never)],
  ['generateSecret for dir', () => generateSecret('dir')],
  ['createKeySet of nothing', () => createKeySet([])],
  ['createKeySet with maxKeys 0', () => createKeySet([hmac], { maxKeys: 0 })],
  ['createKeyRing with a string key', () => createKeyRing({ signing: 'secret' as never })],
  ['loadKeyRing with a malformed JWK variable', () => loadKeyRing({ env: { NODE_ENV: 'test', TESSERA_SIGNING_KEY: '{"kty":' }, alg: 'ES256' })],
];

describe('every refusal carries a hint', () => {
  it.each(FAILURES)('%s', async (_name, call) => {
    const err = await rejection(call);
    expect(typeof err.hint, `${err.code}: ${err.message}`).toBe('string');
    expect(err.hint!.trim().length, `${err.code}: ${err.message}`).toBeGreaterThan(0);
  });
});
