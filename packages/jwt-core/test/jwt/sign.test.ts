import { describe, expect, it } from 'vitest';
import { createSigner } from '../../src/jwt/create-signer.js';
import { decodeJwt } from '../../src/jwt/decode.js';
import { signJwt } from '../../src/jwt/sign.js';
import { verifyJwt } from '../../src/jwt/verify.js';
import { keysFor, rejection, thrown } from '../jws/helpers.js';

const NOW = new Date(Date.UTC(2026, 10, 22, 10, 0, 0));
const T = NOW.getTime() / 1000;
const hs = keysFor('HS256');

describe('signJwt', () => {
  it('sets iat, typ JWT and the key kid, and verifies', async () => {
    const t = await signJwt({ sub: 'u1', role: 'admin' }, hs.privateKey, { alg: 'HS256', currentDate: NOW });
    const { header, payload } = decodeJwt(t);
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT', kid: 'HS256-1' });
    expect(payload).toEqual({ sub: 'u1', role: 'admin', iat: T });
    await expect(verifyJwt(t, hs.publicKey, { algorithms: ['HS256'], currentDate: NOW, typ: 'JWT' })).resolves.toBeTruthy();
  });

  it.each([['30s', 30], ['5m', 300], ['14d', 14 * 86400], [90, 90], ['1.5h', 5400]])('turns expiresIn %j into exp = iat + %i', async (expiresIn, seconds) => {
    const t = await signJwt({}, hs.privateKey, { alg: 'HS256', expiresIn, notBefore: '10s', currentDate: NOW });
    expect(decodeJwt(t).payload).toMatchObject({ iat: T, exp: T + seconds, nbf: T + 10 });
  });

  it('sets iss, aud, sub and jti from the options', async () => {
    const t = await signJwt({}, hs.privateKey, { alg: 'HS256', issuer: 'https://auth', audience: ['a', 'b'], subject: 's', jti: 'id-1', currentDate: NOW });
    expect(decodeJwt(t).payload).toMatchObject({ iss: 'https://auth', aud: ['a', 'b'], sub: 's', jti: 'id-1' });
    const r1 = decodeJwt(await signJwt({}, hs.privateKey, { alg: 'HS256', jti: true })).payload.jti;
    const r2 = decodeJwt(await signJwt({}, hs.privateKey, { alg: 'HS256', jti: true })).payload.jti;
    expect(r1).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(r1).not.toBe(r2);
  });

  it('keeps an iat from the claims and lets the header set typ', async () => {
    const t = await signJwt({ iat: T - 100 }, hs.privateKey, { alg: 'HS256', expiresIn: 60, header: { typ: 'at+jwt' } });
    expect(decodeJwt(t).payload).toMatchObject({ iat: T - 100, exp: T - 40 });
    expect(decodeJwt(t).header.typ).toBe('at+jwt');
  });

  it('refuses a claim set both in the claims and by an option', async () => {
    const err = await rejection(signJwt({ exp: T }, hs.privateKey, { alg: 'HS256', expiresIn: '5m' }));
    expect(err.code).toBe('ERR_JOSE_INVALID_OPTION');
    expect(err.message).toMatch(/claim exp is set both/);
    expect((await rejection(signJwt({ iss: 'a' }, hs.privateKey, { alg: 'HS256', issuer: 'b' }))).code).toBe('ERR_JOSE_INVALID_OPTION');
  });

  it('refuses claims that are not a plain object', async () => {
    for (const claims of [[], null, 'sub', 42, new Date(), new Map(), Object.create({ inherited: 1 })]) {
      expect((await rejection(signJwt(claims as never, hs.privateKey, { alg: 'HS256' }))).code).toBe('ERR_JWT_INVALID');
    }
    await expect(signJwt(Object.create(null) as never, hs.privateKey, { alg: 'HS256' })).resolves.toBeTruthy();
  });

  it('refuses registered claims of the wrong type', async () => {
    for (const claims of [{ exp: '123' }, { nbf: Number.NaN }, { iat: Number.POSITIVE_INFINITY }, { iss: ['a'] }, { aud: [1] }, { sub: 1 }, { jti: {} }]) {
      const err = await rejection(signJwt(claims as never, hs.privateKey, { alg: 'HS256' }));
      expect(err.code, JSON.stringify(claims)).toBe('ERR_JWT_INVALID');
      expect(err.claim).toBe(Object.keys(claims)[0]);
    }
  });

  it('refuses claims that cannot be JSON', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect((await rejection(signJwt(cyclic, hs.privateKey, { alg: 'HS256' }))).code).toBe('ERR_JWT_INVALID');
    expect((await rejection(signJwt({ n: 1n }, hs.privateKey, { alg: 'HS256' }))).code).toBe('ERR_JWT_INVALID');
    expect((await rejection(signJwt(JSON.parse('{"__proto__":{"x":1}}') as never, hs.privateKey, { alg: 'HS256' }))).code).toBe('ERR_JWT_INVALID');
  });

  it('refuses a "__proto__" member at any depth, as verifiers do', async () => {
    for (const json of ['{"__proto__":{"x":1}}', '{"profile":{"__proto__":{"admin":true}}}', '{"list":[{"__proto__":1}]}']) {
      const err = await rejection(signJwt(JSON.parse(json) as never, hs.privateKey, { alg: 'HS256' }));
      expect(err.code).toBe('ERR_JWT_INVALID');
      expect(err.message).toMatch(/__proto__/);
    }
    // A key that merely contains the text is fine.
    await signJwt({ note: '__proto__ is refused' }, hs.privateKey, { alg: 'HS256' });
  });

  it('refuses bad options', async () => {
    for (const options of [
      { alg: 'none' }, { alg: 'HS256', expiresIn: -1 }, { alg: 'HS256', expiresIn: 'soon' }, { alg: 'HS256', notBefore: Number.NaN },
      { alg: 'HS256', issuer: 1 }, { alg: 'HS256', audience: [] }, { alg: 'HS256', jti: false }, { alg: 'HS256', currentDate: 'now' },
      { alg: 'HS256', expiresin: '5m' },
    ]) {
      expect((await rejection(signJwt({}, hs.privateKey, options as never))).code, JSON.stringify(options)).toBe('ERR_JOSE_INVALID_OPTION');
    }
  });
});

describe('createSigner', () => {
  it('signs like signJwt with the options bound once', async () => {
    const { privateKey, publicKey } = keysFor('ES256');
    const sign = createSigner({ key: privateKey, alg: 'ES256', expiresIn: '15m', issuer: 'https://auth', currentDate: NOW });
    const t = await sign({ sub: 'u1' });
    const { payload } = await verifyJwt(t, publicKey, { algorithms: ['ES256'], issuer: 'https://auth', currentDate: NOW });
    expect(payload).toEqual({ sub: 'u1', iss: 'https://auth', iat: T, exp: T + 900 });
  });

  it('throws option and key errors at creation, not per call', () => {
    expect(thrown(() => createSigner({ key: keysFor('ES256').publicKey, alg: 'ES256' })).code).toBe('ERR_JWK_INVALID');
    expect(thrown(() => createSigner({ key: hs.privateKey, alg: 'HS256', expiresIn: 'later' })).code).toBe('ERR_JOSE_INVALID_OPTION');
    expect(thrown(() => createSigner(null as never)).code).toBe('ERR_JOSE_INVALID_OPTION');
  });

  it('checks each call\'s claims', async () => {
    const sign = createSigner({ key: hs.privateKey, alg: 'HS256', subject: 's' });
    expect((await rejection(sign([] as never))).code).toBe('ERR_JWT_INVALID');
    expect((await rejection(sign({ sub: 'x' }))).code).toBe('ERR_JOSE_INVALID_OPTION');
  });
});

describe('decodeJwt', () => {
  it('decodes without verifying', () => {
    const t = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"x"}').toString('base64url')}.`;
    expect(decodeJwt(t)).toEqual({ header: { alg: 'none' }, payload: { sub: 'x' } });
  });

  it('is bounded and gives typed errors', () => {
    const h = Buffer.from('{"alg":"HS256"}').toString('base64url');
    expect(thrown(() => decodeJwt('a.b')).code).toBe('ERR_JWS_INVALID');
    expect(thrown(() => decodeJwt(`${h}.${'A'.repeat(20000)}.`)).limit).toBe('maxTokenLength=16384');
    expect(thrown(() => decodeJwt(`${h}.${Buffer.from('[1]').toString('base64url')}.`)).code).toBe('ERR_JWT_INVALID');
    const deep = Buffer.from(`{"a":${'['.repeat(100)}${']'.repeat(100)}}`).toString('base64url');
    expect(thrown(() => decodeJwt(`${h}.${deep}.`)).message).toMatch(/deeper than 32/);
    expect(thrown(() => decodeJwt(`${h}.${deep}.`, { maxJsonDepth: 0 } as never)).code).toBe('ERR_JOSE_INVALID_OPTION');
    expect(thrown(() => decodeJwt(`${h}.${Buffer.from('{"a":1}').toString('base64url')}.`, { maxTokenLength: 10 })).code).toBe('ERR_JWS_INVALID');
  });
});
