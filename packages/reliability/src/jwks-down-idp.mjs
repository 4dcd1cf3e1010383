/**
 * A fake identity provider for the "JWKS down" scenario: an ES256 key, tokens signed with it, and
 * its JWKS served on a free port of 127.0.0.1 with `Cache-Control: max-age=1`. The endpoint can be
 * switched, mid-load, to the failures an app meets in production:
 *
 * - `refused`: the listener is closed (and open connections cut): connection refused;
 * - `500`: it answers HTTP 500;
 * - `slow`: it answers only after `slowMs` (default 10 s), far beyond any sane fetch timeout;
 * - `up`: it serves the JWKS again (on the same port).
 *
 * Every request is logged (`fetches`: `{ at, mode }`, `at` from performance.now()).
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { freePort } from '@tessera/test-vectors/apps';

export const IDP_ISSUER = 'https://idp.tessera.test/';
const KID = 'idp-2026-1';
const MODES = new Set(['up', 'refused', '500', 'slow']);

const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The provider's key: generated PEM-encoded and re-imported (never `.export()` a fresh KeyObject on Node 20). */
function providerKey() {
  const pair = generateKeyPairSync('ec', { namedCurve: 'P-256', privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const privateKey = createPrivateKey(pair.privateKey);
  const jwk = { ...createPublicKey(pair.publicKey).export({ format: 'jwk' }), kid: KID, alg: 'ES256', use: 'sig' };
  return { privateKey, jwk };
}

/** An ES256 JWT over `claims` with `privateKey` and `kid`. */
function signToken(claims, privateKey, kid) {
  const input = `${b64({ alg: 'ES256', typ: 'JWT', kid })}.${b64(claims)}`;
  return `${input}.${sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
}

/**
 * Starts the provider: `{ issuer, jwksUrl, token(claims?), forgedToken(), setMode(mode), fetches,
 * stop() }`. `token()` is valid for an hour, audience `tessera-example-api`; `forgedToken()` has
 * the same header and claims signed by another key.
 */
export async function startIdp({ slowMs = 10_000 } = {}) {
  const { privateKey, jwk } = providerKey();
  const stranger = providerKey().privateKey;
  const port = await freePort();
  const fetches = [];
  const held = new Set();
  let mode = 'up';
  const document = JSON.stringify({ keys: [jwk] });
  const server = createServer((req, res) => {
    fetches.push({ at: performance.now(), mode });
    if (mode === '500') {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
    } else if (mode === 'slow') {
      const timer = setTimeout(() => { held.delete(timer); res.writeHead(200, { 'content-type': 'application/json' }).end(document); }, slowMs);
      held.add(timer);
      res.once('close', () => { clearTimeout(timer); held.delete(timer); });
    } else {
      res.writeHead(200, { 'content-type': 'application/jwk-set+json', 'cache-control': 'max-age=1' }).end(document);
    }
  });
  const listen = () => new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => { server.off('error', reject); resolve(); });
  });
  const close = () => new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
  await listen();
  let listening = true;

  const claims = (extra) => {
    const now = Math.floor(Date.now() / 1000);
    return { iss: IDP_ISSUER, aud: 'tessera-example-api', sub: 'idp-user-7', name: 'external user', iat: now, exp: now + 3600, ...extra };
  };
  return {
    issuer: IDP_ISSUER,
    jwksUrl: `http://127.0.0.1:${port}/jwks.json`,
    fetches,
    token: (extra = {}) => signToken(claims(extra), privateKey, KID),
    forgedToken: () => signToken(claims({}), stranger, KID),
    mode: () => mode,
    async setMode(next) {
      if (!MODES.has(next)) throw new RangeError(`mode must be one of ${[...MODES].join(', ')}; got ${next}`);
      mode = next;
      if (next === 'refused' && listening) {
        listening = false;
        await close();
      } else if (next !== 'refused' && !listening) {
        await listen();
        listening = true;
      }
    },
    async stop() {
      for (const timer of held) clearTimeout(timer);
      if (listening) await close();
      listening = false;
    },
  };
}
