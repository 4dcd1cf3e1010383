/**
 * Properties of verification under tampering, for random valid tokens of every algorithm: any
 * single character change of the compact form, any single byte change inside a decoded segment
 * (re-encoded canonically, so the signature check itself is what refuses it), any truncation,
 * any extension and any reordering of the segments is refused, always with a JoseError, within a
 * time bound. The untouched token verifies (control).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { signJwt, verifyJwt } from '../../src/index.js';
import { b64u, unb64u } from '../../../test-vectors/src/security/encoding.js';
import type { JwsAlgorithm } from '../../src/index.js';
import { ALGS, type AlgKeys, keysForAll, NOW_DATE, outcome, runs } from './setup.js';

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
// Replacement characters: the base64url alphabet plus separators and characters a transport may inject.
const REPLACEMENTS = fc.constantFrom(...`${B64URL}.=+/ %\u0000\u00e9`.split(''));
/** Random claims: a subject and a few private claims, Unicode included. */
const CLAIMS = fc.record({ sub: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }), role: fc.constantFrom('reader', 'admin'), note: fc.string({ maxLength: 30 }) });

let keys: Map<JwsAlgorithm, AlgKeys>;
const tokens = new Map<JwsAlgorithm, string>();
const others = new Map<JwsAlgorithm, string>();

beforeAll(async () => {
  keys = await keysForAll();
  for (const alg of ALGS) {
    const k = keys.get(alg)!;
    tokens.set(alg, await signJwt({ sub: 'user-1', role: 'reader', n: 1 }, k.signKey, { alg, expiresIn: '1h', currentDate: NOW_DATE }));
    others.set(alg, await signJwt({ sub: 'user-2', role: 'admin', n: 2 }, k.signKey, { alg, expiresIn: '1h', currentDate: NOW_DATE }));
  }
}, 60_000);

const verify = (alg: JwsAlgorithm, token: string) => () => verifyJwt(token, keys.get(alg)!.verifyKey, { algorithms: [alg], currentDate: NOW_DATE });

describe.each(ALGS.map((alg) => [alg]))('tampering with a valid %s token', (alg) => {
  it('the untouched token verifies (control)', async () => {
    expect(await outcome(verify(alg, tokens.get(alg)!))).toBe('accepted');
  });

  it('any single-character change of a random valid token is refused', async () => {
    const k = keys.get(alg)!;
    await fc.assert(fc.asyncProperty(CLAIMS, fc.nat(), REPLACEMENTS, async (claims, at, c) => {
      const token = await signJwt(claims, k.signKey, { alg, expiresIn: '1h', currentDate: NOW_DATE });
      expect(await outcome(verify(alg, token))).toBe('accepted');
      const i = at % token.length;
      fc.pre(token[i] !== c);
      expect(await outcome(verify(alg, token.slice(0, i) + c + token.slice(i + 1)))).not.toBe('accepted');
    }), runs(30));
  });

  it('any single-byte change inside a decoded segment, re-encoded canonically, is refused', async () => {
    const k = keys.get(alg)!;
    await fc.assert(fc.asyncProperty(CLAIMS, fc.constantFrom(0, 1, 2), fc.nat(), fc.integer({ min: 1, max: 255 }), async (claims, seg, at, mask) => {
      const token = await signJwt(claims, k.signKey, { alg, expiresIn: '1h', currentDate: NOW_DATE });
      const parts = token.split('.');
      const bytes = unb64u(parts[seg]!);
      const i = at % bytes.length;
      bytes[i] = bytes[i]! ^ mask;
      parts[seg] = b64u(bytes);
      expect(await outcome(verify(alg, parts.join('.')))).not.toBe('accepted');
    }), runs(30));
  });

  it('any truncation and any extension is refused', async () => {
    const token = tokens.get(alg)!;
    await fc.assert(fc.asyncProperty(fc.nat({ max: token.length - 1 }), async (n) => {
      expect(await outcome(verify(alg, token.slice(0, n)))).not.toBe('accepted');
    }), runs(25));
    await fc.assert(fc.asyncProperty(fc.string({ minLength: 1, maxLength: 40, unit: fc.constantFrom(...`${B64URL}.=`.split('')) }), async (suffix) => {
      expect(await outcome(verify(alg, token + suffix))).not.toBe('accepted');
    }), runs(25));
  });

  it('any reordering of the segments, or a segment taken from another valid token, is refused', async () => {
    const a = tokens.get(alg)!.split('.');
    const b = others.get(alg)!.split('.');
    const orders = [[0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
    for (const order of orders) expect(await outcome(verify(alg, order.map((i) => a[i]).join('.')))).not.toBe('accepted');
    await fc.assert(fc.asyncProperty(fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }), async (fromB) => {
      // Mixing segments of two tokens signed by the same key: only the two originals may verify.
      fc.pre(fromB.some(Boolean) && !fromB.every(Boolean));
      const mixed = fromB.map((useB, i) => (useB ? b[i] : a[i])).join('.');
      fc.pre(mixed !== tokens.get(alg) && mixed !== others.get(alg));
      expect(await outcome(verify(alg, mixed))).not.toBe('accepted');
    }), runs(10));
  });
});
