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
import { body, login, request, setup } from './helpers.js';

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

function withProvider(idp: Awaited<ReturnType<typeof provider>>, extra: Record<string, unknown> = {}, trustRoles?: boolean) {
  return setup({ trustedIssuers: [{ issuer: IDP, jwksUrl: JWKS_URL, jwks: { fetch: idp.fetch, minCacheAge: '1m', maxStale: '2m', ...extra }, ...(trustRoles === undefined ? {} : { trustRoles }) }] });
}

const bearer = (token: string) => new Request('https://app.example.com/api', { headers: { authorization: `Bearer ${token}` } });

describe('trustedIssuers', () => {
  it('accepts a provider token checked against its JWKS, and still this layer\'s own tokens', async () => {
    const idp = await provider();
    const { auth, clock } = withProvider(idp, {}, true);
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

  it('never takes a provider\'s roles or permissions as this application\'s unless trustRoles says so', async () => {
    const idp = await provider();
    const { auth, clock } = withProvider(idp);
    // A provider user whose sub equals a local admin's id, claiming the admin role: neither grants anything here.
    const token = await idp.token({ sub: 'u-alice', roles: ['admin'], permissions: ['users:manage'] }, clock.now());
    const result = await auth.authenticate(bearer(token));
    expect(result.ok && [result.claims.iss, result.claims.sub, result.claims.roles, result.claims.permissions]).toEqual([IDP, 'u-alice', undefined, undefined]);
    const admin = await auth.require(bearer(token), { roles: ['admin'] });
    expect(admin.ok ? 200 : [admin.response.status, admin.error.code]).toEqual([403, 'ERR_AUTH_FORBIDDEN']);
    expect(() => setup({ trustedIssuers: [{ issuer: IDP, jwksUrl: JWKS_URL, trustRoles: 'yes' as unknown as boolean }] })).toThrow(/trustedIssuers\[0\]\.trustRoles must be true or false/);
  });

  it('logout with a provider token revokes nothing of this layer\'s, and logout-all refuses it: a provider sub never ends a local user\'s sessions', async () => {
    const idp = await provider();
    const { auth, clock } = withProvider(idp);
    const alice = await login(auth, 'alice'); // the local user u-alice, signed in with cookies
    const token = await idp.token({ sub: 'u-alice' }, clock.now());
    const out = await auth.handle(request('POST', '/auth/logout', { bearer: token }));
    expect([out?.status, (await body(out)).revoked]).toEqual([200, { session: false, accessToken: false }]);
    expect((await auth.authenticate(bearer(token))).ok).toBe(true); // the provider's session is the provider's to end
    const all = await auth.handle(request('POST', '/auth/logout-all', { bearer: token }));
    const refusal = await body(all);
    expect([all?.status, refusal.error]).toEqual([403, 'ERR_AUTH_FORBIDDEN']);
    expect(refusal.message).toContain(`issued by "${IDP}"`);
    // The local u-alice is still signed in.
    expect((await auth.authenticate(request('GET', '/api', { jar: alice }))).ok).toBe(true);
  });

  it('refuses roles that are not a list of strings (trustRoles)', async () => {
    const idp = await provider();
    const { auth, clock } = withProvider(idp, {}, true);
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

  it('a token under a new kid while the JWKS endpoint is down is 503 (the provider may have rotated), not 401', async () => {
    const idp = await provider();
    const { auth, clock } = withProvider(idp);
    expect((await auth.authenticate(bearer(await idp.token({}, clock.now())))).ok).toBe(true);
    idp.state.down = true;
    clock.advance(61); // the keys expired, still within maxStale; the refetch for the new kid fails
    const next = await generateKeyPair('ES256', { kid: 'idp-2' });
    const rotated = await signJwt({ iss: IDP, aud: 'app', sub: 'ext-1' }, next.privateKey, { alg: 'ES256', expiresIn: '10m', currentDate: clock.now() });
    const denied = await auth.authenticate(bearer(rotated));
    expect(denied.ok ? 200 : [denied.response.status, denied.error.code]).toEqual([503, 'ERR_AUTH_UNAVAILABLE']);
    expect((await auth.authenticate(bearer(await idp.token({}, clock.now())))).ok).toBe(true); // the cached kid still verifies
  });

  it('refuses at start-up a provider that repeats the own issuer, and a plain-http JWKS URL off loopback', async () => {
    expect(() => setup({ trustedIssuers: [{ issuer: 'https://app.example.com', jwksUrl: JWKS_URL }] })).toThrow(/trustedIssuers\[0\]\.issuer "https:\/\/app\.example\.com" is this layer's own issuer/);
    expect(() => setup({ trustedIssuers: [{ issuer: IDP, jwksUrl: 'http://idp.test/jwks' }] })).toThrow(expect.objectContaining({ code: 'ERR_JOSE_INVALID_OPTION' }));
  });
});
