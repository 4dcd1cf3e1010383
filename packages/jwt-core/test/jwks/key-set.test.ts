import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { importJwk } from '../../src/jwk/import.js';
import type { Jwk } from '../../src/lib/types.js';
import { createKeySet } from '../../src/jwks/key-set.js';
import { resolveKeys } from '../../src/jwks/select.js';
import { nodePair, thrown, vectorFile } from '../jwk/keys.js';

const sig = { use: 'sig', maxKeysTried: 3 } as const;
const secretJwk = (kid: string): Jwk => ({ kty: 'oct', k: randomBytes(32).toString('base64url'), kid });

describe('createKeySet: input', () => {
  it('accepts keys, JWKs and a JWKS document', () => {
    const ec = nodePair('ec-P-256').publicJwk;
    expect(createKeySet([importJwk(ec, { kid: 'a' })]).keys).toHaveLength(1);
    expect(createKeySet([{ ...ec, kid: 'a' }]).keys[0]!.kid).toBe('a');
    const doc = { keys: ['3_1.ec_public_key', '3_3.rsa_public_key'].map((n) => vectorFile(`rfc7520-cookbook/${n}.json`).cases[0]!.input.key) };
    const set = createKeySet(doc);
    expect(set.keys.map((k) => k.kty)).toEqual(['EC', 'RSA']);
  });

  it('names the position and kid of a key that does not import', () => {
    const weak = { ...nodePair('rsa-1024').publicJwk, kid: 'old' };
    const err = thrown(() => createKeySet([nodePair('ec-P-256').publicJwk, weak]));
    expect(err.code).toBe('ERR_JWK_INVALID');
    expect(err.message).toBe("key #2 (kid 'old') of the set: RSA keys must be at least 2048 bits; this one is 1024 bits");
  });

  it('refuses empty, malformed and oversized sets', () => {
    expect(thrown(() => createKeySet([])).code).toBe('ERR_JWKS_INVALID');
    expect(thrown(() => createKeySet({} as { keys: Jwk[] })).code).toBe('ERR_JWKS_INVALID');
    expect(thrown(() => createKeySet('{"keys":[]}' as unknown as Jwk[])).code).toBe('ERR_JWKS_INVALID');
    const many = Array.from({ length: 101 }, (_, i) => secretJwk(`k${i}`));
    const err = thrown(() => createKeySet(many));
    expect(err.code).toBe('ERR_JWKS_INVALID');
    expect(err.message).toBe('the key set has 101 keys; at most 100 are accepted');
    expect(thrown(() => createKeySet(many.slice(0, 3), { maxKeys: 2 })).code).toBe('ERR_JWKS_INVALID');
    expect(createKeySet(many.slice(0, 100)).keys).toHaveLength(100);
    expect(thrown(() => createKeySet(many.slice(0, 1), { maxKeys: 0 })).code).toBe('ERR_JOSE_INVALID_OPTION');
  });
});

describe('createKeySet: jwks()', () => {
  it('publishes public members only and never secret keys', () => {
    const rsa = nodePair('rsa-2048');
    const ec = nodePair('ec-P-384');
    const secret = secretJwk('hmac');
    const set = createKeySet([{ ...rsa.privateJwk, kid: 'r' }, { ...ec.privateJwk, kid: 'e' }, secret]);
    const published = set.jwks();
    expect(published.keys.map((k) => k.kid)).toEqual(['r', 'e']);
    const text = JSON.stringify(published);
    for (const m of ['"d"', '"p"', '"q"', '"dp"', '"dq"', '"qi"', '"k"']) expect(text).not.toContain(m);
    expect(text).not.toContain(secret.k as string);
    expect(published.keys[0]).toEqual({ ...rsa.publicJwk, use: 'sig', kid: 'r' });
  });

  it('returns a fresh copy on every call and lists a key pair once', () => {
    const ec = nodePair('ec-P-256');
    const set = createKeySet([{ ...ec.privateJwk, kid: 'e' }, { ...ec.publicJwk, kid: 'e' }]);
    const first = set.jwks();
    expect(first.keys).toHaveLength(1);
    first.keys[0]!.kid = 'changed';
    expect(set.jwks().keys[0]!.kid).toBe('e');
  });
});

describe('createKeySet: select', () => {
  const rsa1 = importJwk(nodePair('rsa-2048').publicJwk, { kid: 'k1', alg: 'RS256' });
  const ec3 = importJwk(nodePair('ec-P-256').publicJwk, { kid: 'k3' });
  const hmac = importJwk(secretJwk('h'), { alg: 'HS256' });
  const set = createKeySet([rsa1, ec3, hmac]);

  it('selects by kid and alg', () => {
    expect(set.select({ alg: 'RS256', kid: 'k1' }, sig)).toEqual([rsa1]);
    expect(set.select({ alg: 'ES256', kid: 'k3' }, sig)).toEqual([ec3]);
  });

  it('names the kid asked for and the kids known when none matches', () => {
    const err = thrown(() => set.select({ alg: 'RS256', kid: 'k2' }, sig));
    expect(err.code).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(err.message).toBe("no key with kid 'k2' for alg RS256; known kids: k1, k3, h");
    expect(err.kid).toBe('k2');
    expect(err.knownKids).toEqual(['k1', 'k3', 'h']);
    expect(err.alg).toBe('RS256');
  });

  it('says when the kid exists but is bound to another alg (no confusion through kid)', () => {
    const err = thrown(() => set.select({ alg: 'HS256', kid: 'k1' }, sig));
    expect(err.code).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(err.message).toBe("the key with kid 'k1' cannot be used for alg HS256: it is an RSA public key for RS256 (\"use\": \"sig\")");
    expect(thrown(() => set.select({ alg: 'RS256', kid: 'k1' }, { use: 'enc', maxKeysTried: 3 })).code).toBe('ERR_JWKS_NO_MATCHING_KEY');
  });

  it('without kid, returns up to maxKeysTried keys bound to the alg', () => {
    const many = createKeySet(Array.from({ length: 5 }, (_, i) => importJwk(secretJwk(`s${i}`), { alg: 'HS256' })));
    expect(many.select({ alg: 'HS256' }, { use: 'sig', maxKeysTried: 3 })).toHaveLength(3);
    expect(set.select({ alg: 'ES256' }, sig)).toEqual([ec3]);
    const err = thrown(() => set.select({ alg: 'PS256' }, sig));
    expect(err.message).toMatch(/^no key for alg PS256 \(the token has no kid\); the set holds 'k1' \(sig: RS256\)/);
  });

  it('refuses a token without alg or with a non-string kid', () => {
    expect(thrown(() => set.select({}, sig)).code).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(thrown(() => set.select({ alg: 'RS256', kid: 5 as unknown as string }, sig)).code).toBe('ERR_JWKS_NO_MATCHING_KEY');
  });

  it('keeps an attacker-chosen kid short and printable in messages', () => {
    const err = thrown(() => set.select({ alg: 'RS256', kid: `evil\n${'x'.repeat(500)}` }, sig));
    expect(err.message).not.toContain('\n');
    expect(err.message.length).toBeLessThan(200);
  });

  it('selects decryption keys among private enc keys only', () => {
    const pair = nodePair('rsa-2048');
    const priv = importJwk(pair.privateJwk, { kid: 'enc', use: 'enc' });
    const pub = importJwk(pair.publicJwk, { kid: 'enc-pub', use: 'enc' });
    const encSet = createKeySet([priv, pub]);
    const enc = { use: 'enc', maxKeysTried: 3 } as const;
    expect(encSet.select({ alg: 'RSA-OAEP-256', kid: 'enc' }, enc)).toEqual([priv]);
    expect(thrown(() => encSet.select({ alg: 'RSA-OAEP-256', kid: 'enc-pub' }, enc)).message).toMatch(/public key/);
    expect(encSet.select({ alg: 'RSA-OAEP-256' }, enc)).toEqual([priv]);
  });

  it('works through resolveKeys', () => {
    expect(resolveKeys(set, { alg: 'RS256', kid: 'k1' }, sig)).toEqual([rsa1]);
    expect(thrown(() => resolveKeys(set, { alg: 'RS256', kid: 'nope' }, sig)).code).toBe('ERR_JWKS_NO_MATCHING_KEY');
  });
});
