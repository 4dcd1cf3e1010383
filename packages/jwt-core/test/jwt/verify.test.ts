import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signJwt } from '../../src/jwt/sign.js';
import { verifyJwt } from '../../src/jwt/verify.js';
import { b64u, forge, keysFor, rejection, signatureOf, withSignature } from '../jws/helpers.js';

// 2026-11-22T10:00:00Z
const NOW = new Date(Date.UTC(2026, 10, 22, 10, 0, 0));
const T = NOW.getTime() / 1000;
const hs = keysFor('HS256');
const token = (payload: Record<string, unknown> | unknown[] | string, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }) =>
  forge(header, payload, 'HS256', hs.signingKey);
const verify = (t: string, options: Record<string, unknown> = {}) =>
  verifyJwt(t, hs.publicKey, { algorithms: ['HS256'], currentDate: NOW, ...options });

describe('verifyJwt: order', () => {
  it('reports an expired token with a bad signature as a signature error', async () => {
    const t = token({ exp: T - 3600 });
    const sig = signatureOf(t);
    sig[0] = sig[0]! ^ 1;
    expect((await rejection(verify(withSignature(t, sig)))).code).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
    expect((await rejection(verify(t))).code).toBe('ERR_JWT_EXPIRED');
  });

  it('reports an array payload with a bad signature as a signature error', async () => {
    const t = withSignature(token([1, 2]), new Uint8Array(32));
    expect((await rejection(verify(t))).code).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
  });

  it('reports a disallowed alg before looking at the signature or claims', async () => {
    const t = forge({ alg: 'HS384' }, { exp: 0 }, 'HS384', keysFor('HS384').signingKey);
    expect((await rejection(verify(t))).code).toBe('ERR_JOSE_ALG_NOT_ALLOWED');
  });
});

describe('verifyJwt: the payload', () => {
  it('refuses an array payload (GHSA-5hjw-83fp-phq9)', async () => {
    const err = await rejection(verify(token([{ exp: 0 }])));
    expect(err.code).toBe('ERR_JWT_INVALID');
    expect(err.message).toMatch(/payload must be a JSON object, got an array/);
  });

  it('refuses payloads that are not JSON objects', async () => {
    for (const payload of ['"str"', '42', 'null', 'not json', '']) {
      expect((await rejection(verify(token(payload)))).code, payload).toBe('ERR_JWT_INVALID');
    }
  });

  it('refuses a __proto__ payload member without polluting anything', async () => {
    const err = await rejection(verify(token('{"sub":"u","__proto__":{"admin":true}}')));
    expect(err.code).toBe('ERR_JWT_INVALID');
    expect(err.message).toMatch(/__proto__/);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('refuses deep nesting with a typed error, not a crash', async () => {
    const deep = `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const err = await rejection(verify(token(deep)));
    expect(err.code).toBe('ERR_JWT_INVALID');
    expect(err.message).toMatch(/deeper than 32 levels/);
    expect((await rejection(verify(token({ a: [[[[1]]]] }), { maxJsonDepth: 3 }))).code).toBe('ERR_JWT_INVALID');
    await expect(verify(token({ a: [[[[1]]]] }), { maxJsonDepth: 5 })).resolves.toBeTruthy();
  });

  it('refuses invalid UTF-8 in the payload', async () => {
    const raw = `${b64u('{"alg":"HS256"}')}.${Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]).toString('base64url')}`; // {"a":"\xff"}
    const mac = createHmac('sha256', hs.signingKey as Uint8Array).update(raw).digest('base64url');
    expect((await rejection(verify(`${raw}.${mac}`))).message).toMatch(/payload is not valid UTF-8/);
  });

  it.each([
    ['exp', '123'], ['exp', null], ['nbf', true], ['iat', [1]], ['exp', { n: 1 }],
  ])('refuses %s = %j as ERR_JWT_INVALID (CVE-2026-44459)', async (claim, value) => {
    const err = await rejection(verify(token({ [claim]: value })));
    expect(err.code).toBe('ERR_JWT_INVALID');
    expect(err.claim).toBe(claim);
  });

  it('refuses an array iss even when one member is allowed (CVE-2025-30144)', async () => {
    const err = await rejection(verify(token({ iss: ['https://good', 'https://evil'] }), { issuer: 'https://good' }));
    expect(err.code).toBe('ERR_JWT_INVALID');
    expect(err.claim).toBe('iss');
  });

  it('round-trips Unicode claims', async () => {
    const claims = { name: 'Zoë Ørsted — 東京 🚀', emoji: '\u{1F600}', rtl: 'שלום', nul: 'a\u0000b' };
    const t = await signJwt(claims, hs.privateKey, { alg: 'HS256', currentDate: NOW });
    const { payload } = await verify(t);
    expect(payload).toMatchObject(claims);
  });
});

describe('verifyJwt: claims', () => {
  it('explains expiry with the exact time and tolerance', async () => {
    const err = await rejection(verify(token({ exp: T - 192 })));
    expect(err.code).toBe('ERR_JWT_EXPIRED');
    expect(err.claim).toBe('exp');
    expect(err.message).toBe('token expired 3m 12s ago at 2026-11-22T09:56:48Z; clock tolerance is 5s');
  });

  it('refuses a token not yet valid', async () => {
    const err = await rejection(verify(token({ nbf: T + 123 })));
    expect(err.code).toBe('ERR_JWT_NOT_YET_VALID');
    expect(err.message).toBe('token is not valid until 2026-11-22T10:02:03Z (in 2m 3s); clock tolerance is 5s');
  });

  it('uses the real clock without currentDate', async () => {
    const now = Date.now() / 1000;
    await expect(verifyJwt(token({ exp: now + 60 }), hs.publicKey, { algorithms: ['HS256'] })).resolves.toBeTruthy();
    expect((await rejection(verifyJwt(token({ exp: now - 60 }), hs.publicKey, { algorithms: ['HS256'] }))).code).toBe('ERR_JWT_EXPIRED');
  });

  it('checks iss, aud, sub, typ, maxTokenAge and requiredClaims', async () => {
    const t = token({ iss: 'https://auth', aud: ['web', 'api'], sub: 'u1', iat: T - 60, tenant: 't' });
    await expect(verify(t, {
      issuer: ['https://other', 'https://auth'], audience: 'api', subject: 'u1', typ: 'jwt', maxTokenAge: '5m', requiredClaims: ['tenant'],
    })).resolves.toBeTruthy();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ issuer: 'https://other' }, 'iss'],
      [{ audience: ['mobile'] }, 'aud'],
      [{ subject: 'u2' }, 'sub'],
      [{ typ: 'at+jwt' }, 'typ'],
      [{ maxTokenAge: '30s' }, 'iat'],
      [{ requiredClaims: ['tenant', 'role'] }, 'role'],
    ];
    for (const [options, claim] of cases) {
      const err = await rejection(verify(t, options));
      expect(err.code, claim).toBe('ERR_JWT_CLAIM_VALIDATION_FAILED');
      expect(err.claim).toBe(claim);
    }
  });

  it('refuses a token without aud when an audience is configured (CVE-2025-62610)', async () => {
    const err = await rejection(verify(token({ sub: 'u' }), { audience: 'api' }));
    expect(err.claim).toBe('aud');
    expect(err.reason).toBe('missing');
  });

  it('refuses an infinite or absurd clock tolerance (GHSA-687g-22h4-j4w4)', async () => {
    for (const clockTolerance of [Number.POSITIVE_INFINITY, Number.MAX_VALUE, 3601, '2h', Number.NaN, -1]) {
      expect((await rejection(verify(token({ exp: T - 10 }), { clockTolerance }))).code).toBe('ERR_JOSE_INVALID_OPTION');
    }
    await expect(verify(token({ exp: T - 10 }), { clockTolerance: '30s' })).resolves.toBeTruthy();
  });

  it('refuses misspelled and mistyped options instead of skipping a check', async () => {
    const t = token({ aud: 'other' });
    expect((await rejection(verify(t, { audiance: 'api' }))).message).toMatch(/unknown option 'audiance'/);
    for (const options of [{ audience: 1 }, { issuer: [] }, { currentDate: Date.now() }, { requiredClaims: 'sub' }, { typ: '' }, { critical: 'x' }]) {
      expect((await rejection(verify(t, options))).code).toBe('ERR_JOSE_INVALID_OPTION');
    }
    expect((await rejection(verifyJwt(t, hs.publicKey, undefined as never))).code).toBe('ERR_JOSE_INVALID_OPTION');
  });
});
