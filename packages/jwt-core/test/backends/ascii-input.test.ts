/**
 * The optional ASCII fast path of a verifier (`VerifyFn.ascii`): node's HMAC verifiers take the JWS
 * signing input as text, and must give exactly the answer of the bytes path, for valid, altered and
 * wrongly sized signatures. The JWS pipeline uses it when present and bytes otherwise.
 */
import { describe, expect, it } from 'vitest';
import { node } from '../../src/lib/backends/node.js';
import { noble } from '../../src/lib/backends/noble.js';
import { keyVerifier } from '../../src/jws/key-backend.js';
import { verifyJws } from '../../src/jws/verify.js';
import { signJws } from '../../src/jws/sign.js';
import { importJwk } from '../../src/jwk/import.js';
import { flipBit, keysFor } from './fixtures.js';

const INPUT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXNzZXJhIiwiaWF0IjoxNzAwMDAwMDAwfQ';
const BYTES = new TextEncoder().encode(INPUT);

describe('VerifyFn.ascii', () => {
  for (const alg of ['HS256', 'HS384', 'HS512'] as const) {
    it(`node ${alg}: the ASCII path agrees with the bytes path`, async () => {
      const jwk = keysFor(alg).privateJwk;
      const signature = await node.signer(alg, jwk)(BYTES);
      const verify = node.verifier(alg, jwk);
      expect(verify.ascii).toBeTypeOf('function');
      for (const sig of [signature, flipBit(signature, 0), flipBit(signature, -1), signature.slice(1), new Uint8Array(0)]) {
        expect(verify.ascii!(INPUT, sig)).toBe(await verify(BYTES, sig));
      }
      expect(verify.ascii!(INPUT, signature)).toBe(true);
      expect(verify.ascii!(`${INPUT}x`, signature)).toBe(false);
    });
  }

  for (const alg of ['HS256', 'HS384', 'HS512'] as const) {
    it(`node ${alg}: the base64url path agrees with the bytes path, and refuses other lengths`, async () => {
      const jwk = keysFor(alg).privateJwk;
      const signature = await node.signer(alg, jwk)(BYTES);
      const verify = node.verifier(alg, jwk);
      expect(verify.base64url).toBeTypeOf('function');
      const text = (b: Uint8Array): string => Buffer.from(b).toString('base64url');
      for (const sig of [signature, flipBit(signature, 0), flipBit(signature, -1), signature.slice(1), signature.slice(0, -1)]) {
        expect(verify.base64url!(INPUT, text(sig))).toBe(await verify(BYTES, sig));
      }
      expect(verify.base64url!(INPUT, text(signature))).toBe(true);
      expect(verify.base64url!(`${INPUT}x`, text(signature))).toBe(false);
      expect(verify.base64url!(INPUT, '')).toBe(false);
      // One character longer or shorter is refused by length before any comparison.
      expect(verify.base64url!(INPUT, `${text(signature)}A`)).toBe(false);
      expect(verify.base64url!(INPUT, text(signature).slice(0, -1))).toBe(false);
    });
  }

  it('a signature segment that is not canonical base64url is refused before comparison, whatever the backend', async () => {
    const jwk = keysFor('HS256').privateJwk;
    const key = importJwk(jwk, { alg: 'HS256' });
    const token = await signJws('hello', key, { alg: 'HS256' });
    const sig = token.slice(token.lastIndexOf('.') + 1);
    // 43 characters: the last one carries 2 unused bits; setting one keeps the bytes but not the text.
    const last = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.indexOf(sig.at(-1)!);
    const nonCanonical = token.slice(0, -1) + 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[last | 1];
    expect(Buffer.from(nonCanonical.slice(nonCanonical.lastIndexOf('.') + 1), 'base64url')).toEqual(Buffer.from(sig, 'base64url'));
    for (const backend of ['node', 'noble', 'webcrypto'] as const) {
      await expect(verifyJws(nonCanonical, key, { algorithms: ['HS256'], backend })).rejects.toMatchObject({ code: 'ERR_JWS_INVALID', reason: 'base64url' });
      await expect(verifyJws(`${token}=`, key, { algorithms: ['HS256'], backend })).rejects.toMatchObject({ code: 'ERR_JWS_INVALID' });
      // 40 characters (a whole number of quads, so canonical): 30 bytes, refused by length.
      await expect(verifyJws(token.slice(0, -3), key, { algorithms: ['HS256'], backend })).rejects.toMatchObject({ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED', reason: 'length' });
    }
  });

  it('backends without an ASCII path still get bytes through the pipeline', async () => {
    const jwk = keysFor('HS256').privateJwk;
    const key = importJwk(jwk, { alg: 'HS256' });
    expect(noble.verifier('HS256', jwk).ascii).toBeUndefined();
    expect(keyVerifier(key, 'HS256', 'node').ascii).toBeTypeOf('function');
    const token = await signJws('hello', key, { alg: 'HS256' });
    for (const backend of ['node', 'noble', 'webcrypto'] as const) {
      const { payload } = await verifyJws(token, key, { algorithms: ['HS256'], backend });
      expect(new TextDecoder().decode(payload)).toBe('hello');
      // Change a character well inside the signature: the last one may carry only padding bits.
      const at = token.length - 10;
      const tampered = token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);
      await expect(verifyJws(tampered, key, { algorithms: ['HS256'], backend })).rejects.toMatchObject({ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
    }
  });
});
