/**
 * Keys the verifier must never accept or invent: empty and falsy keys, keys embedded in the token
 * (`jwk`), and keys the token points at (`jku`, `x5u`), which are never fetched.
 */
import { accepted, all, firstFailure, claims, refused } from './attempt.js';
import { b64u, forgeHmacToken, segment, withSegment } from './encoding.js';
import { hmacKey, jwsOptions, publicJwk, signValid, verifyOptions } from './keys.js';
import type { SecurityApi, SecurityCase, SecurityContext } from './types.js';

const FALSY: readonly [string, unknown][] = [
  ['null', null], ['undefined', undefined], ["''", ''], ['0', 0], ['false', false], ['NaN', NaN],
  ['empty bytes', new Uint8Array(0)], ['{}', {}], ['[]', []], ['a JWK object', { kty: 'oct', k: '' }],
];

/** Calls to `globalThis.fetch` made while `body` runs (the real fetch is never reached). */
async function fetchesDuring(body: () => Promise<unknown>): Promise<{ urls: string[]; error: unknown }> {
  const urls: string[] = [];
  const g = globalThis as { fetch?: typeof fetch };
  const original = g.fetch;
  g.fetch = (async (input: RequestInfo | URL) => {
    urls.push(String(input instanceof Request ? input.url : input));
    return new Response('{"keys":[]}', { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  try {
    await body();
    return { urls, error: undefined };
  } catch (error) {
    return { urls, error };
  } finally {
    g.fetch = original;
  }
}

/** A token signed by the attacker's own key whose header points at (or embeds) that key. */
async function attackerToken(api: SecurityApi, ctx: SecurityContext, alg: string, header: (attackerJwk: Record<string, unknown>) => Record<string, unknown>): Promise<string> {
  const attacker = await api.generateKeyPair(alg, { extractable: true });
  return signValid(api, ctx, attacker.privateKey, alg, { sub: 'admin' }, header(publicJwk(api, attacker.publicKey)));
}

export const keyCases: SecurityCase[] = [
  {
    id: 'CVE-2026-44351',
    aliases: [],
    area: 'keys',
    title: 'an empty or falsy key accepted for verification',
    summary: 'Verification called with an empty string, null or an empty buffer as the key went ahead (an HMAC with an empty key, or no check at all), so anyone could mint accepted tokens.',
    protection: 'Verification takes only imported keys, key sets or resolvers; importSecret refuses empty and short secrets (ERR_JWK_INVALID).',
    references: ['https://nvd.nist.gov/vuln/detail/CVE-2026-44351'],
    vectors: ['neg-key-hmac-empty', 'neg-key-hmac-too-short'],
    checks: [
      {
        name: 'verifyJwt, verifyJws and createVerifier refuse null, undefined, empty strings and bytes, 0, false, {} and [] as keys',
        expect: { refused: 'ERR_JWK_INVALID' },
        async run(api, ctx) {
          const forged = `${segment({ alg: 'HS256', typ: 'JWT' })}.${segment(claims({ sub: 'admin' }))}.${''}`;
          for (const [what, key] of FALSY) {
            const failure = await all(
              () => refused(`verifyJwt(key ${what})`, 'ERR_JWK_INVALID', () => api.verifyJwt(forged, key, verifyOptions(ctx, ['HS256']))),
              () => refused(`verifyJws(key ${what})`, 'ERR_JWK_INVALID', () => api.verifyJws(forged, key, jwsOptions(ctx, ['HS256']))),
              () => refused(`createVerifier(keys ${what})`, 'ERR_JWK_INVALID', () => api.createVerifier({ keys: key, ...verifyOptions(ctx, ['HS256']) })),
            );
            if (failure !== null) return failure;
          }
          return null;
        },
      },
      {
        name: "importSecret and importJwk refuse '', empty bytes, whitespace and an empty k",
        expect: { refused: 'ERR_JWK_INVALID' },
        async run(api) {
          return all(
            () => refused("importSecret('')", 'ERR_JWK_INVALID', () => api.importSecret('', { alg: 'HS256' })),
            () => refused('importSecret(empty bytes)', 'ERR_JWK_INVALID', () => api.importSecret(new Uint8Array(0), { alg: 'HS256' })),
            () => refused("importSecret('', base64)", 'ERR_JWK_INVALID', () => api.importSecret('', { alg: 'HS256', encoding: 'base64' })),
            () => refused('importSecret(31 bytes) for HS256', 'ERR_JWK_INVALID', () => api.importSecret(new Uint8Array(31).fill(7), { alg: 'HS256' })),
            () => refused("importJwk({ kty: 'oct', k: '' })", 'ERR_JWK_INVALID', () => api.importJwk({ kty: 'oct', k: '' }, { alg: 'HS256' })),
          );
        },
      },
    ],
  },
  {
    id: 'GHSA-8wpc-h4q6-8fxv',
    aliases: [],
    area: 'keys',
    title: 'a key lookup that finds nothing verifies anyway',
    summary: 'When the key lookup returned nothing (an unknown kid, an empty key set), the library verified with an empty or default key instead of refusing the token.',
    protection: 'A resolver returning nothing, an empty key set, or a set without a key for the kid refuses the token (ERR_JWKS_NO_MATCHING_KEY); there is no default key.',
    references: ['https://github.com/advisories/GHSA-8wpc-h4q6-8fxv'],
    vectors: ['neg-kid-unknown', 'neg-no-kid-no-key-fits-alg'],
    checks: [
      {
        name: 'resolvers returning null, undefined, an empty string, a rejected promise of nothing, and an empty key set refuse the token',
        expect: { refused: 'ERR_JWKS_NO_MATCHING_KEY' },
        async run(api, ctx) {
          const key = hmacKey(api, 'HS256', 'k1');
          const token = await signValid(api, ctx, key, 'HS256');
          // An empty set may be refused when built (ERR_JWKS_INVALID) or refuse every token.
          let emptySet: unknown;
          try { emptySet = api.createKeySet({ keys: [] }); } catch (error) { if ((error as { name?: unknown }).name !== 'JoseError') return `createKeySet([]) threw ${String(error)}`; }
          const resolvers: [string, () => unknown][] = [['null', () => null], ['undefined', () => undefined], ["''", () => ''], ['async undefined', async () => undefined]];
          if (emptySet !== undefined) resolvers.push(['an empty key set', () => emptySet]);
          for (const [what, resolve] of resolvers) {
            const failure = await refused(`resolver returning ${what}`, 'ERR_JWKS_NO_MATCHING_KEY', () => api.verifyJwt(token, resolve, verifyOptions(ctx, ['HS256'])));
            if (failure !== null) return failure;
          }
          if (emptySet !== undefined) {
            const failure = await refused('an empty key set', 'ERR_JWKS_NO_MATCHING_KEY', () => api.verifyJwt(token, emptySet, verifyOptions(ctx, ['HS256'])));
            if (failure !== null) return failure;
          }
          const other = api.createKeySet([hmacKey(api, 'HS256', 'k2')]);
          return refused('a set without kid k1', 'ERR_JWKS_NO_MATCHING_KEY', () => api.verifyJwt(token, other, verifyOptions(ctx, ['HS256'])));
        },
      },
    ],
  },
  {
    id: 'CVE-2018-0114',
    aliases: [],
    area: 'keys',
    title: 'the jwk header trusted as the verification key (node-jose)',
    summary: "The verifier used the public key embedded in the token's own jwk header, so an attacker signed with their key and shipped it inside the token.",
    protection: 'The jwk, x5c, jku and x5u headers are never used to find or build a key; only the caller\'s keys verify.',
    references: ['https://nvd.nist.gov/vuln/detail/CVE-2018-0114'],
    vectors: ['neg-embedded-jwk', 'neg-embedded-jwk-key-set'],
    checks: [
      {
        name: "ES256 and EdDSA tokens signed by the attacker's key and carrying it in jwk are refused by the victim's key and key set",
        expect: { refused: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' },
        async run(api, ctx) {
          for (const alg of ['ES256', 'EdDSA']) {
            const victim = await ctx.keyPair(alg);
            const victimJwk = { ...publicJwk(api, victim.publicKey), kid: 'victim' };
            const token = await attackerToken(api, ctx, alg, (jwk) => ({ jwk, kid: 'victim' }));
            const failure = await all(
              () => refused(`${alg}: victim's key`, 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED', () => api.verifyJwt(token, victim.publicKey, verifyOptions(ctx, [alg]))),
              () => refused(`${alg}: victim's key set`, 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED', () => api.verifyJwt(token, api.createKeySet({ keys: [victimJwk] }), verifyOptions(ctx, [alg]))),
            );
            if (failure !== null) return failure;
          }
          return null;
        },
      },
      {
        name: 'the embedded jwk does not stand in for a missing key: a set without a matching kid refuses',
        expect: { refused: 'ERR_JWKS_NO_MATCHING_KEY' },
        async run(api, ctx) {
          const token = await attackerToken(api, ctx, 'ES256', (jwk) => ({ jwk, kid: 'attacker' }));
          const victim = await ctx.keyPair('ES256');
          const set = api.createKeySet({ keys: [{ ...publicJwk(api, victim.publicKey), kid: 'victim' }] });
          return refused('kid attacker, set of victim', 'ERR_JWKS_NO_MATCHING_KEY', () => api.verifyJwt(token, set, verifyOptions(ctx, ['ES256'])));
        },
      },
    ],
  },
  {
    id: 'JWKS-published-secret',
    aliases: [],
    area: 'keys',
    title: 'a secret (oct) key in a fetched JWKS used for HMAC',
    summary: 'A JWKS endpoint is public; verifiers that import every key it lists will use an oct key found there as an HMAC secret, which anyone who fetches the JWKS can then use to sign tokens.',
    protection: 'A remote key set skips oct keys (status().ignored says why) and never verifies an HMAC with one; only keys the caller imports locally can be secrets.',
    references: ['https://www.rfc-editor.org/rfc/rfc7517#section-5', 'https://www.rfc-editor.org/rfc/rfc8725#section-3.5'],
    vectors: [],
    checks: [
      {
        name: 'HS256 tokens MACed with an oct key published in the remote JWKS are refused, with and without kid',
        expect: { refused: 'ERR_JWKS_NO_MATCHING_KEY' },
        async run(api, ctx) {
          const secret = crypto.getRandomValues(new Uint8Array(32));
          const jwks = { keys: [{ kty: 'oct', k: b64u(secret), alg: 'HS256', kid: 'published' }, { kty: 'oct', k: b64u(secret), kid: 'no-alg' }] };
          const remote = api.createRemoteKeySet('https://idp.example/jwks', {
            fetch: async () => new Response(JSON.stringify(jwks), { status: 200, headers: { 'content-type': 'application/json' } }),
          });
          return firstFailure([{ alg: 'HS256', kid: 'published' }, { alg: 'HS256', kid: 'no-alg' }, { alg: 'HS256' }], async (header) => {
            const token = await forgeHmacToken(header, claims({ sub: 'admin' }), secret);
            return refused(`kid ${String(header.kid)}`, 'ERR_JWKS_NO_MATCHING_KEY', () => api.verifyJwt(token, remote, verifyOptions(ctx, ['HS256'])));
          });
        },
      },
    ],
  },
  {
    id: 'jku-x5u-never-fetched',
    aliases: [],
    area: 'keys',
    title: 'jku and x5u header URLs are never fetched (RFC 8725 §3.10)',
    summary: "Libraries that follow the token's jku/x5u URLs let an attacker point the verifier at a key set they host (and make the server issue requests: SSRF).",
    protection: 'No code path reads jku or x5u; a remote key set fetches only the URL its owner configured. Asserted with a fetch spy.',
    references: ['https://www.rfc-editor.org/rfc/rfc8725#section-3.10'],
    vectors: ['neg-jku-never-fetched', 'neg-x5u-never-fetched'],
    checks: [
      {
        name: "a token naming jku/x5u/x5c of the attacker is refused by the victim's key, and the global fetch is never called",
        expect: { refused: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' },
        async run(api, ctx) {
          const victim = await ctx.keyPair('ES256');
          const token = await attackerToken(api, ctx, 'ES256', () => ({ jku: 'https://attacker.example/jwks.json', x5u: 'https://attacker.example/cert.pem', x5c: ['MIIB'] }));
          return firstFailure([['key', victim.publicKey], ['key set', api.createKeySet({ keys: [publicJwk(api, victim.publicKey)] })]] as const, async ([what, keys]) => {
            const { urls, error } = await fetchesDuring(() => api.verifyJwt(token, keys, verifyOptions(ctx, ['ES256'])));
            if (urls.length > 0) return `${what}: fetch was called: ${urls.join(', ')}`;
            return refused(what, 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED', () => { throw error ?? new Error('accepted'); });
          });
        },
      },
      {
        name: 'a remote key set fetches only its configured URL, whatever jku/x5u the token names',
        expect: { behaviour: 'only the configured JWKS URL is requested; the token is refused' },
        async run(api, ctx) {
          const victim = await ctx.keyPair('ES256');
          const jwks = { keys: [{ ...publicJwk(api, victim.publicKey), kid: 'v1' }] };
          const requested: string[] = [];
          const remote = api.createRemoteKeySet('https://idp.example/jwks', {
            fetch: async (input: RequestInfo | URL) => {
              requested.push(String(input instanceof Request ? input.url : input));
              return new Response(JSON.stringify(jwks), { status: 200, headers: { 'content-type': 'application/json' } });
            },
          });
          const forged = await attackerToken(api, ctx, 'ES256', () => ({ kid: 'evil', jku: 'https://attacker.example/jwks', x5u: 'https://attacker.example/x5u' }));
          const relabelled = withSegment(forged, 0, segment({ alg: 'ES256', typ: 'JWT', kid: 'v1', jku: 'https://attacker.example/jwks' }));
          const { urls, error } = await fetchesDuring(async () => {
            const outcomes = await Promise.allSettled([api.verifyJwt(forged, remote, verifyOptions(ctx, ['ES256'])), api.verifyJwt(relabelled, remote, verifyOptions(ctx, ['ES256']))]);
            if (outcomes.some((o) => o.status === 'fulfilled')) throw new Error('a forged token was accepted');
          });
          if (urls.length > 0) return `the global fetch was called: ${urls.join(', ')}`;
          if (error instanceof Error && error.message === 'a forged token was accepted') return error.message;
          const foreign = requested.filter((u) => !u.startsWith('https://idp.example/jwks'));
          if (foreign.length > 0) return `the remote key set requested ${foreign.join(', ')}`;
          const genuine = await signValid(api, ctx, victim.privateKey, 'ES256', {}, { kid: 'v1', jku: 'https://attacker.example/jwks' });
          return accepted('a genuine token that also names a jku (control)', () => api.verifyJwt(genuine, remote, verifyOptions(ctx, ['ES256'])));
        },
      },
    ],
  },
];
