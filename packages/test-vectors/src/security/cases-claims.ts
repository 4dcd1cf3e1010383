/**
 * Claim checks that a library skipped or could be talked out of: aud, iss, claim types, the
 * payload's shape, clock tolerance, and `crit`. Tokens are MACed here with a known secret, so
 * their contents can be anything (a well-behaved signer would refuse to produce them).
 */
import { accepted, all, firstFailure, AUDIENCE, claims, ISSUER, NOW, refused } from './attempt.js';
import { forgeHmacRaw, forgeHmacToken } from './encoding.js';
import { verifyOptions } from './keys.js';
import type { SecurityApi, SecurityCase, SecurityContext } from './types.js';

const HEADER = JSON.stringify({ alg: 'HS256', typ: 'JWT' });

/** A secret, its imported key, and a signer of raw JSON payloads. */
function macSetup(api: SecurityApi): { key: unknown; raw: (payloadJson: string, headerJson?: string) => Promise<string> } {
  const secret = crypto.getRandomValues(new Uint8Array(32));
  return { key: api.importSecret(secret, { alg: 'HS256' }), raw: (p, h = HEADER) => forgeHmacRaw(h, p, secret) };
}

/** Each payload must be refused with `code` (and `claim`, when given). */
async function refusePayloads(api: SecurityApi, ctx: SecurityContext, cases: readonly [string, string, string?][], code: string, options: Record<string, unknown> = {}): Promise<string | null> {
  const { key, raw } = macSetup(api);
  return firstFailure(cases, async ([what, payload, claim]) => {
    const token = await raw(payload);
    return refused(what, code, async () => {
      try {
        await api.verifyJwt(token, key, verifyOptions(ctx, ['HS256'], options));
      } catch (error) {
        if (claim !== undefined && (error as { claim?: unknown }).claim !== claim) throw new Error(`error.claim is ${String((error as { claim?: unknown }).claim)}, expected ${claim}`);
        throw error;
      }
    });
  });
}

const base = (extra: string): string => `{"iss":"${ISSUER}","sub":"user-1","aud":"${AUDIENCE}","iat":${NOW - 60}${extra}}`;

export const claimCases: SecurityCase[] = [
  {
    id: 'CVE-2025-62610',
    aliases: [],
    area: 'claims',
    title: 'the audience is not checked',
    summary: 'A verifier configured with an expected audience accepted tokens whose aud was missing or named another service, so a token for one API was accepted by another.',
    protection: "With audience set, aud must be present and one of the token's audiences must be allowed; missing, empty and foreign audiences are ERR_JWT_CLAIM_VALIDATION_FAILED (claim aud).",
    references: ['https://nvd.nist.gov/vuln/detail/CVE-2025-62610'],
    vectors: ['neg-aud-mismatch', 'neg-aud-missing', 'neg-aud-array-none-allowed', 'neg-aud-empty-array'],
    checks: [
      {
        name: 'aud missing, foreign, an empty array, or a list without the expected audience is refused',
        expect: { refused: 'ERR_JWT_CLAIM_VALIDATION_FAILED' },
        async run(api, ctx) {
          const exp = `,"exp":${NOW + 600}`;
          const strip = (aud: string) => `{"iss":"${ISSUER}","sub":"user-1"${aud},"iat":${NOW - 60}${exp}}`;
          return all(
            () => refusePayloads(api, ctx, [
              ['aud missing', strip('')], ['aud foreign', strip(',"aud":"api://other"')], ['aud empty array', strip(',"aud":[]')],
              ['aud list without ours', strip(',"aud":["api://other","api://third"]')], ['aud differs by case', strip(`,"aud":"${AUDIENCE.toUpperCase()}"`)],
            ].map(([w, p]) => [w!, p!, 'aud'] as [string, string, string]), 'ERR_JWT_CLAIM_VALIDATION_FAILED', { audience: AUDIENCE }),
            async () => {
              const { key, raw } = macSetup(api);
              const token = await raw(strip(`,"aud":["api://other","${AUDIENCE}"]`));
              return accepted('a list containing our audience (control)', () => api.verifyJwt(token, key, verifyOptions(ctx, ['HS256'], { audience: AUDIENCE })));
            },
          );
        },
      },
    ],
  },
  {
    id: 'CVE-2025-30144',
    aliases: [],
    area: 'claims',
    title: 'an array iss passes the issuer check (fast-jwt)',
    summary: "The issuer check accepted an iss claim that was an array containing the expected issuer, although RFC 7519 §4.1.1 makes iss a single string; an attacker's token listing several issuers passed for each.",
    protection: 'iss must be a string (ERR_JWT_INVALID, claim iss) whether or not an issuer is expected, and must equal one of the expected issuers.',
    references: ['https://nvd.nist.gov/vuln/detail/CVE-2025-30144'],
    vectors: ['neg-type-iss-array', 'neg-iss-prefix', 'neg-iss-mismatch'],
    checks: [
      {
        name: 'iss as an array (with the expected issuer in it), with and without the issuer option, is refused',
        expect: { refused: 'ERR_JWT_INVALID' },
        async run(api, ctx) {
          const p = (iss: string) => `{"iss":${iss},"sub":"user-1","aud":"${AUDIENCE}","iat":${NOW - 60},"exp":${NOW + 600}}`;
          const cases: [string, string, string][] = [
            ['iss ["evil", expected]', p(`["https://evil.example","${ISSUER}"]`), 'iss'], ['iss [expected]', p(`["${ISSUER}"]`), 'iss'], ['iss {}', p('{}'), 'iss'],
          ];
          return all(
            () => refusePayloads(api, ctx, cases, 'ERR_JWT_INVALID', { issuer: ISSUER }),
            () => refusePayloads(api, ctx, cases, 'ERR_JWT_INVALID'),
            () => refusePayloads(api, ctx, [['iss with a suffix', p(`"${ISSUER}.evil.example"`), 'iss']], 'ERR_JWT_CLAIM_VALIDATION_FAILED', { issuer: ISSUER }),
          );
        },
      },
    ],
  },
  {
    id: 'CVE-2026-44459',
    aliases: [],
    area: 'claims',
    title: 'malformed exp, nbf or iat bypass the time checks',
    summary: 'Time claims of the wrong type (strings, booleans, null, objects, non-finite numbers) were skipped or compared loosely, so a token with a malformed exp never expired.',
    protection: 'exp, nbf and iat must be finite numbers; anything else is ERR_JWT_INVALID naming the claim, checked after the signature and before any time comparison.',
    references: ['https://nvd.nist.gov/vuln/detail/CVE-2026-44459'],
    vectors: ['neg-type-exp-a-numeric-string', 'neg-type-exp-a-boolean', 'neg-type-exp-null', 'neg-type-exp-an-array', 'neg-type-nbf-a-numeric-string', 'neg-type-iat-a-numeric-string', 'neg-type-iat-an-object', 'neg-type-exp-infinite'],
    checks: [
      {
        name: 'exp/nbf/iat as strings, booleans, null, arrays, objects or 1e400 (Infinity) are refused naming the claim',
        expect: { refused: 'ERR_JWT_INVALID' },
        run: (api, ctx) => refusePayloads(api, ctx, [
          ['exp "9999999999"', base(',"exp":"9999999999"'), 'exp'], ['exp "1"', base(',"exp":"1"'), 'exp'], ['exp true', base(',"exp":true'), 'exp'],
          ['exp null', base(',"exp":null'), 'exp'], ['exp []', base(',"exp":[]'), 'exp'], ['exp {}', base(',"exp":{}'), 'exp'],
          ['exp 1e400', base(',"exp":1e400'), 'exp'], ['exp -1e400', base(',"exp":-1e400'), 'exp'],
          ['nbf "0"', base(`,"exp":${NOW + 600},"nbf":"0"`), 'nbf'], ['nbf 1e400', base(`,"exp":${NOW + 600},"nbf":1e400`), 'nbf'],
          ['iat "0"', `{"sub":"user-1","iat":"0","exp":${NOW + 600}}`, 'iat'], ['iat {}', `{"sub":"user-1","iat":{},"exp":${NOW + 600}}`, 'iat'],
        ], 'ERR_JWT_INVALID'),
      },
    ],
  },
  {
    id: 'GHSA-5hjw-83fp-phq9',
    aliases: [],
    area: 'claims',
    title: 'an array (or other non-object) payload skips the claim checks',
    summary: 'A signed payload that was a JSON array rather than an object passed verification with every claim check skipped (no exp, no aud on an array).',
    protection: 'A JWT payload must be a JSON object (RFC 7519 §7.2 step 10); arrays, strings, numbers, booleans and null are ERR_JWT_INVALID, also through createVerifier.',
    references: ['https://github.com/advisories/GHSA-5hjw-83fp-phq9'],
    vectors: ['neg-payload-array', 'neg-payload-string', 'neg-payload-number', 'neg-payload-null'],
    checks: [
      {
        name: 'array, string, number, boolean and null payloads are refused by verifyJwt and createVerifier',
        expect: { refused: 'ERR_JWT_INVALID' },
        async run(api, ctx) {
          const payloads = [`[{"exp":${NOW - 1},"aud":"x"}]`, '[]', '"admin"', '42', 'true', 'null'];
          const { key, raw } = macSetup(api);
          const verifier = api.createVerifier({ keys: key, ...verifyOptions(ctx, ['HS256'], { audience: AUDIENCE }) });
          for (const p of payloads) {
            const token = await raw(p);
            const failure = await all(
              () => refused(`verifyJwt, payload ${p}`, 'ERR_JWT_INVALID', () => api.verifyJwt(token, key, verifyOptions(ctx, ['HS256'], { audience: AUDIENCE }))),
              () => refused(`createVerifier, payload ${p}`, 'ERR_JWT_INVALID', () => verifier(token)),
            );
            if (failure !== null) return failure;
          }
          return null;
        },
      },
    ],
  },
  {
    id: 'GHSA-687g-22h4-j4w4',
    aliases: [],
    area: 'claims',
    title: 'an infinite or absurd clock tolerance disables expiry',
    summary: 'The clock-tolerance option accepted Infinity (or huge values), which made every expired token valid forever.',
    protection: 'clockTolerance must be a finite, non-negative duration of at most 1 hour (DEFAULT_LIMITS.maxClockTolerance); anything else is ERR_JOSE_INVALID_OPTION at configuration time.',
    references: ['https://github.com/advisories/GHSA-687g-22h4-j4w4'],
    vectors: ['neg-option-clock-tolerance-absurd', 'neg-option-clock-tolerance-negative', 'neg-option-clock-tolerance-garbage'],
    checks: [
      {
        name: 'Infinity, NaN, negative, 1e12, 3601 s, "1000y", "999999d" and garbage tolerances are refused by verifyJwt and createVerifier',
        expect: { refused: 'ERR_JOSE_INVALID_OPTION' },
        async run(api, ctx) {
          const key = api.importSecret(crypto.getRandomValues(new Uint8Array(32)), { alg: 'HS256' });
          const expired = await api.signJwt(claims({ iat: NOW - 7200, exp: NOW - 3600 }), key, { alg: 'HS256', currentDate: new Date((NOW - 7200) * 1000) });
          for (const tolerance of [Infinity, -Infinity, NaN, -1, 1e12, 3601, '1000y', '999999d', '2h', 'forever', '', null, {}]) {
            const o = verifyOptions(ctx, ['HS256'], { clockTolerance: tolerance });
            const failure = await all(
              () => refused(`verifyJwt clockTolerance ${String(tolerance)}`, 'ERR_JOSE_INVALID_OPTION', () => api.verifyJwt(expired, key, o)),
              () => refused(`createVerifier clockTolerance ${String(tolerance)}`, 'ERR_JOSE_INVALID_OPTION', () => api.createVerifier({ keys: key, ...o })),
            );
            if (failure !== null) return failure;
          }
          return refused('the largest tolerance still refuses a token expired 1 h ago', 'ERR_JWT_EXPIRED', () => api.verifyJwt(expired, key, verifyOptions(ctx, ['HS256'], { clockTolerance: '59m' })));
        },
      },
    ],
  },
  {
    id: 'CVE-2026-35042',
    aliases: ['GHSA-hm7r-c7qw-ghp6'],
    area: 'claims',
    title: 'unknown crit extensions accepted (fast-jwt)',
    summary: "Tokens whose crit header listed extensions the library did not understand were accepted, although RFC 7515 §4.1.11 requires rejecting them; policies carried in critical extensions were silently ignored.",
    protection: "crit must be a non-empty array of names the caller declared in `critical`, each present in the header and none registered; anything else is ERR_JWS_INVALID.",
    references: ['https://nvd.nist.gov/vuln/detail/CVE-2026-35042', 'https://www.rfc-editor.org/rfc/rfc7515#section-4.1.11'],
    vectors: ['neg-crit-unknown', 'neg-crit-empty', 'neg-crit-not-array'],
    checks: [
      {
        name: 'crit with an unknown name, empty, not an array, naming a registered header, or naming an absent parameter is refused',
        expect: { refused: 'ERR_JWS_INVALID' },
        async run(api, ctx) {
          const secret = crypto.getRandomValues(new Uint8Array(32));
          const key = api.importSecret(secret, { alg: 'HS256' });
          const headers: [string, Record<string, unknown>, string[]?][] = [
            ['unknown extension', { alg: 'HS256', crit: ['x-policy'], 'x-policy': 'require-mfa' }],
            ['empty crit', { alg: 'HS256', crit: [] }],
            ['crit not an array', { alg: 'HS256', crit: 'x-policy', 'x-policy': 1 }],
            ['crit naming alg', { alg: 'HS256', crit: ['alg'] }],
            ['declared but absent', { alg: 'HS256', crit: ['x-policy'] }, ['x-policy']],
            ['one of two understood', { alg: 'HS256', crit: ['x-policy', 'x-other'], 'x-policy': 1, 'x-other': 2 }, ['x-policy']],
          ];
          for (const [what, header, critical] of headers) {
            const token = await forgeHmacToken(header, claims(), secret);
            const failure = await refused(what, 'ERR_JWS_INVALID', () => api.verifyJwt(token, key, verifyOptions(ctx, ['HS256'], critical === undefined ? {} : { critical })));
            if (failure !== null) return failure;
          }
          const understood = await forgeHmacToken({ alg: 'HS256', crit: ['x-policy'], 'x-policy': 'require-mfa' }, claims(), secret);
          return accepted('an extension the caller declared (control)', () => api.verifyJwt(understood, key, verifyOptions(ctx, ['HS256'], { critical: ['x-policy'] })));
        },
      },
    ],
  },
];
