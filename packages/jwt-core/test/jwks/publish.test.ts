/** jwksResponse: the published JWKS, its cache headers for rotation, ETag revalidation, and refusals. */
import { describe, expect, it } from 'vitest';
import { jwksResponse } from '../../src/jwks/publish.js';
import { createRemoteKeySet } from '../../src/jwks/remote.js';
import { ecKey, SIG } from './remote-helpers.js';

const k1 = ecKey('k1');
const k2 = ecKey('k2');
const doc = { keys: [k1.publicJwk, k2.publicJwk] };

describe('jwksResponse', () => {
  it('serves the public keys as application/jwk-set+json with rotation-friendly cache headers', async () => {
    const res = jwksResponse(doc);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/jwk-set+json');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300, stale-while-revalidate=60, stale-if-error=86400');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(await res.json()).toEqual(doc);
  });

  it('takes the cache durations as options', () => {
    const res = jwksResponse(doc, { maxAge: '1m', staleWhileRevalidate: 30, staleIfError: '1h' });
    expect(res.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=30, stale-if-error=3600');
  });

  it('the ETag changes with the key set and only then', () => {
    const a = jwksResponse(doc).headers.get('etag');
    expect(jwksResponse({ keys: [k1.publicJwk, k2.publicJwk] }).headers.get('etag')).toBe(a);
    expect(jwksResponse({ keys: [k1.publicJwk] }).headers.get('etag')).not.toBe(a);
  });

  it('answers 304 to a matching If-None-Match (strong, weak, list or *), 200 otherwise', async () => {
    const etag = jwksResponse(doc).headers.get('etag')!;
    for (const inm of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const res = jwksResponse(doc, { request: new Request('https://issuer.example/.well-known/jwks.json', { headers: { 'if-none-match': inm } }) });
      expect(res.status).toBe(304);
      expect(res.headers.get('etag')).toBe(etag);
      expect(res.headers.get('cache-control')).toContain('max-age=300');
      expect(await res.text()).toBe('');
    }
    const res = jwksResponse(doc, { request: new Request('https://issuer.example/jwks', { headers: { 'if-none-match': '"stale"' } }) });
    expect(res.status).toBe(200);
  });

  it('HEAD has the headers and no body; other methods get 405', async () => {
    const head = jwksResponse(doc, { request: new Request('https://issuer.example/jwks', { method: 'HEAD' }) });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).not.toBeNull();
    expect(await head.text()).toBe('');
    const post = jwksResponse(doc, { request: new Request('https://issuer.example/jwks', { method: 'POST' }) });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('refuses to publish private members or an empty set', () => {
    expect(() => jwksResponse({ keys: [k1.privateJwk] })).toThrow(/private member "d"/);
    expect(() => jwksResponse({ keys: [{ kty: 'oct', k: 'AAAA' }] })).toThrow(/private member "k"/);
    expect(() => jwksResponse({ keys: [] })).toThrow(/no public key to publish/);
    expect(() => jwksResponse({} as never)).toThrow(expect.objectContaining({ code: 'ERR_JOSE_INVALID_OPTION' }));
  });

  it('what it serves is consumed by createRemoteKeySet, honouring its max-age', async () => {
    let fetches = 0;
    let now = 0;
    const keys = createRemoteKeySet('https://issuer.example/.well-known/jwks.json', {
      now: () => now,
      fetch: async () => { fetches++; return jwksResponse(doc, { maxAge: '2m' }); },
    });
    expect((await keys.select({ alg: 'ES256', kid: 'k2' }, SIG))[0]!.kid).toBe('k2');
    expect(keys.status().expiresAt!.getTime()).toBe(120_000);
    now = 120_000;
    await keys.select({ alg: 'ES256', kid: 'k2' }, SIG);
    expect(fetches).toBe(2);
  });
});
