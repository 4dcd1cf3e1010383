/**
 * The opt-in verified-token cache of createVerifier and its `revoked` hook. Time is a fake clock.
 * Advisories: GHSA-x937-hj6v-793p (a cache served an expired token), CVE-2026-35039 (cache keys
 * built from part of the token let two tokens share an entry).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { JoseError } from '../../src/errors.js';
import { createKeySet } from '../../src/jwks/key-set.js';
import { createVerifier } from '../../src/jwt/create-verifier.js';
import { VerifiedTokenCache } from '../../src/jwt/verified-cache.js';
import { forge, keysFor, rejection, thrown } from '../jws/helpers.js';

const NOW = Date.UTC(2026, 10, 22, 10, 0, 0);
const T = NOW / 1000;
const hs = keysFor('HS256');
const other = keysFor('HS256', 'HS256-2');
const sign = (payload: Record<string, unknown>, key = hs.signingKey, kid?: string) =>
  forge({ alg: 'HS256', typ: 'JWT', ...(kid === undefined ? {} : { kid }) }, payload, 'HS256', key);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createVerifier cache', () => {
  it('serves a repeated token from the cache: same frozen result', async () => {
    const verify = createVerifier({ keys: hs.publicKey, algorithms: ['HS256'], cache: { max: 10 } });
    const token = sign({ sub: 'u1', exp: T + 60 });
    const a = await verify(token);
    const b = await verify(token);
    expect(b).toBe(a);
    expect(b.payload).toEqual({ sub: 'u1', exp: T + 60 });
    expect(Object.isFrozen(b.payload)).toBe(true);
    expect(Object.isFrozen(b)).toBe(true);
  });

  it('never serves an expired token (GHSA-x937-hj6v-793p): exp is checked on every hit', async () => {
    const verify = createVerifier({ keys: hs.publicKey, algorithms: ['HS256'], clockTolerance: 5, cache: { max: 10 } });
    const uncached = createVerifier({ keys: hs.publicKey, algorithms: ['HS256'], clockTolerance: 5 });
    const token = sign({ sub: 'u1', exp: T + 60 });
    await verify(token);
    vi.setSystemTime(NOW + 64_000); // exp + 4 s: within the tolerance
    expect((await verify(token)).payload.sub).toBe('u1');
    vi.setSystemTime(NOW + 65_000); // exp + tolerance: expired
    const err = await rejection(verify(token));
    expect(err.code).toBe('ERR_JWT_EXPIRED');
    expect(err.message).toBe((await rejection(uncached(token))).message);
    // And it stays refused (the entry is gone, not revived).
    expect((await rejection(verify(token))).code).toBe('ERR_JWT_EXPIRED');
  });

  it('re-checks maxTokenAge at the current time on a hit', async () => {
    const verify = createVerifier({ keys: hs.publicKey, algorithms: ['HS256'], maxTokenAge: '1m', clockTolerance: 0, cache: { max: 10 } });
    const token = sign({ sub: 'u1', iat: T });
    await verify(token);
    vi.setSystemTime(NOW + 61_000);
    const err = await rejection(verify(token));
    expect(err.code).toBe('ERR_JWT_CLAIM_VALIDATION_FAILED');
    expect(err.claim).toBe('iat');
  });

  it('keys entries by the whole token (CVE-2026-35039): a token sharing all but its signature is verified itself', async () => {
    const verify = createVerifier({ keys: hs.publicKey, algorithms: ['HS256'], cache: { max: 10 } });
    const token = sign({ sub: 'u1', exp: T + 60 });
    await verify(token);
    const dot = token.lastIndexOf('.');
    // Same header and payload, another signature (same length, still canonical base64url).
    const forgedSig = token.slice(0, dot + 1) + (token[dot + 1] === 'A' ? 'B' : 'A') + token.slice(dot + 2);
    expect((await rejection(verify(forgedSig))).code).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
    // Same signature grafted on another payload.
    const otherPayload = sign({ sub: 'admin', exp: T + 60 });
    const grafted = otherPayload.slice(0, otherPayload.lastIndexOf('.')) + token.slice(dot);
    expect((await rejection(verify(grafted))).code).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
    // Distinct valid tokens each get their own payload.
    expect((await verify(otherPayload)).payload.sub).toBe('admin');
    expect((await verify(token)).payload.sub).toBe('u1');
  });

  it('caches only successes: a refused token is verified again next time', async () => {
    let key = other.publicKey;
    const verify = createVerifier({ keys: () => key, algorithms: ['HS256'], cache: { max: 10 } });
    const token = sign({ sub: 'u1' });
    expect((await rejection(verify(token))).code).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
    key = hs.publicKey;
    expect((await verify(token)).payload.sub).toBe('u1');
  });

  it('drops an entry when its key is no longer selected (rotation, retirement)', async () => {
    let keys = createKeySet([hs.publicKey]);
    const verify = createVerifier({ keys: () => keys, algorithms: ['HS256'], cache: { max: 10 } });
    const token = sign({ sub: 'u1' }, hs.signingKey, 'HS256-1');
    await verify(token);
    keys = createKeySet([other.publicKey]); // HS256-1 retired
    const err = await rejection(verify(token));
    expect(err.code).toBe('ERR_JWKS_NO_MATCHING_KEY');
  });

  it('asks a per-context resolver again on a hit: a token cached for one tenant is not served to another', async () => {
    const tenants: Record<string, typeof hs.publicKey> = { a: hs.publicKey, b: other.publicKey };
    const verify = createVerifier({ keys: (_h, ctx) => tenants[ctx as string]!, algorithms: ['HS256'], cache: { max: 10 } });
    const token = sign({ sub: 'u1' });
    expect((await verify(token, 'a')).payload.sub).toBe('u1');
    expect((await rejection(verify(token, 'b'))).code).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
    expect((await verify(token, 'a')).payload.sub).toBe('u1');
  });

  it('runs revoked on every verification, hit or miss', async () => {
    const revokedIds = new Set<string>();
    const calls: string[] = [];
    const verify = createVerifier({
      keys: hs.publicKey, algorithms: ['HS256'], cache: { max: 10 },
      revoked: (payload) => { calls.push(String(payload.jti)); return revokedIds.has(String(payload.jti)); },
    });
    const token = sign({ jti: 't1' });
    await verify(token);
    await verify(token);
    expect(calls).toEqual(['t1', 't1']);
    revokedIds.add('t1');
    const err = await rejection(verify(token));
    expect(err.code).toBe('ERR_JWT_REVOKED');
    expect(calls).toHaveLength(3);
  });

  it('denies when revoked throws, rejects, or returns something other than a boolean', async () => {
    const token = sign({ jti: 't1' });
    const boom = new Error('store down');
    const throwing = createVerifier({ keys: hs.publicKey, algorithms: ['HS256'], cache: { max: 10 }, revoked: () => { throw boom; } });
    await expect(throwing(token)).rejects.toBe(boom);
    await expect(throwing(token)).rejects.toBe(boom); // also on the hit
    const rejecting = createVerifier({ keys: hs.publicKey, algorithms: ['HS256'], revoked: async () => Promise.reject(boom) });
    await expect(rejecting(token)).rejects.toBe(boom);
    const sloppy = createVerifier({ keys: hs.publicKey, algorithms: ['HS256'], revoked: (() => undefined) as never });
    expect((await rejection(sloppy(token))).code).toBe('ERR_JOSE_INVALID_OPTION');
    const asyncOk = createVerifier({ keys: hs.publicKey, algorithms: ['HS256'], revoked: async () => false });
    expect((await asyncOk(token)).payload.jti).toBe('t1');
  });

  it('is bounded: least recently used entries leave first', async () => {
    const verify = createVerifier({ keys: hs.publicKey, algorithms: ['HS256'], cache: { max: 2 } });
    const [t1, t2, t3] = [1, 2, 3].map((n) => sign({ n }));
    const r1 = await verify(t1!);
    const r2 = await verify(t2!);
    expect(await verify(t1!)).toBe(r1); // t1 is now the most recent
    await verify(t3!); // evicts t2
    expect(await verify(t1!)).toBe(r1);
    const again = await verify(t2!);
    expect(again).not.toBe(r2);
    expect(again.payload).toEqual(r2.payload);
  });

  it('refuses bad cache and revoked options at creation', () => {
    for (const cache of [{ max: 0 }, { max: 1.5 }, { max: 2_000_000 }, {}, 'big', null]) {
      expect(thrown(() => createVerifier({ keys: hs.publicKey, algorithms: ['HS256'], cache: cache as never })).code).toBe('ERR_JOSE_INVALID_OPTION');
    }
    expect(thrown(() => createVerifier({ keys: hs.publicKey, algorithms: ['HS256'], revoked: true as never })).code).toBe('ERR_JOSE_INVALID_OPTION');
  });

  it('refuses cache with decrypt (nested JWTs), whose decryption key must be selected per token', () => {
    const decrypt = { keys: other.publicKey, algorithms: ['dir'], encryptionAlgorithms: ['A128GCM'] } as never;
    const err = thrown(() => createVerifier({ keys: hs.publicKey, algorithms: ['HS256'], decrypt, cache: { max: 10 } }));
    expect(err.code).toBe('ERR_JOSE_INVALID_OPTION');
    expect(err.message).toMatch(/cache cannot be combined with decrypt/);
  });

  it('leaves the verifier untouched without cache or revoked (errors are still JoseErrors)', async () => {
    const verify = createVerifier({ keys: hs.publicKey, algorithms: ['HS256'] });
    const token = sign({ sub: 'u1' });
    const a = await verify(token);
    const b = await verify(token);
    expect(b).not.toBe(a);
    expect(Object.isFrozen(a.payload)).toBe(false);
    await expect(verify('x.y.z')).rejects.toBeInstanceOf(JoseError);
  });
});

describe('VerifiedTokenCache', () => {
  it('drops an entry at its expiry even if it is never asked for again in time', () => {
    const cache = new VerifiedTokenCache(4);
    const result = { header: { alg: 'HS256' }, payload: {}, key: hs.publicKey };
    cache.set('t', { result, expiresAt: 100 });
    expect(cache.get('t', 99)?.result).toBe(result);
    expect(cache.get('t', 100)).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});
