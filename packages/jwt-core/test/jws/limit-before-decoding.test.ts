/**
 * Limits come before the work they guard: an oversized token is refused before any base64url
 * scan or decode, an oversized header before its decode. The base64url module is wrapped with
 * counters so the test sees whether it was reached.
 */
import { describe, expect, it, vi } from 'vitest';

const calls = { scan: 0, decode: 0 };
vi.mock('../../src/lib/base64url.js', async (original) => {
  const actual = await original<typeof import('../../src/lib/base64url.js')>();
  return {
    ...actual,
    isStrictBase64url: (s: string) => { calls.scan++; return actual.isStrictBase64url(s); },
    decodeBase64url: (...args: Parameters<typeof actual.decodeBase64url>) => { calls.decode++; return actual.decodeBase64url(...args); },
    decodeCheckedBase64url: (s: string) => { calls.decode++; return actual.decodeCheckedBase64url(s); },
  };
});

const { verifyJws } = await import('../../src/jws/verify.js');
const { verifyJwt } = await import('../../src/jwt/verify.js');
const { b64u, forge, keysFor, rejection } = await import('./helpers.js');

const hs = keysFor('HS256');

describe('limits before decoding', () => {
  it('refuses an oversized token without scanning or decoding any segment', async () => {
    const token = forge({ alg: 'HS256' }, 'x'.repeat(20_000), 'HS256', hs.signingKey);
    calls.scan = 0;
    calls.decode = 0;
    const err = await rejection(verifyJwt(token, hs.publicKey, { algorithms: ['HS256'] }));
    expect(err.limit).toBe('maxTokenLength=16384');
    expect(calls).toEqual({ scan: 0, decode: 0 });
  });

  it('refuses an oversized header before decoding it', async () => {
    const header = b64u(JSON.stringify({ alg: 'HS256', pad: 'p'.repeat(5000) }));
    const token = forge(header, 'x', 'HS256', hs.signingKey);
    calls.decode = 0;
    const err = await rejection(verifyJws(token, hs.publicKey, { algorithms: ['HS256'] }));
    expect(err.limit).toBe('maxHeaderBytes=4096');
    // Nothing was decoded: the signature segment is only scanned in step 1, the header never decoded.
    expect(calls.decode).toBe(0);
  });

  it('counts the work a valid token takes, so the counters are known to work', async () => {
    const token = forge({ alg: 'HS256' }, 'x', 'HS256', hs.signingKey);
    await verifyJws(token, hs.publicKey, { algorithms: ['HS256'] }); // first use prepares the key (decodes its JWK)
    calls.scan = 0;
    calls.decode = 0;
    await verifyJws(token, hs.publicKey, { algorithms: ['HS256'] });
    expect(calls.scan).toBeGreaterThan(0);
    // Header and payload; node's HMAC compares the signature segment as base64url text, undecoded.
    expect(calls.decode).toBe(2);
  });
});
