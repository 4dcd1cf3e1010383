/**
 * createKeyRing: kids, publication, and a rotation under way across instances that are updated
 * one after the other. Keys come from node:crypto (test side) through importJwk.
 */
import { randomBytes } from 'node:crypto';
import { generateKeyObjects } from '../helpers/keygen.js';
import { describe, expect, it } from 'vitest';
import { importJwk } from '../../src/jwk/import.js';
import { importSecret } from '../../src/jwk/import-secret.js';
import type { Key } from '../../src/jwk/key.js';
import type { Jwk } from '../../src/lib/types.js';
import { thumbprint } from '../../src/jwk/thumbprint.js';
import { createKeyRing } from '../../src/jwks/key-ring.js';
import { signJwt } from '../../src/jwt/sign.js';
import { verifyJwt } from '../../src/jwt/verify.js';
import { rejection, SIG } from './remote-helpers.js';

function es256(kid?: string): { privateKey: Key; publicKey: Key; publicJwk: Jwk } {
  const { privateKey } = generateKeyObjects('ec', { namedCurve: 'P-256' });
  const jwk = privateKey.export({ format: 'jwk' }) as Jwk;
  const publicJwk: Jwk = { kty: 'EC', crv: jwk.crv, x: jwk.x, y: jwk.y };
  const opts = kid === undefined ? { alg: 'ES256' as const } : { alg: 'ES256' as const, kid };
  return { privateKey: importJwk(jwk, opts), publicKey: importJwk(publicJwk, opts), publicJwk };
}

const VERIFY = { algorithms: ['ES256'] as const };

describe('createKeyRing', () => {
  it('gives each key without a kid its RFC 7638 thumbprint, and keeps explicit kids', () => {
    const a = es256();
    const b = es256('b-2026-11');
    const ring = createKeyRing({ signing: a.privateKey, verifyOnly: [b.publicKey] });
    expect(ring.signingKey.kid).toBe(thumbprint(a.publicJwk));
    expect(ring.signingKey.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(ring.verifyOnly[0]!.kid).toBe('b-2026-11');
    expect(ring.keys.map((k) => k.kid)).toEqual([thumbprint(a.publicJwk), 'b-2026-11']);
    // The same key gets the same kid on every instance.
    expect(createKeyRing({ signing: a.privateKey }).signingKey.kid).toBe(ring.signingKey.kid);
  });

  it('jwks() publishes the public parts of the signing and verify-only keys only', () => {
    const a = es256('a');
    const b = es256('b');
    const ring = createKeyRing({ signing: a.privateKey, verifyOnly: [b.privateKey] });
    const doc = ring.jwks();
    expect(doc.keys.map((k) => k.kid)).toEqual(['a', 'b']);
    for (const k of doc.keys) {
      expect(k).not.toHaveProperty('d');
      expect(k.kty).toBe('EC');
    }
    const secret = importSecret(randomBytes(32), { alg: 'HS256', kid: 's1' });
    const hmac = createKeyRing({ signing: secret });
    expect(hmac.jwks().keys).toEqual([]);
    expect(JSON.stringify(hmac.jwks())).not.toContain('"k"');
  });

  it('signs with signingKey and selects by kid', async () => {
    const a = es256('a');
    const ring = createKeyRing({ signing: a.privateKey });
    const token = await signJwt({ sub: 'u1' }, ring.signingKey, { alg: 'ES256', expiresIn: '15m' });
    const { header, payload, key } = await verifyJwt(token, ring, { ...VERIFY });
    expect(header.kid).toBe('a');
    expect(payload.sub).toBe('u1');
    expect(key.kid).toBe('a');
  });

  it('rotation under way: old and new tokens verify during the overlap, old ones fail as retired afterwards', async () => {
    const old = es256();
    const next = es256();
    const oldKid = thumbprint(old.publicJwk);

    // Step 0: every instance signs with the old key.
    const before = createKeyRing({ signing: old.privateKey });
    const oldToken = await signJwt({ sub: 'alice' }, before.signingKey, { alg: 'ES256', expiresIn: '1h' });

    // Step 1: the next key is added as verify-only everywhere (instances still sign with the old one).
    const step1 = createKeyRing({ signing: old.privateKey, verifyOnly: [next.publicKey] });
    expect((await verifyJwt(oldToken, step1, { ...VERIFY })).payload.sub).toBe('alice');

    // Step 2: promoted on a first instance; other instances still run step 1.
    const step2 = createKeyRing({ signing: next.privateKey, verifyOnly: [old.publicKey] });
    const newToken = await signJwt({ sub: 'bob' }, step2.signingKey, { alg: 'ES256', expiresIn: '1h' });
    for (const ring of [step1, step2]) {
      expect((await verifyJwt(oldToken, ring, { ...VERIFY })).payload.sub).toBe('alice');
      expect((await verifyJwt(newToken, ring, { ...VERIFY })).payload.sub).toBe('bob');
    }
    // Skipping step 1 is what breaks rotations: an instance that never heard of the next key.
    const skipped = await rejection(verifyJwt(newToken, before, { ...VERIFY }));
    expect(skipped.code).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(skipped.message).toContain(thumbprint(next.publicJwk));

    // Step 3: after the longest token lifetime, the old key is retired.
    const step3 = createKeyRing({ signing: next.privateKey, retired: [{ kid: oldKid, retiredAt: '2026-11-22T10:00:00Z' }] });
    expect((await verifyJwt(newToken, step3, { ...VERIFY })).payload.sub).toBe('bob');
    const err = await rejection(verifyJwt(oldToken, step3, { ...VERIFY }));
    expect(err.code).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(err.message).toContain(`the key with kid '${oldKid}' was retired at 2026-11-22T10:00:00Z`);
    expect(err.message).toContain(`active kids: ${thumbprint(next.publicJwk)}`);
    expect(err.kid).toBe(oldKid);
    expect(err.reason).toBe('retired');
    expect(err.hint).toMatch(/sign in again/);
    expect(step3.jwks().keys.map((k) => k.kid)).toEqual([thumbprint(next.publicJwk)]);
  });

  it('retired keys are never selected, whether given as key, kid or { kid }', () => {
    const a = es256('a');
    const b = es256('b');
    const c = es256('c');
    const ring = createKeyRing({ signing: a.privateKey, retired: [b.publicKey, 'c', { kid: 'd' }] });
    for (const kid of ['b', 'c', 'd']) {
      expect(() => ring.select({ alg: 'ES256', kid }, SIG)).toThrow(/was retired; tokens it signed are no longer accepted/);
    }
    expect(ring.keys.map((k) => k.kid)).toEqual(['a']);
    void c;
  });

  it('an unknown kid names the kid and the known kids', async () => {
    const ring = createKeyRing({ signing: es256('a').privateKey, verifyOnly: [es256('b').publicKey] });
    const err = await rejection(Promise.resolve().then(() => ring.select({ alg: 'ES256', kid: 'zz' }, SIG)));
    expect(err.code).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(err.message).toContain("'zz'");
    expect(err.message).toMatch(/a, b/);
  });

  it('refuses a public signing key, duplicate kids, a kid both active and retired, and non-keys', () => {
    const a = es256('a');
    expect(() => createKeyRing({ signing: a.publicKey })).toThrow(/public key; signing needs the private key/);
    expect(() => createKeyRing({ signing: a.privateKey, verifyOnly: [a.publicKey] })).toThrow(/verifyOnly\[0\] has the kid 'a', which signing already has/);
    expect(() => createKeyRing({ signing: a.privateKey, retired: ['a'] })).toThrow(/both retired and active/);
    expect(() => createKeyRing({ signing: 'secret' as never })).toThrow(expect.objectContaining({ code: 'ERR_JOSE_INVALID_OPTION' }));
    expect(() => createKeyRing({ signing: a.privateKey, retired: [{ kid: 'x', retiredAt: 'not a date' }] })).toThrow(/retiredAt/);
  });

  it('works with HMAC secrets (kid = thumbprint of the secret, identical on issuer and verifier)', async () => {
    const bytes = randomBytes(32);
    const issuer = createKeyRing({ signing: importSecret(bytes, { alg: 'HS256' }) });
    const verifier = createKeyRing({ signing: importSecret(bytes, { alg: 'HS256' }) });
    const token = await signJwt({ sub: 'u' }, issuer.signingKey, { alg: 'HS256' });
    expect((await verifyJwt(token, verifier, { algorithms: ['HS256'] })).payload.sub).toBe('u');
  });
});
