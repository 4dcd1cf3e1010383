/** Endpoint behaviour: JWKS, methods, bad input (4xx, never 500), RFC 6750 challenges. */
import { describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../src/jwk/generate.js';
import { createKeyRing } from '../../src/jwks/key-ring.js';
import { verifyJwt } from '../../src/jwt/verify.js';
import { createKeySet } from '../../src/jwks/key-set.js';
import { headerSafe } from '../../src/server/responses.js';
import { body, request, setup } from './helpers.js';

describe('endpoints', () => {
  it('publishes the key ring public JWKS, and tokens verify against it elsewhere', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const ring = createKeyRing({ signing: privateKey });
    const { auth } = setup({ keys: ring, transport: 'bearer' });
    const res = await auth.handle(request('GET', '/.well-known/jwks.json'));
    expect(res!.status).toBe(200);
    expect(res!.headers.get('cache-control')).toContain('max-age=300');
    const doc = (await res!.json()) as { keys: Record<string, unknown>[] };
    expect(doc.keys).toHaveLength(1);
    expect(doc.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
    expect(doc.keys[0]!.d).toBeUndefined();
    const t = await body(await auth.handle(request('POST', '/auth/login', { json: { username: 'alice', password: 'correct horse' } })));
    const { payload } = await verifyJwt(t.access_token as string, createKeySet(doc as never), { algorithms: ['ES256'], issuer: 'https://app.example.com', audience: 'app', currentDate: new Date('2026-11-22T10:00:01Z') });
    expect(payload.sub).toBe('u-alice');
  });

  it('publishes a single private key as its public half, and never an HMAC secret', async () => {
    const { privateKey } = await generateKeyPair('EdDSA');
    const one = setup({ keys: privateKey });
    const doc = (await (await one.auth.handle(request('GET', '/.well-known/jwks.json')))!.json()) as { keys: Record<string, unknown>[] };
    expect(doc.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519' });
    expect(doc.keys[0]!.d).toBeUndefined();
    const hmac = setup();
    const empty = await hmac.auth.handle(request('GET', '/.well-known/jwks.json'));
    expect(await empty!.json()).toEqual({ keys: [] });
    expect(hmac.auth.jwks()).toEqual({ keys: [] });
  });

  it('wrong methods get 405 with Allow', async () => {
    const { auth } = setup();
    const res = await auth.handle(request('GET', '/auth/login'));
    expect(res!.status).toBe(405);
    expect(res!.headers.get('allow')).toBe('POST');
    const s = await auth.handle(request('POST', '/auth/session'));
    expect(s!.status).toBe(405);
    expect(s!.headers.get('allow')).toBe('GET, HEAD');
  });

  it('bad login input is 400/413/415, never 500', async () => {
    const { auth } = setup({ maxBodyBytes: 1024 });
    const cases: [RequestInit & { headers?: Record<string, string> }, number][] = [
      [{ body: '{not json', headers: { 'content-type': 'application/json' } }, 400],
      [{ body: '[1,2]', headers: { 'content-type': 'application/json' } }, 400],
      [{ body: '{"username":1,"password":2}', headers: { 'content-type': 'application/json' } }, 400],
      [{ body: '{"__proto__":{"username":"alice"},"password":"x"}', headers: { 'content-type': 'application/json' } }, 400],
      [{ body: 'x'.repeat(2000), headers: { 'content-type': 'application/json' } }, 413],
      [{ body: '<xml/>', headers: { 'content-type': 'application/xml' } }, 415],
      [{ headers: { authorization: 'Basic !!!' } }, 400],
      [{ headers: { authorization: `Basic ${btoa('no-colon')}` } }, 400],
      [{ body: new Uint8Array([0xff, 0xfe]), headers: { 'content-type': 'application/json' } }, 400],
      [{}, 400],
    ];
    for (const [init, status] of cases) {
      const headers = { origin: 'https://app.example.com', ...init.headers };
      const res = await auth.handle(new Request('https://app.example.com/auth/login', { ...init, method: 'POST', headers }));
      expect(res!.status, JSON.stringify(init.headers)).toBe(status);
      expect((await body(res)).error).toBe('ERR_AUTH_REQUEST_INVALID');
    }
  });

  it('a streamed body over the bound is cut off without reading it all', async () => {
    const { auth } = setup({ maxBodyBytes: 1024 });
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled++;
        if (pulled > 100) c.close(); else c.enqueue(new Uint8Array(512));
      },
    });
    const res = await auth.handle(new Request('https://app.example.com/auth/login', {
      method: 'POST', body: stream, headers: { 'content-type': 'application/json', origin: 'https://app.example.com' }, duplex: 'half',
    } as RequestInit));
    expect(res!.status).toBe(413);
    expect(pulled).toBeLessThan(10);
  });

  it('garbage tokens get 401 invalid_token with a header-safe description', async () => {
    const { auth } = setup({ transport: 'bearer' });
    for (const token of ['abc', 'a.b.c', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.', `${'a'.repeat(20000)}`]) {
      const r = await auth.authenticate(request('GET', '/x', { bearer: token }));
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.response.status).toBe(401);
        const challenge = r.response.headers.get('www-authenticate')!;
        expect(challenge).toMatch(/^Bearer error="invalid_token", error_description="[\x20\x21\x23-\x5B\x5D-\x7E]*"$/);
        expect(await r.response.json()).toMatchObject({ error: r.error.code, message: r.error.message });
        expect(r.response.headers.get('cache-control')).toBe('no-store');
      }
    }
    const malformed = await auth.authenticate(new Request('https://app.example.com/x', { headers: { authorization: 'Bearer a b' } }));
    expect(!malformed.ok && malformed.error.code).toBe('ERR_JWS_INVALID');
  });

  it('headerSafe keeps error_description within RFC 6750 §3 characters', () => {
    expect(headerSafe('kid "k2" \\ é\n')).toBe("kid 'k2' / ??");
  });
});
