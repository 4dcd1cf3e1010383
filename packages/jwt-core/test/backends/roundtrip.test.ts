/**
 * Every backend, every algorithm it implements: sign -> verify, cross-backend agreement, and
 * refusal of tampered signatures and messages.
 */
import { describe, expect, it } from 'vitest';
import { algorithmInfo, type JwsAlgorithm } from '../../src/lib/algorithms.js';
import { JoseError } from '../../src/errors.js';
import { webcryptoHasEd25519 } from '../../src/lib/backends/webcrypto.js';
import { ALGS, BACKENDS, flipBit, keysFor, otherKeysFor } from './fixtures.js';

const MESSAGE = new TextEncoder().encode('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXNzZXJhIiwiaWF0IjoxNzAwMDAwMDAwfQ');
const NOBLE_ALGS = ['HS256', 'HS384', 'HS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

describe('backend availability on Node', () => {
  it('node and webcrypto implement every JWS algorithm; noble every one but RSA', async () => {
    expect(await webcryptoHasEd25519()).toBe(true);
    for (const alg of ALGS) {
      expect(BACKENDS.map((b) => b.available(alg))).toEqual([true, true, NOBLE_ALGS.includes(alg)]);
    }
  });

  it('no backend implements none or a JWE algorithm', () => {
    for (const b of BACKENDS) {
      expect(b.available('none' as JwsAlgorithm)).toBe(false);
      expect(b.available('RSA-OAEP' as JwsAlgorithm)).toBe(false);
    }
  });
});

for (const alg of ALGS) {
  const backends = BACKENDS.filter((b) => b.available(alg));
  const info = algorithmInfo(alg)!;

  describe(alg, () => {
    for (const signer of backends) {
      it(`${signer.name} signs; every backend verifies the signature and refuses a tampered one`, async () => {
        const { privateJwk, publicJwk } = keysFor(alg);
        const sig = await signer.signer(alg, privateJwk)(MESSAGE);
        // A plain Uint8Array from every backend (node:crypto's Buffers are unwrapped).
        expect(Object.getPrototypeOf(sig)).toBe(Uint8Array.prototype);
        if (info.signatureBytes !== undefined) expect(sig.length).toBe(info.signatureBytes);
        else expect(sig.length).toBe(256);

        for (const verifier of backends) {
          const verify = verifier.verifier(alg, publicJwk);
          const label = `${signer.name} -> ${verifier.name}`;
          expect(await verify(MESSAGE, sig), label).toBe(true);
          // A private JWK given to a verifier verifies through its public part.
          expect(await verifier.verifier(alg, privateJwk)(MESSAGE, sig), label).toBe(true);
          expect(await verify(MESSAGE, flipBit(sig, 0)), label).toBe(false);
          expect(await verify(MESSAGE, flipBit(sig, -1)), label).toBe(false);
          expect(await verify(flipBit(MESSAGE, 10), sig), label).toBe(false);
          expect(await verify(MESSAGE.subarray(1), sig), label).toBe(false);
          // Robust against lengths the caller should have refused: false, never a throw.
          expect(await verify(MESSAGE, sig.subarray(0, sig.length - 1)), label).toBe(false);
          expect(await verify(MESSAGE, new Uint8Array(0)), label).toBe(false);
          expect(await verify(MESSAGE, new Uint8Array(sig.length + 1)), label).toBe(false);
          expect(await verify(MESSAGE, new Uint8Array(sig.length)), label).toBe(false);
        }
      });
    }

    it('a signature made with another key of the same kind is refused by every backend', async () => {
      const sig = await backends[0]!.signer(alg, keysFor(alg).privateJwk)(MESSAGE);
      const other = otherKeysFor(alg).publicJwk;
      for (const b of backends) expect(await b.verifier(alg, other)(MESSAGE, sig), b.name).toBe(false);
    });
  });
}

describe('keys a backend cannot use are ERR_JWK_INVALID, without key material in the message', () => {
  // A P-256 point that is not on the curve (y changed), and the matching signing key without "d".
  const { publicJwk } = keysFor('ES256');
  const offCurve = { ...publicJwk, y: Buffer.from(flipBit(Buffer.from(publicJwk.y as string, 'base64url'), -1)).toString('base64url') };

  for (const backend of BACKENDS.filter((b) => b.available('ES256'))) {
    it(`${backend.name}: EC point off the curve`, async () => {
      const err = await (async () => backend.verifier('ES256', offCurve)(new Uint8Array(1), new Uint8Array(64)))().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(JoseError);
      expect((err as JoseError).code).toBe('ERR_JWK_INVALID');
      expect((err as JoseError).message).toContain(`${backend.name} backend could not import the EC P-256 key for ES256`);
      expect((err as JoseError).message).not.toContain(offCurve.y);
    });

    it(`${backend.name}: signing with a public JWK`, async () => {
      const err = await (async () => backend.signer('ES256', publicJwk)(new Uint8Array(1)))().then(() => undefined, (e: unknown) => e);
      expect(err).toBeInstanceOf(JoseError);
      expect((err as JoseError).code).toBe('ERR_JWK_INVALID');
    });
  }

  it('noble refuses RSA with ERR_JOSE_NOT_SUPPORTED naming the backend and algorithm', () => {
    const { publicJwk: rsa } = keysFor('RS256');
    for (const alg of ['RS256', 'PS512'] as const) {
      expect(() => BACKENDS[2]!.verifier(alg, rsa)).toThrow(expect.objectContaining({ code: 'ERR_JOSE_NOT_SUPPORTED', message: expect.stringContaining(`noble backend cannot run ${alg}`) }));
    }
  });
});
