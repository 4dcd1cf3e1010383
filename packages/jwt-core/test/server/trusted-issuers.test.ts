/**
 * createAuth's trustedIssuers: an external provider's access tokens accepted next to this layer's
 * own, against the provider's JWKS (an injected fetch and the fake clock), and refused with the
 * cause named otherwise; keys that can no longer be served deny with 503, never access.
 */
import { describe, expect, it } from 'vitest';
import { exportJwk } from '../../src/jwk/export.js';
import { generateKeyPair } from '../../src/jwk/generate.js';
import { signJwt } from '../../src/jwt/sign.js';
import type { JwtClaims } from '../../src/types.js';
import { setup } from './helpers.js';

const IDP = 'https://login.idp.test/';
const JWKS_URL = 'https://login.idp.test/jwks';

async function provider() {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { kid: 'idp-1' });
  const state = { down: false, fetches: 0 };
  const fetch = async (): Promise<Response> => {
    state.fetches++;
    if (state.down) throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    return new Response(JSON.stringify({ keys: [exportJwk(publicKey)] }), { headers: { 'content-type': 'application/json', 'cache-control': 'max-age=60' } });
  };
  const token = (claims: JwtClaims, at: Date) => signJwt({ iss: IDP, aud: 'app', sub: 'ext-1', roles: ['reader'], ...claims }, privateKey, {
    alg: 'ES256', expiresIn: '10m', currentDate: at,
  });
  return { fetch, state, token };
}

function withProvider(idp: Awaited<ReturnType<typeof provider>>, extra: Record<string, unknown> = {}) {
  return setup({ trustedIssuers: [{ issuer: IDP, jwksUrl: JWKS_URL, jwks: { fetch: idp.fetch, minCacheAge: '1m', maxStale: '2m', ...extra } }] });
}

const bearer = (token: string) => new Request('https://app.example.com/api', { headers: { authorization: `Bearer ${token}` } });

describe('trustedIssuers', () => {
  it('accepts a provider token checked against its JWKS, and still this layer\'s own tokens', async () => {
    const idp = await provider();
    const { auth, clock } = withProvider(idp);
    const result = await auth.require(bearer(await idp.token({}, clock.now())), { roles: ['reader'] });
    expect(result.ok && result.claims.sub).toBe('ext-1');
    const login = await auth.handle(new Request('https://app.example.com/auth/login', {
      method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://app.example.com' }, body: JSON.stringify({ username: 'bob', password: 'battery staple' }),
    }));
    expect(login?.status).toBe(200);
  });

  it('refuses a provider token for another audience, or signed by a key the provider never published', async () => {
    const idp = await provider();
    const { auth, clock } = withProvider(idp);
    const wrongAud = await auth.authenticate(bearer(await idp.token({ aud: 'other-api' }, clock.now())));
    expect(wrongAud.ok || wrongAud.error.code).toBe('ERR_JWT_CLAIM_VALIDATION_FAILED');
    const stranger = await generateKeyPair('ES256', { kid: 'idp-1' });
    const forged = await signJwt({ iss: IDP, aud: 'app', sub: 'ext-1' }, stranger.privateKey, { alg: 'ES256', expiresIn: '10m', currentDate: clock.now() });
    const refused = await auth.authenticate(bearer(forged));
    expect(refused.ok ? 200 : refused.response.status).toBe(401);
  });

  it('refuses roles that are not a list of strings', async () => {
    const idp = await provider();
    const { auth, clock } = withProvider(idp);
    const result = await auth.authenticate(bearer(await idp.token({ roles: 'admin' }, clock.now())));
    expect(result.ok || [result.error.code, result.error.message]).toEqual(['ERR_JWT_INVALID', `claim roles of a token from ${IDP} is not a list of strings`]);
  });

  it('serves cached keys while the JWKS endpoint is down, up to maxStale after they expire, then denies with 503', async () => {
    const idp = await provider();
    const { auth, clock, warnings } = withProvider(idp);
    expect((await auth.authenticate(bearer(await idp.token({}, clock.now())))).ok).toBe(true);
    idp.state.down = true;
    clock.advance(60 + 119); // expired 119 s ago: stale, within maxStale (2m)
    expect((await auth.authenticate(bearer(await idp.token({}, clock.now())))).ok).toBe(true);
    clock.advance(2);
    const denied = await auth.authenticate(bearer(await idp.token({}, clock.now())));
    expect(denied.ok ? 200 : [denied.response.status, denied.error.code, denied.response.headers.get('retry-after')]).toEqual([503, 'ERR_AUTH_UNAVAILABLE', '5']);
    expect(warnings.join('\n')).toMatch(/keys of the trusted issuer https:\/\/login\.idp\.test\/ cannot be served \(ERR_JWKS_INVALID\).*ECONNREFUSED/);
    idp.state.down = false;
    clock.advance(600); // past the retry backoff: the next request refetches and recovers
    expect((await auth.authenticate(bearer(await idp.token({}, clock.now())))).ok).toBe(true);
  });

  it('refuses at start-up a provider that repeats the own issuer, and a plain-http JWKS URL off loopback', async () => {
    expect(() => setup({ trustedIssuers: [{ issuer: 'https://app.example.com', jwksUrl: JWKS_URL }] })).toThrow(/trustedIssuers\[0\]\.issuer "https:\/\/app\.example\.com" is this layer's own issuer/);
    expect(() => setup({ trustedIssuers: [{ issuer: IDP, jwksUrl: 'http://idp.test/jwks' }] })).toThrow(expect.objectContaining({ code: 'ERR_JOSE_INVALID_OPTION' }));
  });
});
