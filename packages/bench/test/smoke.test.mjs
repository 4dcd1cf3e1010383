/**
 * CI smoke run of the benchmark: every implementation of every case is built and CHECKED (right
 * claims back, forged tokens refused, signed tokens verifiable, servers answering 200/401, the
 * memory bound), with no timing at all, so the benchmark cannot rot unnoticed.
 */
import { describe, expect, it } from 'vitest';
import { runBench } from '../src/run.mjs';
import { SMOKE_REDIS_REQUESTS } from '../src/cases/http.mjs';

const smoke = async (only) => {
  const lines = [];
  const { results } = await runBench({ smoke: true, only: [only], log: (l) => lines.push(l) });
  return { results, lines };
};

describe('benchmark smoke run (checks only, nothing timed)', () => {
  it('JWS: Tessera (prepared and one-shot), peers and floors sign and verify every algorithm', async () => {
    const { results } = await smoke('jws');
    expect(results.jws.map((c) => c.id)).toEqual(['HS256 verify', 'HS256 sign', 'RS256 verify', 'RS256 sign', 'PS256 verify', 'PS256 sign', 'ES256 verify', 'ES256 sign', 'EdDSA verify', 'EdDSA sign']);
    for (const c of results.jws) {
      expect(c.impls.filter((i) => i.group === 'ours').map((i) => i.name)).toHaveLength(2);
      expect(c.impls.some((i) => i.group === 'peer')).toBe(true);
      expect(c.impls.some((i) => i.name === 'node:crypto floor')).toBe(true);
      expect(c.summaries).toBeNull();
    }
  });

  it('JWE RSA-OAEP and dir + A128CBC-HS256: Tessera, jose and the floor encrypt and decrypt', async () => {
    const { results } = await smoke('jwe');
    expect(results.jwe.map((c) => c.id)).toEqual(['JWE RSA-OAEP + A128CBC-HS256 decrypt', 'JWE RSA-OAEP + A128CBC-HS256 encrypt', 'JWE dir + A128CBC-HS256 decrypt']);
  });

  it('verified-token cache: Tessera and fast-jwt hits return the claims', async () => {
    const { results } = await smoke('cache');
    expect(results.cache[0].impls.map((i) => i.name)).toContain('fast-jwt, cache hit');
  });

  it('Edge mode: the core without node:crypto and jose verify and sign every algorithm', async () => {
    const { results } = await smoke('edge');
    expect(results.edge).toHaveLength(12);
    // Next.js middleware on the Edge: both middlewares passed a valid token and redirected a forged one.
    const middleware = results.edge.filter((c) => c.op === 'middleware');
    expect(middleware.map((c) => c.alg)).toEqual(['HS256', 'ES256']);
    expect(middleware[0].impls.map((i) => i.name)).toEqual(['@tessera/next authMiddleware + createEdgeAuth', 'jose jwtVerify middleware']);
  }, 120_000);

  // Needs redis-server (CI has it): without one this test fails, naming what is missing.
  it('HTTP: every server, node:http (HS256 and ES256), Express, Koa and the Redis store, answers 200 with the token and 401 without or with a forged one; Redis counts one MGET per request', async () => {
    const { lines, results } = await smoke('http');
    const checked = lines.find((l) => l.startsWith('http: 22 servers checked'));
    expect(checked).toBeDefined();
    for (const name of ['no auth', 'node:crypto floor + Map', 'Tessera (@tessera/node)', 'fast-jwt + Map', 'Tessera (@tessera/node, ES256)', 'node:crypto floor + Map (ES256)',
      'express-jwt + Map isRevoked', 'Tessera (@tessera/node createMiddleware on Express)', 'Tessera (@tessera/koa)', 'koa-jwt + Map isRevoked', 'node:crypto floor + Map (Koa middleware)', 'node:crypto floor + Map (Express middleware)',
      'Tessera (@tessera/node) + Redis store', 'node:crypto floor + Redis MGET', 'fast-jwt + Redis MGET']) {
      expect(checked).toContain(name);
    }
    // Redis's own INFO commandstats over a bounded load: every authenticated request is one MGET, nothing else.
    const { commands } = results.redis;
    expect(commands.requests).toBeGreaterThanOrEqual(SMOKE_REDIS_REQUESTS);
    expect(commands.requests).toBeLessThan(SMOKE_REDIS_REQUESTS + 16);
    expect(commands.commands).toEqual({ mget: commands.requests });
    expect(commands.perRequest).toBe(1);
  }, 120_000);

  it('memory: distinct tokens through a caching verifier stay within the cache bound', async () => {
    const { results } = await smoke('memory');
    expect(results.memory.done).toBe(3000);
    expect(results.memory.ok).toBe(true);
  }, 120_000);
});
