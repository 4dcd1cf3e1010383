import { createPublicKey } from 'node:crypto';
import { generateKeyObjects } from '../helpers/keygen.js';
import { describe, expect, it } from 'vitest';
import type { Key } from '../../src/jwk/key.js';
import type { KeySet } from '../../src/jwks/types.js';
import { signJws } from '../../src/jws/sign.js';
import { verifyJws } from '../../src/jws/verify.js';
import type { JwsAlgorithm } from '../../src/lib/algorithms.js';
import { b64u, forge, keysFor, rejection, signatureOf, withSignature } from './helpers.js';

const hs = keysFor('HS256');
const hsToken = (header: Record<string, unknown> | string = { alg: 'HS256' }, payload = 'payload') => forge(header, payload, 'HS256', hs.signingKey);
const verifyHs = (token: string, options: Record<string, unknown> = {}) => verifyJws(token, hs.publicKey, { algorithms: ['HS256'], ...options });

/** A minimal key set over fixed keys, to exercise selection bounds. */
function listSet(keys: readonly Key[]): KeySet {
  return { keys, jwks: () => ({ keys: [] }), select: () => keys };
}

describe('verifyJws: options', () => {
  it('requires a non-empty allow-list of known algorithms', async () => {
    const token = hsToken();
    for (const algorithms of [undefined, [], 'HS256', ['HS257'], [1]]) {
      expect((await rejection(verifyJws(token, hs.publicKey, { algorithms } as never))).code).toBe('ERR_JOSE_INVALID_OPTION');
    }
  });

  it("refuses 'none' in the options, whatever its case", async () => {
    for (const none of ['none', 'None', 'NONE']) {
      const err = await rejection(verifyJws(hsToken(), hs.publicKey, { algorithms: ['HS256', none] as never }));
      expect(err.code).toBe('ERR_JOSE_INVALID_OPTION');
      expect(err.message).toMatch(/'none' is never accepted/);
    }
  });

  it('refuses unknown option names and bad limits', async () => {
    expect((await rejection(verifyHs(hsToken(), { algorithm: 'HS256' }))).message).toMatch(/unknown option 'algorithm'/);
    for (const limit of ['maxTokenLength', 'maxHeaderBytes', 'maxJsonDepth', 'maxKeysTried']) {
      for (const value of [0, -1, 1.5, Number.POSITIVE_INFINITY, '100']) {
        expect((await rejection(verifyHs(hsToken(), { [limit]: value }))).code).toBe('ERR_JOSE_INVALID_OPTION');
      }
    }
  });

  it('refuses empty, falsy or raw keys (CVE-2026-44351, GHSA-8wpc-h4q6-8fxv)', async () => {
    for (const key of ['', null, undefined, 0, false, 'secret', new Uint8Array(32), { kty: 'oct', k: 'AAAA' }]) {
      expect((await rejection(verifyJws(hsToken(), key as never, { algorithms: ['HS256'] }))).code).toBe('ERR_JWK_INVALID');
    }
  });

  it('refuses a single key that fits none of the allowed algorithms, at configuration', async () => {
    const err = await rejection(verifyJws(hsToken(), keysFor('RS256').publicKey, { algorithms: ['HS256'] }));
    expect(err.code).toBe('ERR_JOSE_ALG_NOT_ALLOWED');
    expect(err.message).toMatch(/bound to RS256 and can verify none of the allowed algorithms \(HS256\)/);
  });
});

describe('verifyJws: step 1, parsing', () => {
  it('refuses a token over maxTokenLength, naming the limit', async () => {
    const token = hsToken({ alg: 'HS256' }, 'x'.repeat(500));
    const err = await rejection(verifyHs(token, { maxTokenLength: 100 }));
    expect(err.code).toBe('ERR_JWS_INVALID');
    expect(err.limit).toBe('maxTokenLength=100');
    await expect(verifyHs(token, { maxTokenLength: token.length })).resolves.toBeTruthy();
  });

  it('applies the default limit of 16384 characters', async () => {
    const token = hsToken({ alg: 'HS256' }, 'x'.repeat(13000));
    expect(token.length).toBeGreaterThan(16384);
    expect((await rejection(verifyHs(token))).limit).toBe('maxTokenLength=16384');
  });

  it('refuses a header over maxHeaderBytes', async () => {
    const token = hsToken({ alg: 'HS256', pad: 'p'.repeat(300) });
    expect((await rejection(verifyHs(token, { maxHeaderBytes: 256 }))).limit).toBe('maxHeaderBytes=256');
    await expect(verifyHs(token, { maxHeaderBytes: 512 })).resolves.toBeTruthy();
  });

  it.each([
    ['2 segments', (t: string) => t.slice(0, t.lastIndexOf('.'))],
    ['4 segments', (t: string) => `${t}.AAAA`],
    ['padding', (t: string) => `${t}==`],
    ["'+' in the signature", (t: string) => withSignature(t, `+${t.slice(t.lastIndexOf('.') + 2)}`)],
    ["'/' in the payload", (t: string) => t.replace('.', './')],
  ])('refuses %s', async (_name, mutate) => {
    expect((await rejection(verifyHs(mutate(hsToken())))).code).toBe('ERR_JWS_INVALID');
  });

  it('refuses a non-canonical base64url signature that decodes to the right bytes', async () => {
    const token = hsToken();
    const sig = token.slice(token.lastIndexOf('.') + 1); // 43 chars: the last one carries 2 unused bits
    const last = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const tweaked = sig.slice(0, -1) + last[last.indexOf(sig.at(-1)!) + 1];
    expect(Buffer.from(tweaked, 'base64url')).toEqual(Buffer.from(sig, 'base64url'));
    expect((await rejection(verifyHs(withSignature(token, tweaked)))).message).toMatch(/signature is not valid base64url/);
  });

  it('refuses a JSON header that is not an object, and deep nesting, with typed errors', async () => {
    expect((await rejection(verifyHs(hsToken(b64u('["HS256"]'))))).message).toMatch(/header must be a JSON object, got an array/);
    expect((await rejection(verifyHs(hsToken(b64u('"HS256"'))))).code).toBe('ERR_JWS_INVALID');
    const deep = b64u(`{"alg":"HS256","x":${'['.repeat(2000)}${']'.repeat(2000)}}`);
    const err = await rejection(verifyHs(hsToken(deep), { maxHeaderBytes: 8192, maxTokenLength: 20000 }));
    expect(err.code).toBe('ERR_JWS_INVALID');
    expect(err.message).toMatch(/nests deeper than 32 levels/);
  });

  it('refuses a __proto__ member in the header', async () => {
    expect((await rejection(verifyHs(hsToken(b64u('{"alg":"HS256","__proto__":{"x":1}}'))))).message).toMatch(/__proto__/);
  });

  it('refuses non-string tokens and the JSON serialization', async () => {
    expect((await rejection(verifyJws(42 as never, hs.publicKey, { algorithms: ['HS256'] }))).code).toBe('ERR_JWS_INVALID');
    const json = JSON.stringify({ protected: b64u('{"alg":"HS256"}'), payload: 'e30', signature: 'AAAA' });
    expect((await rejection(verifyHs(json))).code).toBe('ERR_JWS_INVALID');
  });
});

describe('verifyJws: step 2, header and crit', () => {
  it('refuses an unknown critical extension (CVE-2026-35042) and accepts one the caller understands', async () => {
    const token = hsToken({ alg: 'HS256', crit: ['exp'], exp: 1 });
    const err = await rejection(verifyHs(token));
    expect(err.code).toBe('ERR_JWS_INVALID');
    expect(err.message).toMatch(/crit requires extension 'exp'/);
    await expect(verifyHs(token, { critical: ['exp'] })).resolves.toBeTruthy();
  });

  it('refuses an empty crit', async () => {
    expect((await rejection(verifyHs(hsToken({ alg: 'HS256', crit: [] })))).message).toMatch(/non-empty array/);
  });

  it('refuses b64: false as not supported', async () => {
    expect((await rejection(verifyHs(hsToken({ alg: 'HS256', b64: false, crit: ['b64'] })))).code).toBe('ERR_JOSE_NOT_SUPPORTED');
  });

  it('checks crit before the allow-list (fixed order)', async () => {
    const token = forge({ alg: 'HS512', crit: ['x'], x: 1 }, 'p', 'HS256', hs.signingKey);
    expect((await rejection(verifyHs(token))).code).toBe('ERR_JWS_INVALID');
  });
});

describe('verifyJws: step 3, the allow-list', () => {
  it('names the alg and what is allowed', async () => {
    const token = forge({ alg: 'HS512' }, 'p', 'HS512', keysFor('HS512').signingKey);
    const err = await rejection(verifyHs(token));
    expect(err.code).toBe('ERR_JOSE_ALG_NOT_ALLOWED');
    expect(err.message).toBe('alg HS512 is not allowed; allowed: HS256');
    expect(err.alg).toBe('HS512');
    expect(err.allowed).toEqual(['HS256']);
  });

  it("never accepts alg 'none' (CVE-2015-9235), whatever its case", async () => {
    for (const alg of ['none', 'None', 'nOnE']) {
      const token = forge({ alg }, 'p', 'none', new Uint8Array());
      const err = await rejection(verifyHs(token));
      expect(err.code).toBe('ERR_JOSE_ALG_NOT_ALLOWED');
    }
  });

  it("refuses a 'none' token even when 'none' is smuggled into the options", async () => {
    const token = forge({ alg: 'none' }, 'p', 'none', new Uint8Array());
    expect((await rejection(verifyJws(token, hs.publicKey, { algorithms: ['none'] as never }))).code).toBe('ERR_JOSE_INVALID_OPTION');
  });

  it('escapes a strange alg in the message', async () => {
    const token = forge({ alg: 'HS256\n<script>' }, 'p', 'HS256', hs.signingKey);
    const err = await rejection(verifyHs(token));
    expect(err.code).toBe('ERR_JOSE_ALG_NOT_ALLOWED');
    expect(err.message).not.toContain('\n');
  });
});

describe('verifyJws: steps 4 and 5, keys and signature', () => {
  it('refuses RS256 -> HS256 confusion: an HMAC made with the RSA public key PEM as the secret', async () => {
    const { publicKey, publicJwk } = keysFor('RS256');
    const pem = createPublicKey({ key: publicJwk as never, format: 'jwk' }).export({ type: 'spki', format: 'pem' }) as string;
    const token = forge({ alg: 'HS256' }, 'p', 'HS256', Buffer.from(pem));
    expect((await rejection(verifyJws(token, publicKey, { algorithms: ['RS256'] }))).code).toBe('ERR_JOSE_ALG_NOT_ALLOWED');
    // Even with HS256 allowed, the RSA key is bound to RS256 and is never used as an HMAC secret.
    expect((await rejection(verifyJws(token, publicKey, { algorithms: ['RS256', 'HS256'] }))).code).toBe('ERR_JWKS_NO_MATCHING_KEY');
  });

  it('never uses an embedded jwk header (CVE-2018-0114)', async () => {
    const attacker = generateKeyObjects('ec', { namedCurve: 'P-256' });
    const jwk = attacker.publicKey.export({ format: 'jwk' });
    const token = forge({ alg: 'ES256', jwk, kid: 'ES256-1' }, 'p', 'ES256', attacker.privateKey);
    const err = await rejection(verifyJws(token, keysFor('ES256').publicKey, { algorithms: ['ES256'] }));
    expect(err.code).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
  });

  it('never fetches jku or x5u (a verifier with a key does not look at them)', async () => {
    const fetched: string[] = [];
    const original = globalThis.fetch;
    globalThis.fetch = (async (url: string) => { fetched.push(String(url)); throw new Error('no'); }) as typeof fetch;
    try {
      const token = hsToken({ alg: 'HS256', jku: 'http://127.0.0.1:1/jwks', x5u: 'http://127.0.0.1:1/cert' });
      await expect(verifyHs(token)).resolves.toBeTruthy();
      expect(fetched).toEqual([]);
    } finally {
      globalThis.fetch = original;
    }
  });

  it('names the alg and the kid tried when the signature does not verify, with a hint', async () => {
    const other = keysFor('HS256', 'k2');
    const err = await rejection(verifyJws(hsToken({ alg: 'HS256', kid: 'k2' }), other.publicKey, { algorithms: ['HS256'] }));
    expect(err.code).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
    expect(err.message).toBe("signature verification failed for alg HS256 with kid 'k2'");
    expect(err.hint).toMatch(/another key .*rotated.*altered/);
    expect(err.alg).toBe('HS256');
  });

  it.each(['HS256', 'ES256', 'EdDSA', 'RS256'] as JwsAlgorithm[])('refuses an empty or truncated %s signature before any comparison (CVE-2020-28042)', async (alg) => {
    const { privateKey, publicKey } = keysFor(alg);
    const token = await signJws('p', privateKey, { alg });
    const sig = signatureOf(token);
    for (const bad of [new Uint8Array(0), sig.subarray(0, 1), sig.subarray(0, sig.length - 1), new Uint8Array([...sig, 0])]) {
      const err = await rejection(verifyJws(withSignature(token, bad), publicKey, { algorithms: [alg] }));
      expect(err.code).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
      expect(err.reason).toBe('length');
      expect(err.message).toMatch(new RegExp(`signature is ${bad.length} bytes; ${alg} signatures with .* are ${sig.length} bytes`));
    }
  });

  it('refuses a single flipped bit in the signature, header or payload', async () => {
    const token = hsToken();
    const sig = signatureOf(token);
    sig[5] = sig[5]! ^ 1;
    expect((await rejection(verifyHs(withSignature(token, sig)))).code).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
    const alteredPayload = token.replace(`.${b64u('payload')}.`, `.${b64u('paylOad')}.`);
    expect((await rejection(verifyHs(alteredPayload))).code).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
  });

  it('tries at most maxKeysTried keys', async () => {
    const decoys = ['d1', 'd2', 'd3', 'd4'].map((kid) => keysFor('HS256', kid).publicKey);
    const set = listSet([...decoys, hs.publicKey]);
    const token = hsToken();
    const err = await rejection(verifyJws(token, set, { algorithms: ['HS256'], maxKeysTried: 4 }));
    expect(err.code).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
    expect(err.message).toMatch(/with 4 keys \(kid 'd1', kid 'd2', kid 'd3', kid 'd4'\)/);
    const { key } = await verifyJws(token, set, { algorithms: ['HS256'], maxKeysTried: 5 });
    expect(key).toBe(hs.publicKey);
  });

  it('passes the context to a resolver and uses the key it returns', async () => {
    const seen: unknown[] = [];
    const resolver = (header: unknown, context: unknown) => { seen.push([header, context]); return hs.publicKey; };
    await verifyJws(hsToken({ alg: 'HS256', kid: 'x' }), resolver, { algorithms: ['HS256'], context: { tenant: 't1' } });
    expect(seen).toEqual([[{ alg: 'HS256', kid: 'x' }, { tenant: 't1' }]]);
  });

  it('works with an async key set and an async backend', async () => {
    const set: KeySet = { keys: [hs.publicKey], jwks: () => ({ keys: [] }), select: async () => [keysFor('HS256', 'z').publicKey, hs.publicKey] };
    const { key } = await verifyJws(hsToken(), set, { algorithms: ['HS256'], backend: 'webcrypto' });
    expect(key).toBe(hs.publicKey);
    expect((await rejection(verifyJws(withSignature(hsToken(), new Uint8Array(32)), set, { algorithms: ['HS256'], backend: 'webcrypto' }))).code)
      .toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
  });

  it.each(['node', 'webcrypto', 'noble'] as const)('verifies with the %s backend when forced', async (backend) => {
    const { privateKey, publicKey } = keysFor('EdDSA');
    const token = await signJws('p', privateKey, { alg: 'EdDSA' });
    await expect(verifyJws(token, publicKey, { algorithms: ['EdDSA'], backend })).resolves.toBeTruthy();
    const bad = signatureOf(token);
    bad[0] = bad[0]! ^ 0x80;
    expect((await rejection(verifyJws(withSignature(token, bad), publicKey, { algorithms: ['EdDSA'], backend }))).code).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
  });
});

describe('verifyJws: step 6, the payload', () => {
  it('returns the payload bytes and a frozen header', async () => {
    const { header, payload } = await verifyHs(hsToken({ alg: 'HS256', typ: 'x', ext: { a: [1] } }));
    expect(new TextDecoder().decode(payload)).toBe('payload');
    expect(Object.isFrozen(header)).toBe(true);
    expect(Object.isFrozen((header.ext as { a: number[] }).a)).toBe(true);
  });

  it('returns a plain Uint8Array that owns its memory', async () => {
    const { payload } = await verifyHs(hsToken({ alg: 'HS256' }, 'p'.repeat(300)));
    expect(Buffer.isBuffer(payload)).toBe(false);
    expect(Object.prototype.toString.call(payload)).toBe('[object Uint8Array]');
    expect(payload.buffer.byteLength).toBe(300);
  });

  it('accepts an empty payload', async () => {
    const { payload } = await verifyHs(hsToken({ alg: 'HS256' }, ''));
    expect(payload.length).toBe(0);
  });
});
