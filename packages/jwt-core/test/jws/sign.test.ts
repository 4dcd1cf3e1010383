import { describe, expect, it } from 'vitest';
import { JWS_ALGORITHMS } from '../../src/lib/algorithms.js';
import { importJwk } from '../../src/jwk/import.js';
import { importSecret } from '../../src/jwk/import-secret.js';
import { signJws } from '../../src/jws/sign.js';
import { verifyJws } from '../../src/jws/verify.js';
import type { Key } from '../../src/jwk/key.js';
import { keysFor, rejection } from './helpers.js';

const decodeHeader = (token: string) => JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as Record<string, unknown>;

describe('signJws', () => {
  it.each(JWS_ALGORITHMS)('round-trips %s through verifyJws', async (alg) => {
    const { privateKey, publicKey } = keysFor(alg);
    const token = await signJws('hello, wörld', privateKey, { alg });
    const { header, payload, key } = await verifyJws(token, publicKey, { algorithms: [alg] });
    expect(new TextDecoder().decode(payload)).toBe('hello, wörld');
    expect(header).toEqual({ alg, kid: `${alg}-1` });
    expect(key).toBe(publicKey);
  });

  it('signs bytes as they are', async () => {
    const { privateKey } = keysFor('HS256');
    const bytes = new Uint8Array([0, 255, 1, 254]);
    const token = await signJws(bytes, privateKey, { alg: 'HS256' });
    expect(Buffer.from(token.split('.')[1]!, 'base64url')).toEqual(Buffer.from(bytes));
  });

  it('builds the header: alg first, the key kid unless the header sets one, extra parameters', async () => {
    const { privateKey } = keysFor('ES256');
    expect(decodeHeader(await signJws('x', privateKey, { alg: 'ES256', header: { cty: 'text/plain' } }))).toEqual({ alg: 'ES256', kid: 'ES256-1', cty: 'text/plain' });
    expect(decodeHeader(await signJws('x', privateKey, { alg: 'ES256', header: { kid: 'other' } })).kid).toBe('other');
    const noKid = importSecret(new Uint8Array(32).fill(1), { alg: 'HS256' });
    expect(decodeHeader(await signJws('x', noKid, { alg: 'HS256' }))).toEqual({ alg: 'HS256' });
  });

  it('does not let the header override alg or set b64', async () => {
    const { privateKey } = keysFor('HS256');
    expect((await rejection(signJws('x', privateKey, { alg: 'HS256', header: { alg: 'none' } }))).code).toBe('ERR_JOSE_INVALID_OPTION');
    expect((await rejection(signJws('x', privateKey, { alg: 'HS256', header: { b64: false } }))).code).toBe('ERR_JOSE_INVALID_OPTION');
    // Repeating the same alg is harmless.
    expect(decodeHeader(await signJws('x', privateKey, { alg: 'HS256', header: { alg: 'HS256' } })).alg).toBe('HS256');
  });

  it('never issues a header a verifier must refuse (crit, types)', async () => {
    const { privateKey } = keysFor('HS256');
    for (const header of [{ crit: [] }, { crit: ['alg'] }, { crit: ['ext'] }, { kid: 5 }, { typ: ['JWT'] }]) {
      expect((await rejection(signJws('x', privateKey, { alg: 'HS256', header }))).code, JSON.stringify(header)).toBe('ERR_JOSE_INVALID_OPTION');
    }
    const token = await signJws('x', privateKey, { alg: 'HS256', header: { crit: ['ext'], ext: 1 } });
    expect(decodeHeader(token)).toMatchObject({ crit: ['ext'], ext: 1 });
  });

  it('refuses a public key, naming what is needed', async () => {
    const { publicKey } = keysFor('ES256');
    const err = await rejection(signJws('x', publicKey, { alg: 'ES256' }));
    expect(err.code).toBe('ERR_JWK_INVALID');
    expect(err.message).toMatch(/cannot sign: signing needs the private key/);
  });

  it('refuses an algorithm the key is not bound to', async () => {
    const { privateKey } = keysFor('RS256');
    const err = await rejection(signJws('x', privateKey, { alg: 'HS256' }));
    expect(err.code).toBe('ERR_JOSE_ALG_NOT_ALLOWED');
    expect(err.message).toMatch(/bound to RS256 and cannot sign with HS256/);
    const hs = await rejection(signJws('x', keysFor('HS256').privateKey, { alg: 'HS512' }));
    expect(hs.code).toBe('ERR_JOSE_ALG_NOT_ALLOWED');
  });

  it('refuses an encryption key', async () => {
    const enc = importJwk({ kty: 'oct', k: Buffer.alloc(32, 3).toString('base64url') }, { alg: 'A256KW' });
    expect((await rejection(signJws('x', enc, { alg: 'HS256' }))).code).toBe('ERR_JWK_INVALID');
  });

  it('refuses anything but a Tessera key (CVE-2026-44351: empty or falsy keys)', async () => {
    for (const key of ['', 'secret', null, undefined, new Uint8Array(32), { kty: 'oct', k: 'AAAA' }]) {
      expect((await rejection(signJws('x', key as unknown as Key, { alg: 'HS256' }))).code).toBe('ERR_JWK_INVALID');
    }
  });

  it("refuses alg 'none' and unknown algorithms", async () => {
    const { privateKey } = keysFor('HS256');
    for (const alg of ['none', 'NONE', 'HS1', undefined]) {
      expect((await rejection(signJws('x', privateKey, { alg } as never))).code).toBe('ERR_JOSE_INVALID_OPTION');
    }
  });

  it('refuses bad payloads and options', async () => {
    const { privateKey } = keysFor('HS256');
    expect((await rejection(signJws({ a: 1 } as never, privateKey, { alg: 'HS256' }))).code).toBe('ERR_JOSE_INVALID_OPTION');
    expect((await rejection(signJws('x', privateKey, { alg: 'HS256', backend: 'openssl' } as never))).code).toBe('ERR_JOSE_INVALID_OPTION');
    expect((await rejection(signJws('x', privateKey, { alg: 'HS256', algorithm: 'HS256' } as never))).message).toMatch(/unknown option 'algorithm'/);
    expect((await rejection(signJws('x', privateKey, null as never))).code).toBe('ERR_JOSE_INVALID_OPTION');
  });

  it.each(['node', 'webcrypto', 'noble'] as const)('signs with the %s backend when forced', async (backend) => {
    const { privateKey, publicKey } = keysFor('ES256');
    const token = await signJws('x', privateKey, { alg: 'ES256', backend });
    await expect(verifyJws(token, publicKey, { algorithms: ['ES256'] })).resolves.toBeTruthy();
  });
});
