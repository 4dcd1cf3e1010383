/**
 * CVE-2020-28042: the signature length is checked before any backend sees the signature. The
 * backend is replaced by one that accepts everything, so only the length check can refuse.
 */
import { describe, expect, it, vi } from 'vitest';

const calls: Array<{ alg: string; length: number }> = [];
vi.mock('../../src/jws/key-backend.js', async (original) => {
  const actual = await original<typeof import('../../src/jws/key-backend.js')>();
  return {
    ...actual,
    keyVerifier: (_key: unknown, alg: string) => (_data: Uint8Array, signature: Uint8Array) => {
      calls.push({ alg, length: signature.length });
      return true;
    },
  };
});

const { verifyJws } = await import('../../src/jws/verify.js');
const { forge, keysFor, rejection, withSignature } = await import('./helpers.js');

describe('signature length before verification (CVE-2020-28042)', () => {
  it.each([
    ['HS256', 32], ['HS512', 64], ['ES256', 64], ['ES512', 132], ['EdDSA', 64], ['RS256', 256], ['PS384', 256],
  ] as const)('%s: only a %i-byte signature reaches the backend', async (alg, length) => {
    const { publicKey, signingKey } = keysFor(alg);
    const token = forge({ alg }, 'p', alg, signingKey);
    for (const bad of [0, 1, length - 1, length + 1]) {
      calls.length = 0;
      const err = await rejection(verifyJws(withSignature(token, new Uint8Array(bad)), publicKey, { algorithms: [alg] }));
      expect(err.code).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
      expect(err.reason).toBe('length');
      expect(calls).toEqual([]);
    }
    calls.length = 0;
    await verifyJws(withSignature(token, new Uint8Array(length)), publicKey, { algorithms: [alg] });
    expect(calls).toEqual([{ alg, length }]);
  });
});
