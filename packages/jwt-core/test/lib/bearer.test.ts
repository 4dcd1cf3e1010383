/**
 * A token passed with its "Bearer " scheme in front (src/lib/bearer.ts) is refused by name, with
 * the fix as hint, instead of as a base64url or segment error; the token itself is never echoed.
 */
import { describe, expect, it } from 'vitest';
import { decryptJwe } from '../../src/jwe/decrypt.js';
import { encryptJwe } from '../../src/jwe/encrypt.js';
import { importSecret } from '../../src/jwk/import-secret.js';
import { verifyJws } from '../../src/jws/verify.js';
import { decodeJwt } from '../../src/jwt/decode.js';
import { signJwt } from '../../src/jwt/sign.js';
import { verifyJwt } from '../../src/jwt/verify.js';
import { rejection, thrown } from '../helpers/errors.js';

const hmac = importSecret('a-secret-of-at-least-32-characters!', { alg: 'HS256' });
const kw = importSecret(new Uint8Array(16), { alg: 'A128KW' });
const JWE = { algorithms: ['A128KW'] as ['A128KW'], encryptionAlgorithms: ['A128GCM'] as ['A128GCM'] };

function expectBearerRefusal(err: { code: string; reason?: string; message: string; hint?: string }, token: string, code = 'ERR_JWS_INVALID'): void {
  expect(err.code).toBe(code);
  expect(err.reason).toBe('bearer');
  expect(err.message).toMatch(/^the token starts with the "bearer " prefix of the Authorization header/i);
  expect(err.message).not.toContain(token.slice(7, 30));
  expect(err.hint).toMatch(/pass only the token/);
}

describe('a token with its Bearer prefix', () => {
  it.each(['Bearer ', 'bearer ', 'BEARER '])('verifyJwt, verifyJws and decodeJwt name the %j prefix', async (prefix) => {
    const token = await signJwt({ sub: 'u' }, hmac, { alg: 'HS256' });
    expectBearerRefusal(await rejection(verifyJwt(prefix + token, hmac, { algorithms: ['HS256'] })), token);
    expectBearerRefusal(await rejection(verifyJws(prefix + token, hmac, { algorithms: ['HS256'] })), token);
    expectBearerRefusal(thrown(() => decodeJwt(prefix + token)), token);
    expect((await verifyJwt(token, hmac, { algorithms: ['HS256'] })).payload.sub).toBe('u');
  });

  it('decryptJwe and verifyJwt with decrypt name it too', async () => {
    const jwe = await encryptJwe('x', kw, { alg: 'A128KW', enc: 'A128GCM' });
    expectBearerRefusal(await rejection(decryptJwe(`Bearer ${jwe}`, kw, JWE)), jwe, 'ERR_JWE_INVALID');
    const nested = await signJwt({ sub: 'u' }, hmac, { alg: 'HS256', encrypt: { key: kw, alg: 'A128KW', enc: 'A128GCM' } });
    const err = await rejection(verifyJwt(`Bearer ${nested}`, hmac, { algorithms: ['HS256'], decrypt: { keys: kw, ...JWE } }));
    expectBearerRefusal(err, nested, 'ERR_JWE_INVALID');
  });

  it('other leading text is still a format error, not a Bearer one', async () => {
    const token = await signJwt({ sub: 'u' }, hmac, { alg: 'HS256' });
    const err = await rejection(verifyJwt(`Basic ${token}`, hmac, { algorithms: ['HS256'] }));
    expect(err.code).toBe('ERR_JWS_INVALID');
    expect(err.reason).not.toBe('bearer');
  });
});
