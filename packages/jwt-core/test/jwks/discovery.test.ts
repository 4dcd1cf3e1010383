/** fromIssuer: OpenID Connect discovery against a real server on 127.0.0.1. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fromIssuer } from '../../src/jwks/discovery.js';
import { ecKey, fakeClock, jsonHandler, rejection, SIG, startJwksServer, type JwksServer } from './remote-helpers.js';

let server: JwksServer;
beforeEach(async () => { server = await startJwksServer(); });
afterEach(async () => { await server.close(); });

const k1 = ecKey('k1');
const CONFIG = '/.well-known/openid-configuration';

function provider(issuer: string, extra: Record<string, unknown> = {}): void {
  server.handle(jsonHandler({ issuer, jwks_uri: server.url, ...extra }), CONFIG);
  server.serve([k1.publicJwk]);
}

describe('fromIssuer', () => {
  it('discovers jwks_uri lazily, then verifies with the provider keys', async () => {
    const issuer = `${server.origin}/`;
    provider(issuer);
    const keys = fromIssuer(issuer);
    expect(keys.issuer).toBe(issuer);
    expect(server.count(CONFIG)).toBe(0);
    expect(keys.jwksUri).toBeUndefined();
    const [key] = await keys.select({ alg: 'ES256', kid: 'k1' }, SIG);
    expect(key!.kid).toBe('k1');
    await keys.select({ alg: 'ES256', kid: 'k1' }, SIG);
    expect(server.count(CONFIG)).toBe(1);
    expect(server.count()).toBe(1);
    expect(keys.jwksUri).toBe(server.url);
    expect(keys.status()!.kids).toEqual(['k1']);
  });

  it('appends the well-known path after an issuer path (OIDC Discovery §4)', async () => {
    const issuer = `${server.origin}/realms/acme`;
    server.handle(jsonHandler({ issuer, jwks_uri: server.url }), `/realms/acme${CONFIG}`);
    server.serve([k1.publicJwk]);
    await fromIssuer(issuer).refresh();
    expect(server.count(`/realms/acme${CONFIG}`)).toBe(1);
  });

  it('refuses a configuration whose issuer differs from the one configured', async () => {
    provider('https://evil.example/');
    const keys = fromIssuer(`${server.origin}/`);
    const err = await rejection(keys.select({ alg: 'ES256', kid: 'k1' }, SIG));
    expect(err.code).toBe('ERR_JWKS_INVALID');
    expect(err.message).toContain(`cannot check kid 'k1': no keys from ${server.origin}/ yet: `);
    expect(err.kid).toBe('k1');
    expect(err.message).toContain("declares the issuer 'https://evil.example/'");
    expect(err.message).toContain(`not '${server.origin}/'`);
    expect(server.count()).toBe(0);
  });

  it('a trailing slash counts', async () => {
    provider(`${server.origin}/`);
    const err = await rejection(fromIssuer(server.origin).refresh());
    expect(err.code).toBe('ERR_JWKS_INVALID');
    expect(err.hint).toMatch(/trailing slash/);
  });

  it('refuses a missing or non-HTTPS jwks_uri', async () => {
    const issuer = `${server.origin}/`;
    server.handle(jsonHandler({ issuer }), CONFIG);
    expect((await rejection(fromIssuer(issuer).refresh())).message).toMatch(/has no jwks_uri/);
    server.handle(jsonHandler({ issuer, jwks_uri: 'http://idp.example.com/jwks' }), CONFIG);
    expect((await rejection(fromIssuer(issuer).refresh())).message).toMatch(/plain HTTP/);
  });

  it('a failing discovery endpoint is retried with backoff, not on every token', async () => {
    server.handle((_req, res) => { res.writeHead(500); res.end(); }, CONFIG);
    const clock = fakeClock();
    const keys = fromIssuer(`${server.origin}/`, { now: clock.now, retryBackoff: '1s' });
    for (let i = 0; i < 10; i++) {
      const err = await rejection(keys.select({ alg: 'ES256', kid: 'k1' }, SIG));
      expect(err.code).toBe('ERR_JWKS_INVALID');
    }
    expect(server.count(CONFIG)).toBe(1);
    provider(`${server.origin}/`);
    clock.advance(1_000);
    expect((await keys.select({ alg: 'ES256', kid: 'k1' }, SIG))[0]!.kid).toBe('k1');
    expect(server.count(CONFIG)).toBe(2);
  });

  it('a discovery endpoint that hangs is ERR_JWKS_TIMEOUT', async () => {
    server.handle(() => undefined, CONFIG);
    const err = await rejection(fromIssuer(`${server.origin}/`, { timeout: 0.2 }).refresh());
    expect(err.code).toBe('ERR_JWKS_TIMEOUT');
    expect(err.message).toContain('OpenID configuration');
  });

  it('checks the issuer URL', () => {
    expect(() => fromIssuer('http://idp.example.com/')).toThrow(/plain HTTP/);
    expect(() => fromIssuer('https://idp.example.com/?tenant=1')).toThrow(/query/);
  });
});
