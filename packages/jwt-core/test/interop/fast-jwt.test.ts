/**
 * Interop with `fast-jwt` (HS, RS, PS, ES, EdDSA): its tokens verify with the core on every
 * backend that implements the algorithm, and the core's tokens verify with fast-jwt.
 */
import { createSigner, createVerifier } from 'fast-jwt';
import { describe, expect, it } from 'vitest';
import { signJwt, verifyJwt } from '../../src/index.js';
import type { BackendName } from '../../src/lib/backends/types.js';
import { ALGS, RSA, makePeerKeys } from './keys.js';

const keys = makePeerKeys();
const BACKENDS: readonly BackendName[] = ['node', 'webcrypto', 'noble'];

describe('fast-jwt -> core', () => {
  for (const alg of ALGS) {
    it(alg, async () => {
      const k = keys.get(alg)!;
      const sign = createSigner({ key: k.secret ?? k.privatePem!, algorithm: alg, kid: `k-${alg}`, iss: 'https://fast-jwt.example', aud: 'api', sub: 'u1', expiresIn: 300_000 });
      const token = sign({ scope: 'read', list: ['a', 'ü'] });
      for (const backend of BACKENDS.filter((b) => b !== 'noble' || !RSA(alg))) {
        const { payload, header } = await verifyJwt(token, k.coreVerifying, { algorithms: [alg], issuer: 'https://fast-jwt.example', audience: 'api', subject: 'u1', backend });
        expect(payload).toMatchObject({ scope: 'read', list: ['a', 'ü'] });
        expect(header).toMatchObject({ alg, kid: `k-${alg}` });
      }
    });
  }
});

describe('core -> fast-jwt', () => {
  for (const alg of ALGS) {
    it(alg, async () => {
      const k = keys.get(alg)!;
      const token = await signJwt({ scope: 'write' }, k.coreSigning, { alg, audience: 'api', expiresIn: '5m' });
      const verify = createVerifier({ key: k.secret ?? k.publicPem!, algorithms: [alg], allowedAud: 'api' });
      expect(verify(token)).toMatchObject({ scope: 'write', aud: 'api' });
    });
  }
});
