/**
 * Key-set limits: keys in a set (createKeySet maxKeys, default DEFAULT_LIMITS.maxKeysInSet = 100),
 * keys in a remote JWKS response (createRemoteKeySet maxKeys, same default) and the bytes of that
 * response (maxResponseBytes, default 262144). At the limit accepted, just past refused naming
 * the limit, and checked before the work: keys are counted before any is imported, and the body
 * is read no further than the limit.
 */
import { describe, expect, it } from 'vitest';
import { createKeySet, createRemoteKeySet, exportJwk, generateKeyPair, importSecret, JoseError } from '../../src/index.js';
import type { Jwk } from '../../src/index.js';
import { DEFAULT_LIMITS } from '../../src/lib/limits.js';

const secretJwk = (i: number): Jwk => exportJwk(importSecret(new Uint8Array(32).fill(i % 256), { alg: 'HS256', kid: `k${i}` }), { private: true });
// A JWK that cannot be imported: if it were imported before counting, the error would say so.
const BROKEN: Jwk = { kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA' };

describe('keys in a key set', () => {
  it('defaults to 100: 100 keys are accepted, 101 are refused naming the limit', () => {
    expect(DEFAULT_LIMITS.maxKeysInSet).toBe(100);
    const hundred = Array.from({ length: 100 }, (_, i) => importSecret(new Uint8Array(32).fill(i), { alg: 'HS256', kid: `k${i}` }));
    expect(createKeySet(hundred).jwks().keys).toHaveLength(0); // secrets are never published
    const extra = importSecret(new Uint8Array(32).fill(200), { alg: 'HS256', kid: 'k100' });
    expect(() => createKeySet([...hundred, extra])).toThrowError(expect.objectContaining({ code: 'ERR_JWKS_INVALID', limit: 'maxKeys=100' }));
  });

  it('is configurable', () => {
    expect(() => createKeySet({ keys: Array.from({ length: 5 }, (_, i) => secretJwk(i)) }, { maxKeys: 5 })).not.toThrow();
    expect(() => createKeySet({ keys: Array.from({ length: 6 }, (_, i) => secretJwk(i)) }, { maxKeys: 5 })).toThrowError(expect.objectContaining({ code: 'ERR_JWKS_INVALID', limit: 'maxKeys=5' }));
  });

  it('counts before importing: 101 unimportable JWKs give the count error, not an import error', () => {
    expect(() => createKeySet({ keys: Array.from({ length: 101 }, () => BROKEN) })).toThrowError(expect.objectContaining({ code: 'ERR_JWKS_INVALID', limit: 'maxKeys=100' }));
    // Control: one of them alone is an import error, so the count really came first above.
    expect(() => createKeySet({ keys: [BROKEN] })).toThrowError(expect.objectContaining({ code: 'ERR_JWK_INVALID' }));
  });
});

/** A fetch serving `body` once per call, counting how many chunks of it were pulled. */
function serving(body: string | (() => ReadableStream<Uint8Array>), headers: Record<string, string> = {}) {
  const calls = { n: 0 };
  const fetch = async () => {
    calls.n++;
    return new Response(typeof body === 'string' ? body : body(), { status: 200, headers: { 'content-type': 'application/json', ...headers } });
  };
  return { fetch, calls };
}

async function refreshError(set: { refresh(): Promise<void>; status(): { lastError?: { message: string } | undefined } }): Promise<string> {
  await expect(set.refresh()).rejects.toBeInstanceOf(JoseError);
  return set.status().lastError?.message ?? '';
}

describe('a remote JWKS response', () => {
  it('holds at most 100 keys by default: 100 are served, 101 are refused naming the limit', async () => {
    const { publicKey } = await generateKeyPair('ES256');
    const jwk = exportJwk(publicKey);
    const doc = (n: number) => JSON.stringify({ keys: Array.from({ length: n }, (_, i) => ({ ...jwk, kid: `k${i}` })) });
    const ok = createRemoteKeySet('https://idp.example/jwks', { fetch: serving(doc(100)).fetch });
    await ok.refresh();
    expect(ok.status().kids).toHaveLength(100);
    const over = createRemoteKeySet('https://idp.example/jwks', { fetch: serving(doc(101)).fetch });
    expect(await refreshError(over)).toMatch(/101 keys; at most 100/);
  });

  it('counts keys before importing them, and maxKeys is configurable', async () => {
    const broken = JSON.stringify({ keys: Array.from({ length: 4 }, (_, i) => ({ ...BROKEN, kid: `b${i}` })) });
    const set = createRemoteKeySet('https://idp.example/jwks', { fetch: serving(broken).fetch, maxKeys: 3 });
    expect(await refreshError(set)).toMatch(/4 keys; at most 3/);
  });

  it('is at most maxResponseBytes long: exactly the limit is read, one byte more is refused', async () => {
    const { publicKey } = await generateKeyPair('ES256');
    const json = JSON.stringify({ keys: [{ ...exportJwk(publicKey), kid: 'k1' }] });
    const limit = 2_000;
    const padded = (n: number) => json + ' '.repeat(n - json.length);
    const at = createRemoteKeySet('https://idp.example/jwks', { fetch: serving(padded(limit)).fetch, maxResponseBytes: limit });
    await at.refresh();
    expect(at.status().kids).toEqual(['k1']);
    const past = createRemoteKeySet('https://idp.example/jwks', { fetch: serving(padded(limit + 1)).fetch, maxResponseBytes: limit });
    expect(await refreshError(past)).toMatch(/larger than 2000 bytes/);
  });

  it('defaults to 262144 bytes and stops reading there: a 16 MiB stream is cancelled after the limit', async () => {
    let pulled = 0;
    let cancelled = false;
    const chunk = new Uint8Array(65_536).fill(0x20);
    const endless = () => new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        if (pulled > 256) controller.close();
        else controller.enqueue(chunk);
      },
      cancel() { cancelled = true; },
    });
    const set = createRemoteKeySet('https://idp.example/jwks', { fetch: serving(endless).fetch });
    expect(await refreshError(set)).toMatch(/larger than 262144 bytes/);
    expect(cancelled).toBe(true);
    expect(pulled).toBeLessThanOrEqual(6); // 262144 / 65536 = 4 chunks, plus the one that crossed and stream read-ahead
  });

  it('is refused unread when Content-Length announces more than the limit', async () => {
    let pulled = 0;
    const stream = () => new ReadableStream<Uint8Array>({ pull(c) { pulled++; c.enqueue(new Uint8Array(1024)); } }, { highWaterMark: 0 });
    const set = createRemoteKeySet('https://idp.example/jwks', { fetch: serving(stream, { 'content-length': '10000000' }).fetch });
    expect(await refreshError(set)).toMatch(/larger than 262144 bytes/);
    expect(pulled).toBe(0);
  });
});
