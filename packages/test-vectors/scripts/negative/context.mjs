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
  return { id, source: refs.join('; '), description, kind, alg, token, keys, keyMode, options, expect };
}

export const fail = (code, claim) => (claim === undefined ? { ok: false, code } : { ok: false, code, claim });
