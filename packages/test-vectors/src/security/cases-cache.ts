/**
 * The verified-token cache of createVerifier: an entry belongs to exactly one token text, and a
 * cached result is re-checked against the clock and the current keys on every hit.
 */
import { accepted, all, claims, NOW, refused } from './attempt.js';
import { b64u, flipByte, segment, unb64u, withSegment } from './encoding.js';
import { hmacKey, signValid, verifyOptions } from './keys.js';
import type { SecurityCase } from './types.js';

export const cacheCases: SecurityCase[] = [
  {
    id: 'CVE-2026-35039',
    aliases: ['GHSA-rp9m-7r4c-75qg'],
    area: 'cache',
    title: 'verified-token cache keys that collide (fast-jwt)',
    summary: 'The verifier cache could be keyed by something other than the whole token (a custom key builder, a part of the token), so a different token hit an entry and got another user\'s verified claims.',
    protection: 'The cache is keyed by the whole token text and only successful verifications are stored; there is no key-builder option. Every other token goes through full verification.',
    references: ['https://nvd.nist.gov/vuln/detail/CVE-2026-35039', 'https://github.com/advisories/GHSA-rp9m-7r4c-75qg'],
    vectors: [],
    checks: [
      {
        name: 'after a token is cached, its variants (other signature, other payload, other header, suffix) are verified afresh and refused',
        expect: { refused: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' },
        async run(api, ctx) {
          const key = hmacKey(api, 'HS256', 'k1');
          const verify = api.createVerifier({ keys: key, ...verifyOptions(ctx, ['HS256']), cache: { max: 100 } });
          const alice = await signValid(api, ctx, key, 'HS256', { sub: 'alice', role: 'admin' });
          const bob = await signValid(api, ctx, key, 'HS256', { sub: 'bob' });
          const first = await verify(alice);
          if ((first.payload as { sub?: unknown }).sub !== 'alice') return 'the first verification did not return alice';
          const FAILED = 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED';
          return all(
            () => refused("alice's token with one signature byte changed", FAILED, () => verify(withSegment(alice, 2, b64u(flipByte(unb64u(alice.split('.')[2]!), -1))))),
            () => refused("bob's payload with alice's signature", FAILED, () => verify(withSegment(alice, 1, bob.split('.')[1]!))),
            () => refused("alice's payload and signature under another header", FAILED, () => verify(withSegment(alice, 0, segment({ alg: 'HS256', typ: 'JWT', kid: 'k1', x: 1 })))),
            () => refused("alice's token with a suffix", FAILED, () => verify(`${alice}A`)),
            () => refused("alice's token as a prefix of another", 'ERR_JWS_INVALID', () => verify(`${alice}.${alice}`)),
            async () => {
              const r = await verify(bob);
              return (r.payload as { sub?: unknown }).sub === 'bob' ? null : `bob's token returned sub ${String((r.payload as { sub?: unknown }).sub)}`;
            },
            async () => {
              const r = await verify(alice);
              return (r.payload as { sub?: unknown }).sub === 'alice' ? null : `alice's token (cache hit) returned sub ${String((r.payload as { sub?: unknown }).sub)}`;
            },
          );
        },
      },
      {
        name: "a token cached for one tenant (resolver context) is not served for another tenant",
        expect: { refused: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' },
        async run(api, ctx) {
          // Two tenants, same kid, different secrets: the cache key is the token, so the context must be re-checked.
          const a = hmacKey(api, 'HS256', 'k');
          const b = hmacKey(api, 'HS256', 'k');
          const verify = api.createVerifier({ keys: (_h: unknown, tenant: unknown) => (tenant === 'a' ? a : b), ...verifyOptions(ctx, ['HS256']), cache: { max: 10 } });
          const token = await signValid(api, ctx, a, 'HS256');
          const ok = await accepted("tenant a's token for tenant a", () => verify(token, 'a'));
          if (ok !== null) return ok;
          return refused("tenant a's token for tenant b", 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED', () => verify(token, 'b'));
        },
      },
    ],
  },
  {
    id: 'GHSA-x937-hj6v-793p',
    aliases: [],
    area: 'cache',
    title: 'expired tokens served from the verifier cache',
    summary: 'Cached verification results were returned without re-checking exp, so a token kept working after its expiry for as long as it stayed cached.',
    protection: 'A cache hit re-runs the claim checks at the current time and re-selects the key; an expired token, or one whose key was removed, is refused exactly as without the cache.',
    references: ['https://github.com/advisories/GHSA-x937-hj6v-793p'],
    vectors: [],
    checks: [
      {
        name: 'a cached token is refused once it expires (clock moved past exp + tolerance)',
        expect: { refused: 'ERR_JWT_EXPIRED' },
        clock: true,
        async run(api, ctx) {
          const setNow = ctx.setNow!;
          const key = hmacKey(api);
          const token = await api.signJwt(claims({ exp: NOW + 60 }), key, { alg: 'HS256', currentDate: new Date(NOW * 1000), ...(ctx.backend === undefined ? {} : { backend: ctx.backend }) });
          const { currentDate: _fixed, ...options } = verifyOptions(ctx, ['HS256'], { clockTolerance: 5 });
          const verify = api.createVerifier({ keys: key, ...options, cache: { max: 10 } });
          try {
            setNow(NOW * 1000);
            const ok = await accepted('before exp', () => verify(token));
            if (ok !== null) return ok;
            setNow((NOW + 30) * 1000);
            const hit = await accepted('before exp (cache hit)', () => verify(token));
            if (hit !== null) return hit;
            setNow((NOW + 66) * 1000);
            return await all(
              () => refused('after exp + tolerance', 'ERR_JWT_EXPIRED', () => verify(token)),
              () => refused('again (nothing was re-cached)', 'ERR_JWT_EXPIRED', () => verify(token)),
            );
          } finally {
            setNow(undefined);
          }
        },
      },
      {
        name: 'a cached token is refused once its key is no longer served by the resolver',
        expect: { refused: 'ERR_JWKS_NO_MATCHING_KEY' },
        async run(api, ctx) {
          const k1 = hmacKey(api, 'HS256', 'k1');
          let current: unknown = api.createKeySet([k1]);
          const verify = api.createVerifier({ keys: () => current, ...verifyOptions(ctx, ['HS256']), cache: { max: 10 } });
          const token = await signValid(api, ctx, k1, 'HS256');
          const ok = await accepted('with k1 served', () => verify(token));
          if (ok !== null) return ok;
          current = api.createKeySet([hmacKey(api, 'HS256', 'k2')]);
          return refused('after k1 was removed', 'ERR_JWKS_NO_MATCHING_KEY', () => verify(token));
        },
      },
    ],
  },
];
