/**
 * The negative JWT vectors (`vectors/negative/jwt.json`) sent as `Authorization: Bearer` through
 * the adapter to a real auth layer configured with each vector's keys, algorithm and time: each is
 * refused with 401, the code the vector names, an RFC 6750 challenge, and a body that never echoes
 * the token.
 *
 * The auth layer adds its own claim rules (issuer, audience, `sid`, `jti`, ...) after the
 * signature, so a vector failing in the claims stage could legitimately be refused for one of those
 * first. Every vector that fails before the claims stage (parsing, header, `crit`, algorithm
 * allow-list, key selection, signature) must give exactly its code here; claim rules are covered by
 * the core's own run of the vectors. Options `createAuth` cannot express are left to that run too.
 */
import { caseDate } from '../options.js';
import { negativeCases } from '../negative.js';
import { readVectorFile } from '../files.js';
import type { VerifyCase } from '../types.js';
import { check, expectNotLeaked, header } from './expect.js';
import type { AdapterCase, AdapterHarness } from './types.js';

const BEFORE_CLAIMS = new Set([
  'ERR_JWS_INVALID', 'ERR_JOSE_ALG_NOT_ALLOWED', 'ERR_JOSE_NOT_SUPPORTED', 'ERR_JWKS_NO_MATCHING_KEY', 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
]);
const EXPRESSIBLE = new Set(['algorithms', 'currentDate']);
/** A token with control characters cannot travel in an HTTP header at all (fetch refuses it). */
const HEADER_SAFE = /^[\x20-\x7e]*$/;
/**
 * Tokens longer than this may exceed the server's request-header limit (Node's is 16 KiB), which
 * refuses them with 431 before the adapter runs: a refusal too, accepted for those only.
 */
const HEADER_LIMIT_RISK = 8 * 1024;

/** Whether a negative vector can be expressed as an auth-layer configuration and a bearer request. */
export function appliesToAdapters(c: VerifyCase): boolean {
  return c.expect.ok === false && HEADER_SAFE.test(c.token) && BEFORE_CLAIMS.has(c.expect.code)
    && Object.keys(c.options).every((o) => EXPRESSIBLE.has(o)) && c.options.algorithms?.length === 1;
}

/** The auth's keys: the vector's own HMAC secret (it signs too), or a ring verifying with the vector's keys. */
async function keysFor(h: AdapterHarness, c: VerifyCase, alg: string): Promise<unknown> {
  const { api } = h;
  const first = c.keys.keys[0];
  if (c.keyMode === 'single' && first?.kty === 'oct' && first.alg === alg) return api.importJwk(first);
  const set = (c.keyMode === 'set' ? await api.createKeySet(c.keys) : await api.createKeySet([await api.importJwk(first!)])) as {
    keys: readonly unknown[]; jwks(): unknown; select(header: unknown, selection: unknown): unknown;
  };
  const signingKey = /^HS/.test(alg)
    ? await api.importSecret(crypto.getRandomValues(new Uint8Array(64)), { alg, kid: `signer-${alg}` })
    : (await h.keyPair(alg)).privateKey;
  return { signingKey, get keys() { return set.keys; }, jwks: () => set.jwks(), select: (hd: unknown, s: unknown) => set.select(hd, s) };
}

function vectorCase(c: VerifyCase): AdapterCase {
  const code = c.expect.ok === false ? c.expect.code : '';
  const alg = c.options.algorithms![0]!;
  return {
    id: `vector/${c.id}`,
    title: `negative vector ${c.id} is refused with 401 ${code}`,
    async run(h) {
      let keys: unknown;
      try {
        keys = await keysFor(h, c, alg);
      } catch (error) {
        // A key the core refuses to import fails at configuration time, with the vector's code.
        const got = (error as { code?: unknown } | null)?.code;
        check(got === code, `${c.id}: importing the vector's key failed with ${String(got)} (${String((error as Error)?.message)}), expected ${code}`);
        return;
      }
      const now = caseDate(c) ?? new Date();
      await h.withServer({ transport: 'bearer', config: { keys, algorithm: alg, now: () => now, issuer: 'https://issuer.example', audience: 'api://tessera-tests' } }, async (s) => {
        const reply = await s.fetch('/api/me', { headers: { authorization: `Bearer ${c.token}` } });
        if (reply.status === 431 && c.token.length > HEADER_LIMIT_RISK) return;
        check(reply.status === 401, `${c.id}: expected 401 ${code}, got ${reply.status} ${reply.body.slice(0, 200)}`);
        const got = reply.json().error;
        check(got === code, `${c.id}: expected ${code}, got ${String(got)} (${String(reply.json().message)})`);
        check(header(reply, 'www-authenticate').startsWith('Bearer error="invalid_token"'), `${c.id}: expected an invalid_token challenge, got ${reply.headers.get('www-authenticate')}`);
        if (c.token.length > 20) expectNotLeaked(reply, c.token);
      });
    },
  };
}

/** One case per applicable negative vector (the file is read once, with node:fs). */
export function vectorCases(): AdapterCase[] {
  return negativeCases(readVectorFile('negative/jwt.json')).filter(appliesToAdapters).map(vectorCase);
}
