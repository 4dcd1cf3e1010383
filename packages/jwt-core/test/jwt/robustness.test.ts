/**
 * Whatever the input, verification refuses with a JoseError (never another exception, never a
 * pass): random strings, random headers and payloads, and single-character changes to valid tokens.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JoseError } from '../../src/errors.js';
import { createVerifier } from '../../src/jwt/create-verifier.js';
import { decodeJwt } from '../../src/jwt/decode.js';
import { signJwt } from '../../src/jwt/sign.js';
import { b64u, keysFor } from '../jws/helpers.js';

const hs = keysFor('HS256');
const verify = createVerifier({ keys: hs.publicKey, algorithms: ['HS256'] });

async function refusal(token: string): Promise<unknown> {
  try {
    await verify(token);
  } catch (err) {
    return err;
  }
  return undefined;
}

describe('robustness', () => {
  it('refuses random strings with a JoseError', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.array(fc.base64String(), { maxLength: 5 }).map((a) => a.join('.'))), async (s) => {
      expect(await refusal(s)).toBeInstanceOf(JoseError);
    }), { numRuns: 300 });
  });

  it('refuses random JSON headers and payloads with a JoseError', async () => {
    await fc.assert(fc.asyncProperty(fc.json(), fc.json(), fc.base64String(), async (h, p, s) => {
      const token = `${b64u(h)}.${b64u(p)}.${s.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')}`;
      const err = await refusal(token);
      expect(err).toBeInstanceOf(JoseError);
      expect(() => { try { decodeJwt(token); } catch (e) { if (!(e instanceof JoseError)) throw e; } }).not.toThrow();
    }), { numRuns: 300 });
  });

  it('refuses any single-character change to a valid token', async () => {
    const token = await signJwt({ sub: 'user-1', n: 42, name: 'Zoë' }, hs.privateKey, { alg: 'HS256', expiresIn: '1h' });
    await expect(verify(token)).resolves.toBeTruthy();
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ';
    await fc.assert(fc.asyncProperty(fc.nat(token.length - 1), fc.constantFrom(...alphabet), async (i, c) => {
      fc.pre(token[i] !== c);
      const mutated = token.slice(0, i) + c + token.slice(i + 1);
      expect(await refusal(mutated)).toBeInstanceOf(JoseError);
    }), { numRuns: 400 });
  });

  it('round-trips random claims, Unicode included', async () => {
    const verifyAny = createVerifier({ keys: hs.publicKey, algorithms: ['HS256'] });
    await fc.assert(fc.asyncProperty(fc.dictionary(fc.string({ unit: 'grapheme' }).filter((k) => !['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti', '__proto__'].includes(k)), fc.jsonValue({ maxDepth: 3 })), async (claims) => {
      // A nested "__proto__" member is refused by signJwt on purpose (tested in the sign suite); not a round trip.
      fc.pre(!JSON.stringify(claims).includes('"__proto__"'));
      const token = await signJwt(claims, hs.privateKey, { alg: 'HS256' });
      const { payload } = await verifyAny(token);
      expect(payload).toEqual({ ...JSON.parse(JSON.stringify(claims)), iat: payload.iat });
    }), { numRuns: 150 });
  });
});
