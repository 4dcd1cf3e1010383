/**
 * Properties of the parser on hostile input: random strings, random bytes as segments, random
 * JSON as header or payload (MACed correctly, so they reach every step up to the claims) never
 * crash, never escape as anything but a JoseError, and never hang. JWE decryption and decodeJwt
 * get the same treatment.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createVerifier, decodeJwt, decryptJwe, generateSecret, importSecret, verifyJws, verifyJwt } from '../../src/index.js';
import { b64u, forgeHmacRaw } from '../../../test-vectors/src/security/encoding.js';
import { NOW_DATE, outcome, runs } from './setup.js';

const SECRET = new Uint8Array(32).fill(0x33);
const KEY = importSecret(SECRET, { alg: 'HS256' });
const OPTIONS = { algorithms: ['HS256'], currentDate: NOW_DATE } as const;
const verifier = createVerifier({ keys: KEY, ...OPTIONS, cache: { max: 50 } });

const bytes = fc.uint8Array({ maxLength: 300 });
const segmentChars = fc.string({ maxLength: 200, unit: fc.constantFrom(...'ABCXYZabcxyz019-_.=+/ {}"\\\u0000\u00ff\ud800'.split('')) });

describe('random input never crashes the parser', () => {
  it('random strings: verifyJwt, verifyJws, createVerifier and decodeJwt throw only JoseErrors', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(fc.string({ maxLength: 400 }), segmentChars, fc.string({ unit: 'binary', maxLength: 200 })), async (s) => {
      expect(await outcome(() => verifyJwt(s, KEY, OPTIONS))).not.toBe('accepted');
      expect(await outcome(() => verifyJws(s, KEY, { algorithms: ['HS256'] }))).not.toBe('accepted');
      expect(await outcome(() => verifier(s))).not.toBe('accepted');
      await outcome(async () => decodeJwt(s));
    }), runs(150));
  });

  it('random bytes as header, payload and signature segments are refused with JoseErrors', async () => {
    await fc.assert(fc.asyncProperty(bytes, bytes, bytes, async (h, p, s) => {
      const token = `${b64u(h)}.${b64u(p)}.${b64u(s)}`;
      expect(await outcome(() => verifyJwt(token, KEY, OPTIONS))).not.toBe('accepted');
    }), runs(150));
  });

  it('random JSON headers (MACed correctly) are accepted only when they are an HS256 header, else refused with a JoseError', async () => {
    const header = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }),
      fc.dictionary(fc.oneof(fc.constantFrom('alg', 'kid', 'typ', 'crit', 'b64', 'jwk', 'jku', 'x5u', 'cty', '__proto__', 'constructor'), fc.string({ maxLength: 8 })), fc.jsonValue({ maxDepth: 3 })),
      fc.record({ alg: fc.constantFrom('HS256', 'none', 'RS256', 'hs256', ''), crit: fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }), kid: fc.option(fc.jsonValue({ maxDepth: 1 }), { nil: undefined }) }, { requiredKeys: ['alg'] }),
    );
    await fc.assert(fc.asyncProperty(header, async (h) => {
      const token = await forgeHmacRaw(JSON.stringify(h) ?? 'null', `{"sub":"u","exp":${NOW_DATE.getTime() / 1000 + 60}}`, SECRET);
      const result = await outcome(() => verifyJwt(token, KEY, OPTIONS));
      if (result === 'accepted') {
        expect((h as { alg?: unknown }).alg).toBe('HS256');
        expect((h as { crit?: unknown }).crit).toBeUndefined();
      }
    }), runs(200));
  });

  it('random JSON payloads (MACed correctly) give claims only when they are a JSON object, else JoseErrors', async () => {
    await fc.assert(fc.asyncProperty(fc.jsonValue({ maxDepth: 5 }), async (p) => {
      const token = await forgeHmacRaw('{"alg":"HS256"}', JSON.stringify(p) ?? 'null', SECRET);
      let claims: unknown;
      const result = await outcome(async () => { claims = (await verifyJwt(token, KEY, OPTIONS)).payload; });
      if (result === 'accepted') {
        expect(typeof p === 'object' && p !== null && !Array.isArray(p)).toBe(true);
        expect(Object.getPrototypeOf(claims)).toBe(Object.prototype);
      }
    }), runs(200));
  });

  it('random five-segment input to decryptJwe is refused with JoseErrors', async () => {
    const key = generateSecret('A128GCM');
    const header = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.record({ alg: fc.constantFrom('dir', 'A128KW', 'PBES2-HS256+A128KW', 'ECDH-ES'), enc: fc.constantFrom('A128GCM', 'A128CBC-HS256', 'x'), p2c: fc.integer(), zip: fc.option(fc.constant('DEF'), { nil: undefined }) }));
    await fc.assert(fc.asyncProperty(header, bytes, bytes, bytes, bytes, async (h, k, iv, c, t) => {
      const token = [b64u(JSON.stringify(h) ?? 'null'), b64u(k), b64u(iv), b64u(c), b64u(t)].join('.');
      expect(await outcome(() => decryptJwe(token, key, { algorithms: ['dir'], encryptionAlgorithms: ['A128GCM'] }))).not.toBe('accepted');
    }), runs(150));
  });
});
