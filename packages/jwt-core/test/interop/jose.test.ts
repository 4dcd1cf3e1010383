/**
 * Interop with `jose`: tokens jose signs verify with the core (every algorithm, every backend
 * that implements it), and tokens the core signs verify with jose, for every algorithm.
 */
import * as jose from 'jose';
import { describe, expect, it } from 'vitest';
import { signJws, signJwt, verifyJws, verifyJwt } from '../../src/index.js';
import type { BackendName } from '../../src/lib/backends/types.js';
import { ALGS, RSA, makePeerKeys } from './keys.js';

const keys = makePeerKeys();
const BACKENDS: readonly BackendName[] = ['node', 'webcrypto', 'noble'];
const backendsFor = (alg: string) => BACKENDS.filter((b) => b !== 'noble' || !RSA(alg));

describe('jose -> core', () => {
  for (const alg of ALGS) {
    it(alg, async () => {
      const k = keys.get(alg)!;
      const token = await new jose.SignJWT({ scope: 'read', name: 'Zoë' })
        .setProtectedHeader({ alg, kid: `k-${alg}`, typ: 'JWT' })
        .setIssuer('https://jose.example').setAudience('api').setSubject('u1').setIssuedAt().setExpirationTime('5m')
        .sign(k.secret ?? k.privateKey!);
      for (const backend of backendsFor(alg)) {
        const { payload, header } = await verifyJwt(token, k.coreVerifying, { algorithms: [alg], issuer: 'https://jose.example', audience: 'api', subject: 'u1', backend });
        expect(payload).toMatchObject({ scope: 'read', name: 'Zoë', iss: 'https://jose.example', aud: 'api', sub: 'u1' });
        expect(header).toMatchObject({ alg, kid: `k-${alg}` });
      }
      // A raw JWS with a non-JSON payload.
      const jws = await new jose.CompactSign(new TextEncoder().encode('plain bytes \u2713')).setProtectedHeader({ alg }).sign(k.secret ?? k.privateKey!);
      const r = await verifyJws(jws, k.coreVerifying, { algorithms: [alg] });
      expect(new TextDecoder().decode(r.payload)).toBe('plain bytes \u2713');
    });
  }
});

describe('core -> jose', () => {
  for (const alg of ALGS) {
    it(alg, async () => {
      const k = keys.get(alg)!;
      for (const backend of backendsFor(alg)) {
        const token = await signJwt({ scope: 'write' }, k.coreSigning, { alg, issuer: 'https://tessera.example', audience: ['api', 'web'], subject: 'u2', expiresIn: '5m', jti: true, backend });
        const { payload, protectedHeader } = await jose.jwtVerify(token, k.secret ?? k.publicKey!, { algorithms: [alg], issuer: 'https://tessera.example', audience: 'web', subject: 'u2' });
        expect(payload).toMatchObject({ scope: 'write', aud: ['api', 'web'] });
        expect(typeof payload.jti).toBe('string');
        expect(protectedHeader).toMatchObject({ alg, typ: 'JWT', kid: `k-${alg}` });
        const jws = await signJws('hello \u2713', k.coreSigning, { alg, backend });
        const r = await jose.compactVerify(jws, k.secret ?? k.publicKey!, { algorithms: [alg] });
        expect(new TextDecoder().decode(r.payload)).toBe('hello \u2713');
      }
    });
  }

  it('jose refuses a core token whose signature was altered (the check is real)', async () => {
    const k = keys.get('ES256')!;
    const token = await signJwt({ sub: 'x' }, k.coreSigning, { alg: 'ES256', expiresIn: '5m' });
    const at = token.lastIndexOf('.') + 1;
    const forged = `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`;
    await expect(jose.jwtVerify(forged, k.publicKey!, { algorithms: ['ES256'] })).rejects.toMatchObject({ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
  });
});
