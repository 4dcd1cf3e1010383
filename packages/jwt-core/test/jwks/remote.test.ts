/**
 * createRemoteKeySet against a real HTTP server on 127.0.0.1: caching by Cache-Control within
 * bounds, refetch on unknown kid bounded by the cooldown, one shared in-flight fetch, and the
 * explanation carried by ERR_JWKS_NO_MATCHING_KEY. Time is a fake clock; no test sleeps.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRemoteKeySet } from '../../src/jwks/remote.js';
import { ecKey, fakeClock, rejection, SIG, startJwksServer, type JwksServer } from './remote-helpers.js';

let server: JwksServer;
beforeEach(async () => { server = await startJwksServer(); });
afterEach(async () => { await server.close(); });

const k1 = ecKey('k1');
const k2 = ecKey('k2');
const k3 = ecKey('k3');

describe('createRemoteKeySet: caching', () => {
  it('fetches on first use, selects by kid, and serves later selects from the cache', async () => {
    server.serve([k1.publicJwk, k2.publicJwk]);
    const clock = fakeClock();
    const keys = createRemoteKeySet(server.url, { now: clock.now });
    expect(server.count()).toBe(0); // lazy: nothing fetched at construction
    const [key] = await keys.select({ alg: 'ES256', kid: 'k2' }, SIG);
    expect(key!.kid).toBe('k2');
    await keys.select({ alg: 'ES256', kid: 'k1' }, SIG);
    clock.advance(60_000);
    await keys.select({ alg: 'ES256', kid: 'k1' }, SIG);
    expect(server.count()).toBe(1);
    expect(keys.status().kids).toEqual(['k1', 'k2']);
    expect(keys.jwks().keys.map((k) => k.kid)).toEqual(['k1', 'k2']);
  });

  it('honours Cache-Control max-age: no refetch before it expires, one after', async () => {
    server.serve([k1.publicJwk], { 'cache-control': 'public, max-age=120' });
    const clock = fakeClock();
    const keys = createRemoteKeySet(server.url, { now: clock.now });
    await keys.select({ alg: 'ES256', kid: 'k1' }, SIG);
    clock.advance(119_000);
    await keys.select({ alg: 'ES256', kid: 'k1' }, SIG);
    expect(server.count()).toBe(1);
    clock.advance(2_000);
    await keys.select({ alg: 'ES256', kid: 'k1' }, SIG);
    expect(server.count()).toBe(2);
  });

  it('subtracts the Age a shared cache added', async () => {
    server.serve([k1.publicJwk], { 'cache-control': 'max-age=300', age: '200' });
    const clock = fakeClock();
    const keys = createRemoteKeySet(server.url, { now: clock.now });
    await keys.select({ alg: 'ES256', kid: 'k1' }, SIG);
    clock.advance(101_000);
    await keys.select({ alg: 'ES256', kid: 'k1' }, SIG);
    expect(server.count()).toBe(2);
  });

  it('clamps a tiny max-age (or no-store) to minCacheAge', async () => {
    server.serve([k1.publicJwk], { 'cache-control': 'no-store' });
    const clock = fakeClock();
    const keys = createRemoteKeySet(server.url, { now: clock.now, minCacheAge: '30s' });
    await keys.select({ alg: 'ES256', kid: 'k1' }, SIG);
    for (let i = 0; i < 29; i++) {
      clock.advance(1_000);
      await keys.select({ alg: 'ES256', kid: 'k1' }, SIG);
    }
    expect(server.count()).toBe(1);
    clock.advance(1_000);
    await keys.select({ alg: 'ES256', kid: 'k1' }, SIG);
    expect(server.count()).toBe(2);
  });

  it('clamps a huge max-age to maxCacheAge', async () => {
    server.serve([k1.publicJwk], { 'cache-control': 'max-age=31536000' });
    const clock = fakeClock();
    const keys = createRemoteKeySet(server.url, { now: clock.now, maxCacheAge: '1h' });
    await keys.select({ alg: 'ES256', kid: 'k1' }, SIG);
    clock.advance(3_599_000);
    await keys.select({ alg: 'ES256', kid: 'k1' }, SIG);
    expect(server.count()).toBe(1);
    clock.advance(1_000);
    await keys.select({ alg: 'ES256', kid: 'k1' }, SIG);
    expect(server.count()).toBe(2);
    expect(keys.status().expiresAt!.getTime()).toBe(clock.now() + 3_600_000);
  });

  it('uses defaultCacheAge when the response has no max-age', async () => {
    server.serve([k1.publicJwk]);
    const clock = fakeClock();
    const keys = createRemoteKeySet(server.url, { now: clock.now, defaultCacheAge: '10m' });
    await keys.select({ alg: 'ES256', kid: 'k1' }, SIG);
    expect(keys.status().expiresAt!.getTime() - keys.status().fetchedAt!.getTime()).toBe(600_000);
  });
});

describe('createRemoteKeySet: rotation at the provider', () => {
  it('picks up a key the provider added mid-run at the first token that names it', async () => {
    server.serve([k1.publicJwk], { 'cache-control': 'max-age=3600' });
    const clock = fakeClock();
    const keys = createRemoteKeySet(server.url, { now: clock.now, cooldown: '30s' });
    await keys.select({ alg: 'ES256', kid: 'k1' }, SIG);
    // The provider rotates: k2 signs from now on, k1 is still published for old tokens.
    server.serve([k2.publicJwk, k1.publicJwk], { 'cache-control': 'max-age=3600' });
    clock.advance(31_000);
    const [key] = await keys.select({ alg: 'ES256', kid: 'k2' }, SIG);
    expect(key!.kid).toBe('k2');
    expect(server.count()).toBe(2);
    // Later the provider drops k1; once the cache expires, k1 tokens are refused.
    server.serve([k2.publicJwk, k3.publicJwk], { 'cache-control': 'max-age=3600' });
    clock.advance(3_600_000);
    const err = await rejection(keys.select({ alg: 'ES256', kid: 'k1' }, SIG));
    expect(err.code).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(err.message).toContain("'k1'");
    expect(err.message).toMatch(/k2.*k3/);
  });

  it('within the cooldown, an unknown kid does not refetch and the message says when it may', async () => {
    server.serve([k1.publicJwk]);
    const clock = fakeClock();
    const keys = createRemoteKeySet(server.url, { now: clock.now, cooldown: '30s' });
    await keys.select({ alg: 'ES256', kid: 'k1' }, SIG);
    clock.advance(10_000);
    const err = await rejection(keys.select({ alg: 'ES256', kid: 'k9' }, SIG));
    expect(server.count()).toBe(1);
    expect(err.code).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(err.kid).toBe('k9');
    expect(err.knownKids).toEqual(['k1']);
    expect(err.message).toContain("'k9'");
    expect(err.message).toContain('k1');
    expect(err.message).toContain(`JWKS ${server.url}`);
    expect(err.message).toMatch(/keys fetched 10s ago \(2026-11-22T09:00:00Z\)/);
    expect(err.message).toContain('the last fetch succeeded');
    expect(err.message).toMatch(/next is allowed in 20s \(cooldown 30s\)/);
    expect(err.hint).toMatch(/rotated/);
  });

  it('a storm of random kids is bounded by the cooldown: one fetch per 30 s at most', async () => {
    server.serve([k1.publicJwk], { 'cache-control': 'max-age=3600' });
    const clock = fakeClock();
    const keys = createRemoteKeySet(server.url, { now: clock.now, cooldown: '30s' });
    await keys.select({ alg: 'ES256', kid: 'k1' }, SIG);
    let refused = 0;
    // 2000 tokens with random kids over 200 simulated seconds (10 per simulated second).
    for (let i = 0; i < 2000; i++) {
      if (i % 10 === 0) clock.advance(1_000);
      const err = await rejection(keys.select({ alg: 'ES256', kid: `random-${i}` }, SIG));
      if (err.code === 'ERR_JWKS_NO_MATCHING_KEY') refused++;
    }
    expect(refused).toBe(2000);
    // Initial fetch + one per elapsed cooldown: floor(200 / 30) = 6 refetches.
    expect(server.count()).toBe(1 + 6);
  });

  it('concurrent selects on a cold cache share one fetch', async () => {
    server.handle((_req, res) => {
      setTimeout(() => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(JSON.stringify({ keys: [k1.publicJwk, k2.publicJwk] })); }, 100);
    }, '/jwks.json');
    const keys = createRemoteKeySet(server.url);
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => keys.select({ alg: 'ES256', kid: i % 2 === 0 ? 'k1' : 'k2' }, SIG)));
    expect(results.map((r) => r[0]!.kid)).toEqual(Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? 'k1' : 'k2')));
    expect(server.count()).toBe(1);
  });

  it('concurrent unknown kids share one refetch', async () => {
    server.serve([k1.publicJwk]);
    const clock = fakeClock();
    const keys = createRemoteKeySet(server.url, { now: clock.now });
    await keys.select({ alg: 'ES256', kid: 'k1' }, SIG);
    server.handle((_req, res) => {
      setTimeout(() => { res.writeHead(200); res.end(JSON.stringify({ keys: [k1.publicJwk, k2.publicJwk] })); }, 50);
    }, '/jwks.json');
    clock.advance(31_000);
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => keys.select({ alg: 'ES256', kid: i < 10 ? 'k2' : `nope-${i}` }, SIG)));
    expect(results.slice(0, 10).every((r) => r.status === 'fulfilled')).toBe(true);
    expect(results.slice(10).every((r) => r.status === 'rejected')).toBe(true);
    expect(server.count()).toBe(2);
  });

  it('a token without kid selects by alg; the keys fitting the alg are returned', async () => {
    server.serve([k1.publicJwk, k2.publicJwk]);
    const keys = createRemoteKeySet(server.url);
    const selected = await keys.select({ alg: 'ES256' }, SIG);
    expect(selected.map((k) => k.kid).sort()).toEqual(['k1', 'k2']);
    const err = await rejection(keys.select({ alg: 'RS256' }, SIG));
    expect(err.code).toBe('ERR_JWKS_NO_MATCHING_KEY');
  });

  it('refresh() fetches now and fails loudly when the endpoint is wrong', async () => {
    server.serve([k1.publicJwk]);
    const keys = createRemoteKeySet(server.url);
    await keys.refresh();
    expect(server.count()).toBe(1);
    expect(keys.keys.map((k) => k.kid)).toEqual(['k1']);
    const wrong = createRemoteKeySet(`${server.origin}/nope.json`);
    const err = await rejection(wrong.refresh());
    expect(err.code).toBe('ERR_JWKS_INVALID');
    expect(err.message).toContain('HTTP 404');
  });
});

describe('createRemoteKeySet: never follows a URL from the token', () => {
  it('ignores jku and x5u headers', async () => {
    const evil = await startJwksServer();
    try {
      evil.serve([k2.publicJwk]);
      server.serve([k1.publicJwk]);
      const keys = createRemoteKeySet(server.url);
      const err = await rejection(keys.select({ alg: 'ES256', kid: 'k2', jku: evil.url, x5u: evil.url }, SIG));
      expect(err.code).toBe('ERR_JWKS_NO_MATCHING_KEY');
      expect(evil.count()).toBe(0);
    } finally {
      await evil.close();
    }
  });
});

describe('createRemoteKeySet: what does not trigger a refetch', () => {
  it('a known kid used with an alg it does not fit is refused without a refetch', async () => {
    server.serve([k1.publicJwk]);
    const clock = fakeClock();
    const keys = createRemoteKeySet(server.url, { now: clock.now });
    await keys.select({ alg: 'ES256', kid: 'k1' }, SIG);
    clock.advance(60_000);
    const err = await rejection(keys.select({ alg: 'ES384', kid: 'k1' }, SIG));
    expect(err.code).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(err.message).toContain('cannot be used for alg ES384');
    expect(server.count()).toBe(1);
  });
});
