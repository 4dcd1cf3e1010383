/**
 * createRemoteKeySet when the endpoint misbehaves: times out, answers 500 or garbage, is slow,
 * sends too much; stale serving with exponential backoff; keys it cannot use. Real HTTP server on
 * 127.0.0.1, short real timeouts (at most a few hundred ms), a fake clock for everything else.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRemoteKeySet } from '../../src/jwks/remote.js';
import { ecKey, fakeClock, jsonHandler, rejection, rsaKey, SIG, startJwksServer, type JwksServer } from './remote-helpers.js';

let server: JwksServer;
beforeEach(async () => { server = await startJwksServer(); });
afterEach(async () => { await server.close(); });

const k1 = ecKey('k1');
const k2 = ecKey('k2');

describe('createRemoteKeySet: endpoint failures', () => {
  it('an endpoint that never answers gives ERR_JWKS_TIMEOUT after the timeout', async () => {
    server.handle(() => { /* hold the request open */ }, '/jwks.json');
    const keys = createRemoteKeySet(server.url, { timeout: 0.2 });
    const started = performance.now();
    const err = await rejection(keys.select({ alg: 'ES256', kid: 'k1' }, SIG));
    const elapsed = performance.now() - started;
    expect(err.code).toBe('ERR_JWKS_TIMEOUT');
    expect(err.message).toContain(`cannot check kid 'k1': no keys from the JWKS ${server.url} yet`);
    expect(err.kid).toBe('k1');
    expect(err.knownKids).toEqual([]);
    expect(err.message).toContain('did not complete within 200ms');
    expect(elapsed).toBeGreaterThanOrEqual(150);
    expect(elapsed).toBeLessThan(2_000);
  });

  it('a body that trickles in past the deadline is a timeout too', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"keys":[');
      // ...and nothing more.
    }, '/jwks.json');
    const keys = createRemoteKeySet(server.url, { timeout: 0.2 });
    const err = await rejection(keys.select({ alg: 'ES256', kid: 'k1' }, SIG));
    expect(err.code).toBe('ERR_JWKS_TIMEOUT');
  });

  it('a slow endpoint within the timeout works', async () => {
    server.handle((req, res) => setTimeout(() => jsonHandler({ keys: [k1.publicJwk] })(req, res), 150), '/jwks.json');
    const keys = createRemoteKeySet(server.url, { timeout: 2 });
    const [key] = await keys.select({ alg: 'ES256', kid: 'k1' }, SIG);
    expect(key!.kid).toBe('k1');
  });

  it('HTTP 500 is ERR_JWKS_INVALID naming the status', async () => {
    server.handle((_req, res) => { res.writeHead(500); res.end('oops'); }, '/jwks.json');
    const keys = createRemoteKeySet(server.url);
    const err = await rejection(keys.select({ alg: 'ES256', kid: 'k1' }, SIG));
    expect(err.code).toBe('ERR_JWKS_INVALID');
    expect(err.message).toContain('answered HTTP 500; expected 200');
  });

  it.each([
    ['an HTML page', '<html><body>Sign in</body></html>', /is not valid JSON/],
    ['a JSON array', '[1,2,3]', /must be a JSON object/],
    ['an object without keys', '{"issuer":"x"}', /no "keys" array/],
    ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), /not valid UTF-8/],
    ['deeply nested JSON', `{"keys":${'['.repeat(100)}${']'.repeat(100)}}`, /nests deeper/],
  ])('garbage (%s) is ERR_JWKS_INVALID', async (_name, body, pattern) => {
    server.handle((_req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(body); }, '/jwks.json');
    const keys = createRemoteKeySet(server.url);
    const err = await rejection(keys.select({ alg: 'ES256', kid: 'k1' }, SIG));
    expect(err.code).toBe('ERR_JWKS_INVALID');
    expect(err.message).toMatch(pattern);
  });

  it('a connection refused is ERR_JWKS_INVALID with the network reason', async () => {
    const url = server.url;
    await server.close();
    const keys = createRemoteKeySet(url);
    const err = await rejection(keys.select({ alg: 'ES256', kid: 'k1' }, SIG));
    expect(err.code).toBe('ERR_JWKS_INVALID');
    expect(err.message).toMatch(/failed: ECONNREFUSED/);
    server = await startJwksServer(); // for afterEach
  });
});

describe('createRemoteKeySet: stale keys and backoff', () => {
  it('serves cached keys while the endpoint fails, retries with exponential backoff, and stops after maxStale', async () => {
    server.serve([k1.publicJwk], { 'cache-control': 'max-age=60' });
    const clock = fakeClock();
    const keys = createRemoteKeySet(server.url, { now: clock.now, retryBackoff: '1s', maxRetryBackoff: '8s', maxStale: '1h', minCacheAge: '1m' });
    await keys.select({ alg: 'ES256', kid: 'k1' }, SIG);
    server.handle((_req, res) => { res.writeHead(503); res.end(); }, '/jwks.json');

    clock.advance(61_000); // expired: one attempt, it fails, the stale key is served
    expect((await keys.select({ alg: 'ES256', kid: 'k1' }, SIG))[0]!.kid).toBe('k1');
    expect(server.count()).toBe(2);
    expect(keys.status().failures).toBe(1);
    expect(keys.status().lastError!.message).toContain('HTTP 503');

    // Attempts at the backoff instants only: +1s, +2s, +4s, +8s, +8s (cap).
    const attemptsAt: number[] = [];
    const start = clock.now();
    for (let s = 1; s <= 30; s++) {
      clock.advance(1_000);
      const before = server.count();
      await keys.select({ alg: 'ES256', kid: 'k1' }, SIG);
      if (server.count() > before) attemptsAt.push((clock.now() - start) / 1000);
    }
    expect(attemptsAt).toEqual([1, 3, 7, 15, 23]);

    // Recovery resets the failures.
    server.serve([k1.publicJwk, k2.publicJwk], { 'cache-control': 'max-age=60' });
    clock.advance(8_000);
    await keys.select({ alg: 'ES256', kid: 'k1' }, SIG);
    expect(keys.status().failures).toBe(0);
    expect(keys.status().lastError).toBeUndefined();

    // A long outage: after expiry + maxStale nothing is served, with the cause.
    server.handle((_req, res) => { res.writeHead(500); res.end(); }, '/jwks.json');
    clock.advance(61_000 + 3_600_000);
    const err = await rejection(keys.select({ alg: 'ES256', kid: 'k1' }, SIG));
    expect(err.code).toBe('ERR_JWKS_INVALID');
    expect(err.message).toMatch(/^cannot check kid 'k1': the keys from the JWKS .* \(kids: k1, k2\) expired at .*longer ago than maxStale \(1h\), and refreshing failed: .*HTTP 500/);
    expect(err.knownKids).toEqual(['k1', 'k2']);
  });

  it('an unknown kid while the endpoint fails is unavailable (the provider may have rotated), not a verdict on the token', async () => {
    server.serve([k1.publicJwk]);
    const clock = fakeClock();
    const keys = createRemoteKeySet(server.url, { now: clock.now });
    await keys.select({ alg: 'ES256', kid: 'k1' }, SIG);
    server.handle((_req, res) => { res.writeHead(502); res.end(); }, '/jwks.json');
    clock.advance(40_000);
    const err = await rejection(keys.select({ alg: 'ES256', kid: 'k2' }, SIG));
    expect(server.count()).toBe(2);
    expect([err.code, err.reason]).toEqual(['ERR_JWKS_INVALID', 'unavailable']);
    expect(err.message).toContain("'k2'");
    expect(err.message).toMatch(/kids: k1\) do not hold it, and the last fetch of the JWKS failed: .*HTTP 502/);
    // The cached key still serves its own tokens meanwhile.
    expect((await keys.select({ alg: 'ES256', kid: 'k1' }, SIG)).length).toBe(1);
    // Within the cooldown no refetch is made, and another new kid is unavailable the same way.
    const again = await rejection(keys.select({ alg: 'ES256', kid: 'k3' }, SIG));
    expect(server.count()).toBe(2);
    expect([again.code, again.reason]).toEqual(['ERR_JWKS_INVALID', 'unavailable']);
    // Once the endpoint answers again (after the cooldown), an unknown kid is a verdict again.
    server.serve([k1.publicJwk]);
    clock.advance(60_000);
    expect((await rejection(keys.select({ alg: 'ES256', kid: 'k4' }, SIG))).code).toBe('ERR_JWKS_NO_MATCHING_KEY');
  });

  it('without any cached keys, a failing endpoint is not hammered: attempts follow the backoff', async () => {
    server.handle((_req, res) => { res.writeHead(500); res.end(); }, '/jwks.json');
    const clock = fakeClock();
    const keys = createRemoteKeySet(server.url, { now: clock.now, retryBackoff: '2s' });
    for (let i = 0; i < 50; i++) {
      const err = await rejection(keys.select({ alg: 'ES256', kid: `k${i}` }, SIG));
      expect(err.code).toBe('ERR_JWKS_INVALID');
      if (i === 1) expect(err.message).toMatch(/next attempt in 2s/);
    }
    expect(server.count()).toBe(1);
    clock.advance(2_000);
    await rejection(keys.select({ alg: 'ES256', kid: 'k1' }, SIG));
    expect(server.count()).toBe(2);
  });
});

describe('createRemoteKeySet: size and count bounds', () => {
  function paddedBody(size: number): string {
    const base = JSON.stringify({ keys: [k1.publicJwk], pad: '' });
    return base.replace('"pad":""', `"pad":"${'x'.repeat(size - base.length)}"`);
  }

  it.each([true, false])('a body of exactly maxResponseBytes is accepted, one byte more is refused (content-length sent: %s)', async (withLength) => {
    const limit = 2_000;
    let size = limit;
    server.handle((_req, res) => {
      const body = paddedBody(size);
      res.writeHead(200, withLength ? { 'content-length': String(Buffer.byteLength(body)) } : {});
      if (withLength) res.end(body);
      else { res.write(body.slice(0, 1000)); res.end(body.slice(1000)); }
    }, '/jwks.json');
    const ok = createRemoteKeySet(server.url, { maxResponseBytes: limit });
    expect((await ok.select({ alg: 'ES256', kid: 'k1' }, SIG))[0]!.kid).toBe('k1');
    size = limit + 1;
    const tooBig = createRemoteKeySet(server.url, { maxResponseBytes: limit });
    const err = await rejection(tooBig.select({ alg: 'ES256', kid: 'k1' }, SIG));
    expect(err.code).toBe('ERR_JWKS_INVALID');
    expect(err.message).toContain('larger than 2000 bytes');
  });

  it('a lying Content-Length does not let a larger body through', async () => {
    // Node's server cannot send more than it declares, so the lie comes from a custom fetch.
    const body = paddedBody(5_000);
    const lying = async (): Promise<Response> => new Response(new ReadableStream({
      start(controller) { for (let i = 0; i < 5; i++) controller.enqueue(new TextEncoder().encode(body.slice(i * 1000, (i + 1) * 1000))); controller.close(); },
    }), { status: 200, headers: { 'content-length': '10' } });
    const keys = createRemoteKeySet('https://idp.example.com/jwks.json', { fetch: lying, maxResponseBytes: 2_000 });
    const err = await rejection(keys.select({ alg: 'ES256', kid: 'k1' }, SIG));
    expect(err.code).toBe('ERR_JWKS_INVALID');
    expect(err.message).toContain('larger than 2000 bytes');
  });

  it('maxKeys may be raised above the default of 100', async () => {
    server.serve(Array.from({ length: 150 }, (_, i) => ({ ...k1.publicJwk, kid: `k${i}` })));
    const keys = createRemoteKeySet(server.url, { maxKeys: 150 });
    expect((await keys.select({ alg: 'ES256', kid: 'k149' }, SIG))[0]!.kid).toBe('k149');
    const defaults = createRemoteKeySet(server.url);
    expect((await rejection(defaults.select({ alg: 'ES256', kid: 'k1' }, SIG))).message).toContain('at most 100 are accepted');
  });

  it('maxKeys keys are accepted, one more is refused', async () => {
    const many = Array.from({ length: 5 }, (_, i) => ({ ...k1.publicJwk, kid: `k${i}` }));
    server.serve(many);
    const ok = createRemoteKeySet(server.url, { maxKeys: 5 });
    expect((await ok.select({ alg: 'ES256', kid: 'k4' }, SIG))[0]!.kid).toBe('k4');
    server.serve([...many, { ...k1.publicJwk, kid: 'k5' }]);
    const tooMany = createRemoteKeySet(server.url, { maxKeys: 5 });
    const err = await rejection(tooMany.select({ alg: 'ES256', kid: 'k1' }, SIG));
    expect(err.code).toBe('ERR_JWKS_INVALID');
    expect(err.message).toContain('holds 6 keys; at most 5 are accepted');
  });
});

describe('createRemoteKeySet: keys it cannot use are ignored, not fatal', () => {
  it('skips enc keys for signatures, secrets, private keys, unknown kty and weak RSA, and says so', async () => {
    server.serve([
      k1.publicJwk,
      { ...k2.publicJwk, kid: 'enc1', use: 'enc', alg: 'ECDH-ES' },
      { kty: 'oct', kid: 'sym', k: 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA' },
      { ...k2.privateJwk, kid: 'leaked' },
      { kty: 'PQC', kid: 'future', x: 'AAAA' },
      { kty: 'EC', crv: 'secp256k1', kid: 'k256', x: k1.publicJwk.x, y: k1.publicJwk.y },
      { kty: 'OKP', crv: 'Ed448', kid: 'ed448', x: 'X9dEm1m0Yf0s54fsYWrUah2hNCSFpw4fig6nXYDpZ3jt8SR2m0bHBhvWeD3x5Q9s0foavq_oJWGA' },
      rsaKey('weak', 1024),
      rsaKey('rsa1'),
    ]);
    const keys = createRemoteKeySet(server.url);
    expect((await keys.select({ alg: 'ES256', kid: 'k1' }, SIG))[0]!.kid).toBe('k1');
    expect((await keys.select({ alg: 'RS256', kid: 'rsa1' }, SIG))[0]!.kid).toBe('rsa1');
    const ignored = Object.fromEntries(keys.status().ignored.map((i) => [i.kid, i.reason]));
    expect(Object.keys(ignored).sort()).toEqual(['ed448', 'future', 'k256', 'leaked', 'sym', 'weak']);
    expect(ignored.sym).toMatch(/secret/);
    expect(ignored.leaked).toMatch(/private/);
    expect(ignored.weak).toMatch(/2048/);
    // The enc key is held but never selected for a signature.
    const err = await rejection(keys.select({ alg: 'ES256', kid: 'enc1' }, SIG));
    expect(err.code).toBe('ERR_JWKS_NO_MATCHING_KEY');
    const sym = await rejection(keys.select({ alg: 'HS256', kid: 'sym' }, SIG));
    expect(sym.code).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(sym.message).toMatch(/ignored keys: .*'sym'/);
  });
});

describe('createRemoteKeySet: URL policy', () => {
  it('accepts https and loopback http, refuses other http, always in production', () => {
    expect(() => createRemoteKeySet('https://idp.example.com/jwks')).not.toThrow();
    for (const url of ['http://127.0.0.1:8080/jwks', 'http://localhost/jwks', 'http://[::1]:9/jwks', 'http://127.1.2.3/jwks']) {
      expect(() => createRemoteKeySet(url, { production: true })).not.toThrow();
    }
    expect(() => createRemoteKeySet('http://idp.example.com/jwks')).toThrow(/plain HTTP/);
    expect(() => createRemoteKeySet('http://keycloak:8080/jwks', { allowHttp: true, production: false })).not.toThrow();
    expect(() => createRemoteKeySet('http://keycloak:8080/jwks', { allowHttp: true, production: true })).toThrow(/plain HTTP in production/);
    expect(() => createRemoteKeySet('ftp://idp.example.com/jwks')).toThrow(/https/);
    expect(() => createRemoteKeySet('/relative/jwks')).toThrow(/absolute URL/);
    expect(() => createRemoteKeySet('https://user:pw@idp.example.com/jwks')).toThrow(/credentials/);
  });

  it('messages show the URL without query string', async () => {
    server.handle((_req, res) => { res.writeHead(500); res.end(); }, '/jwks.json');
    const keys = createRemoteKeySet(`${server.url}?api_key=s3cr3t`);
    const err = await rejection(keys.select({ alg: 'ES256', kid: 'k1' }, SIG));
    expect(err.message).toContain(server.url);
    expect(err.message).not.toContain('s3cr3t');
  });

  it('checks its options', () => {
    expect(() => createRemoteKeySet(server.url, { timeout: -1 })).toThrow(expect.objectContaining({ code: 'ERR_JOSE_INVALID_OPTION' }));
    expect(() => createRemoteKeySet(server.url, { maxKeys: 0 })).toThrow(/maxKeys/);
    expect(() => createRemoteKeySet(server.url, { minCacheAge: '2h', maxCacheAge: '1h' })).toThrow(/minCacheAge/);
  });
});

describe('createRemoteKeySet: injected fetch', () => {
  it('a fetch that ignores the abort signal still times out', async () => {
    const keys = createRemoteKeySet('https://idp.example.com/jwks', { fetch: () => new Promise<Response>(() => undefined), timeout: 0.1 });
    const err = await rejection(keys.select({ alg: 'ES256', kid: 'k1' }, SIG));
    expect(err.code).toBe('ERR_JWKS_TIMEOUT');
    expect(err.message).toContain('within 100ms');
  });

  it('a redirect that ends on plain HTTP is refused', async () => {
    const redirected = async (): Promise<Response> => {
      const response = Response.json({ keys: [k1.publicJwk] });
      Object.defineProperty(response, 'url', { value: 'http://idp.example.com/jwks' });
      return response;
    };
    const keys = createRemoteKeySet('https://idp.example.com/jwks', { fetch: redirected, now: fakeClock().now });
    const err = await rejection(keys.select({ alg: 'ES256', kid: 'k1' }, SIG));
    expect(err.code).toBe('ERR_JWKS_INVALID');
    expect(err.message).toBe("cannot check kid 'k1': no keys from the JWKS https://idp.example.com/jwks yet: the last fetch failed 0s ago: the request to https://idp.example.com/jwks was redirected to http://idp.example.com/jwks, which is not HTTPS; next attempt in 1s");
  });

  it('sends the configured headers and no token material', async () => {
    const seen: Headers[] = [];
    const keys = createRemoteKeySet('https://idp.example.com/jwks', {
      headers: { 'user-agent': 'orders-api/1.0' },
      fetch: async (_url, init) => { seen.push(new Headers(init.headers)); return Response.json({ keys: [k1.publicJwk] }); },
    });
    await keys.select({ alg: 'ES256', kid: 'k1' }, SIG);
    expect(seen[0]!.get('user-agent')).toBe('orders-api/1.0');
    expect(seen[0]!.get('accept')).toContain('application/json');
  });
});
