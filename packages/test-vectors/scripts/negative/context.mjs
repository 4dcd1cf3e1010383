// Shared pieces of the negative-vector definitions: the fixed clock, the standard claims and
// options, and the case constructor that every case file uses.
import { publicJwk } from './keys.mjs';

/** The validation time of every case: 2026-09-21T13:46:40Z (NumericDate). */
export const T0 = 1_790_000_000;
export const ISSUER = 'https://issuer.example';
export const AUDIENCE = 'api://tessera-tests';

export function makeContext(signer) {
  const keys = signer.keys;
  return {
    T0,
    signer,
    keys,
    /** Standard valid claims, with `overrides` merged in (an `undefined` value deletes a claim). */
    claims(overrides = {}) {
      const out = { iss: ISSUER, sub: 'user-1', aud: AUDIENCE, iat: T0 - 60, exp: T0 + 3600 };
      for (const [k, v] of Object.entries(overrides)) {
        if (v === undefined) delete out[k];
        else out[k] = v;
      }
      return out;
    },
    /** Standard options for `alg`, with `overrides` merged in. */
    options(alg, overrides = {}) {
      return { algorithms: [alg], currentDate: T0, ...overrides };
    },
    /** A JWKS of the verification forms of the named keys. */
    jwks(...names) {
      return { keys: names.map((n) => (typeof n === 'string' ? publicJwk(keys[n]) : n)) };
    },
  };
}

/**
 * A case. `refs` name the sources (issue 2 rule, RFC section, advisory ID); `expect` is
 * `{ ok: true, payload? | payloadText? }` or `{ ok: false, code, claim? }`.
 */
export function vector({ id, refs, description, kind = 'jwt', alg, token, keys, keyMode = 'single', options, expect }) {
  if (!id || !refs?.length || !description || !alg || typeof token !== 'string' || !keys || !options || !expect) {
    throw new Error(`incomplete vector ${id}`);
  }
  const facts = MESSAGE_FACTS[id];
  const e = facts === undefined ? expect : { ...expect, messageIncludes: facts };
  return { id, source: refs.join('; '), description, kind, alg, token, keys, keyMode, options, expect: e };
}

/**
 * An expected failure: the code, the claim the error must name (or undefined), and facts the
 * message must contain (case-insensitive) so that it names the cause.
 */
export const fail = (code, claim, messageIncludes) => ({
  ok: false, code, ...(claim === undefined ? {} : { claim }), ...(messageIncludes === undefined ? {} : { messageIncludes }),
});

/** Facts the message of a case must contain, by case id. */
export const MESSAGE_FACTS = {
  'neg-alg-none': ['none'],
  'neg-alg-not-allowed': ['HS512', 'HS256'],
  'neg-confusion-rs256-hs256': ['HS256', 'RS256'],
  'neg-confusion-rs256-hs256-both-allowed': ['HS256', 'RS256'],
  'neg-crit-unknown': ['x-tessera-unknown'],
  'neg-token-too-long-default': ['16384'],
  'neg-header-deep-nesting': ['32'],
  'neg-type-exp-a-numeric-string': ['exp'],
  'neg-type-iss-array': ['iss'],
  'neg-expired': ['expired', '2026-09-21T13:13:20Z'],
  'neg-not-yet-valid': ['2026-09-21T15:13:20Z'],
  'neg-max-token-age-exceeded': ['maxTokenAge'],
  'neg-iss-mismatch': ['iss', 'https://issuer.example'],
  'neg-aud-mismatch': ['aud', 'api://tessera-tests'],
  'neg-sub-mismatch': ['sub', 'user-1'],
  'neg-typ-mismatch': ['typ', 'at+jwt'],
  'neg-required-claim-missing': ['jti'],
  'neg-key-hmac-too-short': ['32'],
  'neg-key-rsa-1024': ['2048'],
  'neg-kid-unknown': ['hs256-k9', 'hs256-k1', 'hs256-k2'],
  'neg-sig-truncated': ['HS256'],
  'neg-option-clock-tolerance-absurd': ['clockTolerance'],
};
