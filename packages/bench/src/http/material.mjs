/**
 * What every server process of the HTTP case shares, read from its environment: the algorithm
 * (`BENCH_ALG`: HS256 or ES256), its key in each form the implementations take, and the response
 * helpers. Every variant answers 200 with `{"sub":...}`, 401 with one fixed body, 404 elsewhere.
 */
import { createPrivateKey, createPublicKey, createSecretKey } from 'node:crypto';
import { AUDIENCE, ISSUER } from '../fixtures.mjs';
import { nodeFloor } from '../floors.mjs';

export const ALG = process.env.BENCH_ALG ?? 'HS256';

/**
 * `{ alg, kid, secret?, privateKey, publicKey, publicJwk, privateJwk, publicPem }`: HS256 from
 * `BENCH_SECRET` (base64url), ES256 from `BENCH_ES256_JWK` (the private JWK, with its kid).
 */
export function keyMaterial() {
  if (ALG === 'HS256') {
    const secret = Buffer.from(process.env.BENCH_SECRET, 'base64url');
    const key = createSecretKey(secret);
    return { alg: ALG, kid: process.env.BENCH_KID, secret, privateKey: key, publicKey: key };
  }
  const privateJwk = JSON.parse(process.env.BENCH_ES256_JWK);
  const { d: _d, ...publicJwk } = privateJwk;
  const privateKey = createPrivateKey({ key: privateJwk, format: 'jwk' });
  const publicKey = createPublicKey({ key: publicJwk, format: 'jwk' });
  return { alg: ALG, kid: privateJwk.kid, privateKey, publicKey, privateJwk, publicJwk, publicPem: publicKey.export({ type: 'spki', format: 'pem' }) };
}

const REQUIRED = ['sub', 'jti', 'sid'];

/**
 * The claim checks of the hand-written floor: what Tessera's auth layer checks of its access
 * tokens (exp and iat with 5 s of tolerance, issuer, audience, the types of sub, jti, sid and
 * auth_time). Throws on the first failure.
 */
export function checkClaims(c, now = Date.now() / 1000) {
  if (typeof c.exp !== 'number' || !(now < c.exp + 5)) throw new Error('expired');
  if (typeof c.iat !== 'number' || c.iat > now + 5) throw new Error('iat');
  if (c.iss !== ISSUER) throw new Error('iss');
  if (c.aud !== AUDIENCE && !(Array.isArray(c.aud) && c.aud.includes(AUDIENCE))) throw new Error('aud');
  for (const name of REQUIRED) if (typeof c[name] !== 'string' || c[name] === '') throw new Error(name);
  if (typeof c.auth_time !== 'number') throw new Error('auth_time');
  return c;
}

/**
 * The hand-written floor's verification (floors.mjs: node:crypto, JSON.parse), its claim checks and
 * the revocation lookup: `(token) => claims`, throwing on any failure. Shared by the floor on every
 * framework, so that each framework's auth cost is held against the same work.
 */
export function floorVerifier(k, revoked) {
  const f = nodeFloor(k.alg, k);
  return (token) => {
    const claims = checkClaims(f.verify(token));
    if (revoked(claims)) throw new Error('revoked');
    return claims;
  };
}

export function bearer(req) {
  const h = req.headers.authorization;
  return typeof h === 'string' && h.startsWith('Bearer ') ? h.slice(7) : '';
}

export const ok = (res, sub) => {
  const body = JSON.stringify({ sub });
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
};
const DENIED = '{"error":"unauthorized"}';
export const deny = (res) => {
  res.writeHead(401, { 'content-type': 'application/json', 'content-length': DENIED.length });
  res.end(DENIED);
};
export const notFound = (res) => {
  res.writeHead(404);
  res.end();
};

/** The auth layer every Tessera server (node, Express, Koa, Redis) uses: bearer, ALG, the memory store unless given one. */
export async function tesseraAuth(k, store = undefined) {
  const core = await import(process.env.BENCH_CORE_URL);
  const { createAuth, createMemoryStore } = await import(process.env.BENCH_SERVER_URL);
  const keys = k.secret !== undefined ? core.importSecret(new Uint8Array(k.secret), { alg: 'HS256', kid: k.kid }) : core.importJwk(k.privateJwk, { alg: k.alg });
  return createAuth({
    keys,
    algorithm: k.alg,
    issuer: ISSUER,
    audience: AUDIENCE,
    transport: 'bearer',
    store: store ?? createMemoryStore(), // one process (createAuth refuses an implicit store in production)
    // These servers only protect a route: nobody signs in through them.
    authenticate: () => null,
    loadUser: () => null,
    claims: (user) => ({ sub: user.id }),
  });
}
