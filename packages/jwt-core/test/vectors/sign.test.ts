/**
 * Signing on every backend: the deterministic RFC signatures (RS256, EdDSA, HS256) are
 * reproduced byte for byte, and every algorithm round-trips between every pair of backends
 * (sign on one, verify on another), so the three backends give identical, interoperable results.
 */
import { describe, expect, it } from 'vitest';
import { signingVectors } from '../../../test-vectors/src/index.js';
import { importJwk, signJws, signJwt, verifyJws, verifyJwt, type Jwk, type JwsAlgorithm } from '../../src/index.js';
import { JWS_ALGORITHMS } from '../../src/lib/algorithms.js';
import type { BackendName } from '../../src/lib/backends/types.js';
import { BACKEND_GAPS } from './harness.js';
import { privateJwkFor, publicJwkFor } from './keys.js';

const FORCED: readonly BackendName[] = ['node', 'webcrypto', 'noble'];
const runs = (backend: BackendName, alg: string): boolean => !BACKEND_GAPS[backend].includes(alg);

describe('deterministic RFC signatures are reproduced exactly', () => {
  for (const backend of FORCED) {
    for (const c of signingVectors()) {
      it.skipIf(!runs(backend, c.alg))(`${c.id} (${c.alg}) on ${backend}`, async () => {
        const key = importJwk(c.key as Jwk);
        const token = await signJws(c.payloadText, key, { alg: c.alg as JwsAlgorithm, header: c.header, backend });
        expect(token).toBe(c.expectedCompact);
      });
    }
  }
});

describe('every algorithm round-trips between every pair of backends', () => {
  const T0 = new Date('2026-11-22T10:00:00Z');
  for (const alg of JWS_ALGORITHMS) {
    it(alg, async () => {
      const signingKey = importJwk(privateJwkFor(alg), { alg, kid: 'rt' });
      const verifyingKey = importJwk(publicJwkFor(alg), { alg, kid: 'rt' });
      let pairs = 0;
      for (const signOn of FORCED.filter((b) => runs(b, alg))) {
        const token = await signJwt({ sub: 'user-1', name: 'Zoë 漢字' }, signingKey, { alg, expiresIn: '5m', audience: 'api', currentDate: T0, backend: signOn });
        for (const verifyOn of FORCED.filter((b) => runs(b, alg))) {
          const { payload, header } = await verifyJwt(token, verifyingKey, { algorithms: [alg], audience: 'api', currentDate: T0, backend: verifyOn });
          expect(payload).toMatchObject({ sub: 'user-1', name: 'Zoë 漢字', aud: 'api', exp: T0.getTime() / 1000 + 300 });
          expect(header).toMatchObject({ alg, kid: 'rt' });
          const at = token.lastIndexOf('.') + 1;
          const tampered = `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`;
          await expect(verifyJws(tampered, verifyingKey, { algorithms: [alg], backend: verifyOn })).rejects.toMatchObject({ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
          pairs++;
        }
      }
      expect(pairs).toBe(alg.startsWith('RS') || alg.startsWith('PS') ? 4 : 9);
    });
  }
});
