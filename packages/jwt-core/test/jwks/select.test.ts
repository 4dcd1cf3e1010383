import { randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { JoseError } from '../../src/errors.js';
import { importJwk } from '../../src/jwk/import.js';
import type { Key } from '../../src/jwk/key.js';
import type { KeySet } from '../../src/jwks/types.js';
import { resolveKeys } from '../../src/jwks/select.js';
import { nodePair, thrown } from '../jwk/keys.js';
import { rejection } from '../helpers/errors.js';

const sig = { use: 'sig', maxKeysTried: 3 } as const;
const hmac = importJwk({ kty: 'oct', k: randomBytes(32).toString('base64url') }, { kid: 'h1' });
const rsa = importJwk(nodePair('rsa-2048').publicJwk, { kid: 'r1' });
const rsaEnc = importJwk(nodePair('rsa-2048').privateJwk, { kid: 'e1', use: 'enc' });
const rsaEncPublic = importJwk(nodePair('rsa-2048').publicJwk, { kid: 'e2', use: 'enc' });

function fakeSet(select: KeySet['select']): KeySet {
  return { keys: [], jwks: () => ({ keys: [] }), select };
}

describe('resolveKeys: a single key', () => {
  it('returns the key synchronously when it is bound to the token alg', () => {
    const out = resolveKeys(rsa, { alg: 'RS256' }, sig);
    expect(out).toEqual([rsa]);
    expect(out).not.toBeInstanceOf(Promise);
  });

  it('refuses an RSA key for an HS256 token (algorithm confusion) and explains why', () => {
    const err = thrown(() => resolveKeys(rsa, { alg: 'HS256', kid: 'r1' }, sig));
    expect(err).toBeInstanceOf(JoseError);
    expect(err.code).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(err.message).toBe("the RSA key (kid 'r1') bound to RS256, RS384, RS512, PS256, PS384, PS512 cannot be used for alg HS256");
    expect(err.hint).toMatch(/an RSA key cannot verify tokens signed with HS256 \(algorithm confusion/);
    expect(err.alg).toBe('HS256');
    expect(err.kid).toBe('r1');
  });

  it('refuses an HMAC key for an RS256 token and a token without alg', () => {
    expect(thrown(() => resolveKeys(hmac, { alg: 'RS256' }, sig)).code).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(thrown(() => resolveKeys(hmac, {}, sig)).message).toMatch(/alg none given/);
  });

  it('refuses a key of the other use, and a public key for decryption', () => {
    const err = thrown(() => resolveKeys(rsaEnc, { alg: 'RSA-OAEP' }, sig));
    expect(err.code).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(err.message).toMatch(/is for encryption .* not for verifying a JWS/);
    expect(resolveKeys(rsaEnc, { alg: 'RSA-OAEP' }, { use: 'enc', maxKeysTried: 3 })).toEqual([rsaEnc]);
    expect(thrown(() => resolveKeys(rsaEncPublic, { alg: 'RSA-OAEP' }, { use: 'enc', maxKeysTried: 3 })).message).toMatch(/needs the private key/);
  });

  it.each([
    ['a string', 'secret-secret-secret-secret-secret'],
    ['bytes', randomBytes(32)],
    ['a plain JWK', { kty: 'oct', k: 'AAAA' }],
    ['null', null], ['undefined', undefined], ['an empty string', ''], ['zero', 0], ['false', false], ['an empty object', {}],
  ])('refuses %s as a key (GHSA-8wpc: a falsy or raw key is never accepted)', (_label, value) => {
    const err = thrown(() => resolveKeys(value, { alg: 'HS256' }, sig));
    expect(err.code).toBe('ERR_JWK_INVALID');
    expect(err.message).toMatch(/^expected a key from importJwk/);
    if (typeof value === 'string' && value.length > 0) expect(err.message).not.toContain(value);
  });
});

describe('resolveKeys: key sets', () => {
  it('passes use and maxKeysTried to select and returns its keys', async () => {
    const select = vi.fn(() => [rsa]);
    expect(resolveKeys(fakeSet(select), { alg: 'RS256' }, sig)).toEqual([rsa]);
    expect(select).toHaveBeenCalledWith({ alg: 'RS256' }, { use: 'sig', maxKeysTried: 3 });
    expect(await resolveKeys(fakeSet(async () => [rsa]), { alg: 'RS256' }, sig)).toEqual([rsa]);
  });

  it('checks what a key set returns like a single key', async () => {
    expect(thrown(() => resolveKeys(fakeSet(() => [hmac]), { alg: 'RS256' }, sig)).code).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(thrown(() => resolveKeys(fakeSet(() => []), { alg: 'RS256' }, sig)).code).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(thrown(() => resolveKeys(fakeSet(() => ['raw'] as unknown as Key[]), { alg: 'RS256' }, sig)).code).toBe('ERR_JWK_INVALID');
    expect((await rejection(resolveKeys(fakeSet(async () => [hmac]), { alg: 'RS256' }, sig))).code).toBe('ERR_JWKS_NO_MATCHING_KEY');
  });

  it('tries at most maxKeysTried keys, and the default bound when it is missing or bad', () => {
    const many = [rsa, rsa, rsa, rsa, rsa];
    expect(resolveKeys(fakeSet(() => many), { alg: 'RS256' }, { use: 'sig', maxKeysTried: 2 })).toHaveLength(2);
    for (const bad of [undefined, Number.NaN, 0, -1, 1.5]) {
      expect(resolveKeys(fakeSet(() => many), { alg: 'RS256' }, { use: 'sig', maxKeysTried: bad as number })).toHaveLength(3);
    }
  });

  it('keeps a JoseError from the set and turns anything else into ERR_JWKS_NO_MATCHING_KEY', async () => {
    const timeout = new JoseError('ERR_JWKS_TIMEOUT', 'timed out');
    expect(thrown(() => resolveKeys(fakeSet(() => { throw timeout; }), { alg: 'RS256' }, sig))).toBe(timeout);
    const err = thrown(() => resolveKeys(fakeSet(() => { throw new TypeError('boom k=SECRET'); }), { alg: 'RS256' }, sig));
    expect(err.code).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(err.message).not.toContain('SECRET');
    expect((await rejection(resolveKeys(fakeSet(async () => { throw new Error('x'); }), { alg: 'RS256' }, sig))).code).toBe('ERR_JWKS_NO_MATCHING_KEY');
  });
});

describe('resolveKeys: resolvers', () => {
  it('calls the resolver once with the header and context', async () => {
    const resolver = vi.fn(async () => rsa);
    const header = { alg: 'RS256', kid: 'r1' };
    expect(await resolveKeys(resolver, header, { ...sig, context: { tenant: 't1' } })).toEqual([rsa]);
    expect(resolver).toHaveBeenCalledTimes(1);
    expect(resolver).toHaveBeenCalledWith(header, { tenant: 't1' });
  });

  it('accepts a synchronous key or a key set from the resolver', async () => {
    expect(resolveKeys(() => rsa, { alg: 'RS256' }, sig)).toEqual([rsa]);
    expect(await resolveKeys(async () => fakeSet(() => [rsa]), { alg: 'RS256' }, sig)).toEqual([rsa]);
  });

  it('checks the resolved key against the token alg', async () => {
    expect((await rejection(resolveKeys(async () => rsa, { alg: 'HS256' }, sig))).code).toBe('ERR_JWKS_NO_MATCHING_KEY');
  });

  it('fails closed when the resolver throws or rejects', async () => {
    const sync = thrown(() => resolveKeys(() => { throw new Error('db down: password=hunter2'); }, { alg: 'RS256', kid: 'r1' }, sig));
    expect(sync.code).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(sync.message).toBe('the key resolver failed (an Error); no key was selected');
    expect(sync.kid).toBe('r1');
    const async = await rejection(resolveKeys(async () => { throw new Error('x'); }, { alg: 'RS256' }, sig));
    expect(async.code).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect((async as unknown as { cause: unknown }).cause).toBeInstanceOf(Error);
    const rejectedValue = await rejection(resolveKeys(() => Promise.reject(undefined), { alg: 'RS256' }, sig));
    expect(rejectedValue.code).toBe('ERR_JWKS_NO_MATCHING_KEY');
  });

  it.each([
    ['a function', () => () => rsa], ['a string', () => 'secret'], ['null', () => null], ['undefined', async () => undefined],
    ['a plain JWK', () => ({ kty: 'oct', k: 'AAAA' })], ['bytes', () => new Uint8Array(32)],
  ])('fails closed when the resolver returns %s', async (_label, resolver) => {
    const err = await rejection(Promise.resolve().then(() => resolveKeys(resolver, { alg: 'RS256' }, sig)));
    expect(err.code).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(err.message).toMatch(/the key resolver returned .* instead of a key or a key set/);
  });
});
