/**
 * JWS/JWT limits (src/lib/limits.ts): token length, header size, JSON depth, keys tried without a
 * kid and clock tolerance. Each has a safe default, is configurable, accepts input AT the limit
 * and refuses input just past it naming the limit, and is enforced before the work it guards.
 * There is no separate payload limit: maxTokenLength bounds the payload (a token at the limit
 * carries about 12 KB of claims).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createKeySet, createVerifier, importSecret, signJwt, verifyJws, verifyJwt } from '../../src/index.js';
import type { Key } from '../../src/index.js';
import { DEFAULT_LIMITS } from '../../src/lib/limits.js';
import { forgeHmacRaw } from '../../../test-vectors/src/security/encoding.js';
import { expectLimit, KEY, nested, NOW, NOW_DATE, OPTIONS, SECRET, tokenOfLength, tokenWithHeaderBytes } from './helpers.js';

afterEach(() => vi.restoreAllMocks());

describe('maxTokenLength', () => {
  it('defaults to 16384 characters: a token of exactly 16384 verifies, 16385 is refused naming the limit', async () => {
    expect(DEFAULT_LIMITS.maxTokenLength).toBe(16_384);
    const at = await tokenOfLength(16_384);
    const { payload } = await verifyJwt(at, KEY, OPTIONS);
    expect((payload.pad as string).length).toBeGreaterThan(12_000); // the payload is bounded by the token length only
    await expectLimit(verifyJwt(await tokenOfLength(16_385), KEY, OPTIONS), 'ERR_JWS_INVALID', 'maxTokenLength=16384');
  });

  it('is configurable (verifyJwt, verifyJws, createVerifier)', async () => {
    const at = await tokenOfLength(600);
    const past = await tokenOfLength(601);
    await verifyJwt(at, KEY, { ...OPTIONS, maxTokenLength: 600 });
    await verifyJws(at, KEY, { algorithms: ['HS256'], maxTokenLength: 600 });
    await createVerifier({ keys: KEY, ...OPTIONS, maxTokenLength: 600 })(at);
    await expectLimit(verifyJwt(past, KEY, { ...OPTIONS, maxTokenLength: 600 }), 'ERR_JWS_INVALID', 'maxTokenLength=600');
    await expectLimit(verifyJws(past, KEY, { algorithms: ['HS256'], maxTokenLength: 600 }), 'ERR_JWS_INVALID', 'maxTokenLength=600');
    await expectLimit(createVerifier({ keys: KEY, ...OPTIONS, maxTokenLength: 600 })(past), 'ERR_JWS_INVALID', 'maxTokenLength=600');
    for (const bad of [0, -1, 1.5, Infinity, NaN, '600']) {
      await expectLimit(verifyJwt(at, KEY, { ...OPTIONS, maxTokenLength: bad as number }), 'ERR_JOSE_INVALID_OPTION', /maxTokenLength/);
    }
  });

  it('is checked before any decoding: an oversized token of garbage gets the length error and no key is looked up', async () => {
    const resolver = vi.fn(() => KEY);
    const e = await expectLimit(verifyJwt('!'.repeat(16_385), resolver, OPTIONS), 'ERR_JWS_INVALID', 'maxTokenLength=16384');
    expect(e.reason).toBe('limit');
    expect(resolver).not.toHaveBeenCalled();
  });
});

describe('maxHeaderBytes', () => {
  it('defaults to 4096 bytes: a header of exactly 4096 bytes verifies, 4097 is refused naming the limit', async () => {
    expect(DEFAULT_LIMITS.maxHeaderBytes).toBe(4_096);
    await verifyJwt(await tokenWithHeaderBytes(4_096), KEY, OPTIONS);
    await expectLimit(verifyJwt(await tokenWithHeaderBytes(4_097), KEY, OPTIONS), 'ERR_JWS_INVALID', 'maxHeaderBytes=4096');
  });

  it('is configurable', async () => {
    await verifyJwt(await tokenWithHeaderBytes(100), KEY, { ...OPTIONS, maxHeaderBytes: 100 });
    await expectLimit(verifyJwt(await tokenWithHeaderBytes(101), KEY, { ...OPTIONS, maxHeaderBytes: 100 }), 'ERR_JWS_INVALID', 'maxHeaderBytes=100');
  });

  it('is checked before the header is decoded or parsed, and before key lookup', async () => {
    const resolver = vi.fn(() => KEY);
    const parse = vi.spyOn(JSON, 'parse');
    // 4097 bytes that are not JSON at all: the size error wins over the JSON error.
    const garbage = `${'_'.repeat(5_463)}.e30.${'A'.repeat(43)}`;
    await expectLimit(verifyJwt(garbage, resolver, OPTIONS), 'ERR_JWS_INVALID', 'maxHeaderBytes=4096');
    expect(resolver).not.toHaveBeenCalled();
    expect(parse).not.toHaveBeenCalled();
  });
});

describe('maxJsonDepth', () => {
  const deepPayload = (depth: number) => `{"sub":"u","exp":${NOW + 600},"n":${nested(depth - 1)}}`;

  it('defaults to 32 levels: a payload 32 deep verifies, 33 is refused naming the limit', async () => {
    expect(DEFAULT_LIMITS.maxJsonDepth).toBe(32);
    await verifyJwt(await forgeHmacRaw('{"alg":"HS256"}', deepPayload(32), SECRET), KEY, OPTIONS);
    await expectLimit(verifyJwt(await forgeHmacRaw('{"alg":"HS256"}', deepPayload(33), SECRET), KEY, OPTIONS), 'ERR_JWT_INVALID', 'maxJsonDepth=32');
  });

  it('applies to the header too, and is configurable', async () => {
    const header = (depth: number) => `{"alg":"HS256","x":${nested(depth - 1)}}`;
    await verifyJwt(await forgeHmacRaw(header(32), deepPayload(2), SECRET), KEY, OPTIONS);
    await expectLimit(verifyJwt(await forgeHmacRaw(header(33), deepPayload(2), SECRET), KEY, OPTIONS), 'ERR_JWS_INVALID', 'maxJsonDepth=32');
    await verifyJwt(await forgeHmacRaw('{"alg":"HS256"}', deepPayload(4), SECRET), KEY, { ...OPTIONS, maxJsonDepth: 4 });
    await expectLimit(verifyJwt(await forgeHmacRaw('{"alg":"HS256"}', deepPayload(5), SECRET), KEY, { ...OPTIONS, maxJsonDepth: 4 }), 'ERR_JWT_INVALID', 'maxJsonDepth=4');
  });

  it('is checked before JSON.parse sees the text (100000 levels: a typed error, no stack overflow)', async () => {
    const deep = `{"sub":"u","n":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const token = await forgeHmacRaw('{"alg":"HS256"}', deep, SECRET);
    const parse = vi.spyOn(JSON, 'parse');
    await expectLimit(verifyJwt(token, KEY, { ...OPTIONS, maxTokenLength: 1_000_000 }), 'ERR_JWT_INVALID', 'maxJsonDepth=32');
    expect(parse.mock.calls.some(([text]) => typeof text === 'string' && text.length > 100_000)).toBe(false);
  });
});

describe('maxKeysTried', () => {
  const keys: Key[] = Array.from({ length: 4 }, (_, i) => importSecret(new Uint8Array(32).fill(i + 1), { alg: 'HS256' }));
  const set = createKeySet(keys);
  const signedBy = (i: number) => signJwt({ sub: 'u', exp: NOW + 600 }, keys[i]!, { alg: 'HS256', currentDate: NOW_DATE });

  it('defaults to 3: without a kid the third key of the set verifies, the fourth is never tried', async () => {
    expect(DEFAULT_LIMITS.maxKeysTried).toBe(3);
    await verifyJwt(await signedBy(2), set, OPTIONS);
    await expectLimit(verifyJwt(await signedBy(3), set, OPTIONS), 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED', 'maxKeysTried=3');
  });

  it('is configurable, and the work is bounded: at most maxKeysTried MACs are computed', async () => {
    await verifyJwt(await signedBy(0), set, { ...OPTIONS, maxKeysTried: 1 });
    await expectLimit(verifyJwt(await signedBy(1), set, { ...OPTIONS, maxKeysTried: 1 }), 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED', 'maxKeysTried=1');
    const sign = vi.spyOn(crypto.subtle, 'sign');
    const verify = vi.spyOn(crypto.subtle, 'verify');
    await expect(verifyJwt(await signedBy(3), set, { ...OPTIONS, maxKeysTried: 2, backend: 'webcrypto' })).rejects.toThrow();
    expect(sign.mock.calls.length + verify.mock.calls.length).toBeLessThanOrEqual(2);
    expect(sign.mock.calls.length + verify.mock.calls.length).toBeGreaterThan(0);
  });
});

describe('clockTolerance', () => {
  const token = () => signJwt({ sub: 'u', exp: NOW }, KEY, { alg: 'HS256', currentDate: new Date((NOW - 60) * 1000) });
  const at = (seconds: number) => new Date((NOW + seconds) * 1000);

  it('defaults to 5 s: expired 4 s ago is accepted, 5 s ago is refused', async () => {
    const t = await token();
    await verifyJwt(t, KEY, { algorithms: ['HS256'], currentDate: at(4) });
    await expectLimit(verifyJwt(t, KEY, { algorithms: ['HS256'], currentDate: at(5) }), 'ERR_JWT_EXPIRED', /clock tolerance is 5s/);
  });

  it('is finite and bounded: 3600 s (1h) is accepted, 3601 s and non-finite values are refused naming the maximum', async () => {
    expect(DEFAULT_LIMITS.maxClockTolerance).toBe(3_600);
    const t = await token();
    await verifyJwt(t, KEY, { algorithms: ['HS256'], currentDate: at(3_599), clockTolerance: 3_600 });
    await verifyJwt(t, KEY, { algorithms: ['HS256'], currentDate: at(3_599), clockTolerance: '1h' });
    await expectLimit(verifyJwt(t, KEY, { algorithms: ['HS256'], currentDate: at(3_600), clockTolerance: '1h' }), 'ERR_JWT_EXPIRED', /clock tolerance is 1h/);
    await expectLimit(verifyJwt(t, KEY, { algorithms: ['HS256'], currentDate: at(0), clockTolerance: 3_601 }), 'ERR_JOSE_INVALID_OPTION', /3600s/);
    for (const bad of [Infinity, NaN, -1, '61m']) {
      await expectLimit(() => createVerifier({ keys: KEY, algorithms: ['HS256'], clockTolerance: bad }), 'ERR_JOSE_INVALID_OPTION', /clockTolerance/);
    }
  });
});
