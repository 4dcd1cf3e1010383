/**
 * The Edge-middleware case, run in a child process started with edge-web-preload.mjs (node:crypto
 * unreachable; the bundle sees no `Buffer`). Each middleware gets a fresh `NextRequest` for a protected page with
 * the access-token cookie; a valid token must pass (`NextResponse.next()`), a forged one must be
 * sent to the sign-in page, before anything is timed. Results go to stdout as one JSON line.
 */
import { readFileSync } from 'node:fs';
import { SignJWT, importJWK, jwtVerify } from 'jose';
import { forge } from './check.mjs';
import { measureCase } from './stats.mjs';
import { AUDIENCE, ISSUER } from './fixtures.mjs';

const input = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const log = (m) => process.stderr.write(`${m}\n`);
const { authMiddleware, createEdgeAuth, importJwk, NextRequest, NextResponse, bufferVisible } = await import(input.bundleUrl);
if (typeof process.getBuiltinModule === 'function' || bufferVisible) {
  throw new Error('edge mode: node:crypto (process.getBuiltinModule) or Buffer is visible to the bundled middleware');
}

const URL_ = 'https://app.example.com/dashboard';
const COOKIE = 'tessera-at';
// The identity headers @tessera/next removes; the hand-written middleware removes the same, so both do the same work.
const STRIP = new Set(['x-user', 'x-user-id', 'x-user-email', 'x-user-roles', 'x-auth-user', 'x-remote-user', 'remote-user',
  'x-forwarded-user', 'x-forwarded-email', 'x-forwarded-preferred-username', 'x-forwarded-groups',
  'x-auth-request-user', 'x-auth-request-email', 'x-auth-request-groups']);

async function joseKey(jwk, alg, usage) {
  if (alg !== 'HS256') return importJWK(jwk, alg);
  const bytes = Uint8Array.from(atob(jwk.k.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  return crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, [usage]);
}

/** The middleware a team writes with jose: cookie, jwtVerify, next() or a redirect to sign in. */
function joseMiddleware(key, alg) {
  const options = { algorithms: [alg], issuer: ISSUER, audience: AUDIENCE, clockTolerance: 5, requiredClaims: ['sub', 'iat', 'exp', 'jti', 'sid', 'auth_time'] };
  return async (request) => {
    const headers = new Headers(request.headers);
    for (const name of [...headers.keys()]) if (STRIP.has(name) || name.startsWith('x-tessera-')) headers.delete(name);
    const token = request.cookies.get(COOKIE)?.value;
    if (token !== undefined) {
      try {
        await jwtVerify(token, key, options);
        return NextResponse.next({ request: { headers } });
      } catch { /* refused: to the sign-in page */ }
    }
    const to = new URL('/sign-in', request.url);
    to.searchParams.set('next', request.nextUrl.pathname);
    return NextResponse.redirect(to, 307);
  };
}

const request = (token) => new NextRequest(URL_, { headers: { cookie: `${COOKIE}=${token}`, accept: 'text/html', 'user-agent': 'bench' } });
const passes = (response) => response.headers.get('x-middleware-next') === '1' && response.status === 200;

const results = [];
for (const [alg, k] of Object.entries(input.keys)) {
  const now = Math.floor(Date.now() / 1000);
  const claims = { iss: ISSUER, aud: AUDIENCE, sub: 'user-42', name: 'Ada', roles: ['user'], iat: now, exp: now + 3600, jti: 'j-1', sid: 's-1', auth_time: now };
  const token = await new SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT', kid: k.kid }).sign(await joseKey(k.privateJwk, alg, 'sign'));
  const ours = authMiddleware(createEdgeAuth({ keys: importJwk(k.publicJwk, { alg }), issuer: ISSUER, audience: AUDIENCE, transport: 'cookie' }), { signInPage: '/sign-in' });
  const theirs = joseMiddleware(await joseKey(k.publicJwk, alg, 'verify'), alg);
  const list = [
    { name: '@tessera/next authMiddleware + createEdgeAuth', group: 'ours', primary: true, async: true, fn: (t) => ours(request(t)), arg: token },
    { name: 'jose jwtVerify middleware', group: 'peer', async: true, fn: (t) => theirs(request(t)), arg: token },
  ];
  for (const impl of list) {
    if (!passes(await impl.fn(token))) throw new Error(`edge middleware ${alg}: ${impl.name} refused a valid token`);
    const refused = await impl.fn(forge(token));
    if (refused.status !== 307 || new URL(refused.headers.get('location')).pathname !== '/sign-in') throw new Error(`edge middleware ${alg}: ${impl.name} passed a forged token`);
  }
  log(`edge middleware ${alg}: checked`);
  const summaries = input.smoke ? null : await measureCase(list, input.cfg);
  results.push({
    id: `Edge middleware ${alg} (NextRequest with the token cookie → NextResponse.next())`, alg, op: 'middleware', tokenLength: token.length,
    impls: list.map(({ name, group, primary }) => ({ name, group, primary })),
    summaries: summaries && [...summaries],
  });
}
process.stdout.write(`${JSON.stringify(results)}\n`);
