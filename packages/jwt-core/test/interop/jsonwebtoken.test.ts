/**
 * Interop with `jsonwebtoken` (HS, RS, PS, ES; it has no EdDSA): its tokens verify with the core
 * on every backend that implements the algorithm, and the core's tokens verify with it.
 */
import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { signJwt, verifyJwt, type JwsAlgorithm } from '../../src/index.js';
import type { BackendName } from '../../src/lib/backends/types.js';
import { ALGS, RSA, makePeerKeys } from './keys.js';

const keys = makePeerKeys();
const SUPPORTED = ALGS.filter((a) => a !== 'EdDSA') as Exclude<JwsAlgorithm, 'EdDSA'>[];
const BACKENDS: readonly BackendName[] = ['node', 'webcrypto', 'noble'];

describe('jsonwebtoken -> core', () => {
  it('covers every algorithm jsonwebtoken supports', () => {
    expect(SUPPORTED).toHaveLength(12);
  });
  for (const alg of SUPPORTED) {
    it(alg, async () => {
      const k = keys.get(alg)!;
      const token = jwt.sign({ scope: 'read', nested: { a: [1, 2] } }, k.secret ?? k.privatePem!, {
        algorithm: alg, keyid: `k-${alg}`, issuer: 'https://jsonwebtoken.example', audience: 'api', subject: 'u1', expiresIn: 300,
      });
      for (const backend of BACKENDS.filter((b) => b !== 'noble' || !RSA(alg))) {
        const { payload, header } = await verifyJwt(token, k.coreVerifying, { algorithms: [alg], issuer: 'https://jsonwebtoken.example', audience: 'api', backend });
        expect(payload).toMatchObject({ scope: 'read', nested: { a: [1, 2] }, sub: 'u1' });
        expect(header).toMatchObject({ alg, kid: `k-${alg}`, typ: 'JWT' });
      }
    });
  }
});

describe('core -> jsonwebtoken', () => {
  for (const alg of SUPPORTED) {
    it(alg, async () => {
      const k = keys.get(alg)!;
      const token = await signJwt({ scope: 'write' }, k.coreSigning, { alg, audience: 'api', expiresIn: '5m' });
      const payload = jwt.verify(token, k.secret ?? k.publicPem!, { algorithms: [alg], audience: 'api' }) as jwt.JwtPayload;
      expect(payload).toMatchObject({ scope: 'write', aud: 'api' });
    });
  }
});
