/**
 * `exportJwk`: a key back to its JWK. Public by default: private members (RSA d, p, q, dp, dq,
 * qi; EC/OKP d) are left out unless `private: true` is passed, and a secret key, which has no
 * public part, must be exported explicitly.
 */
import { joseError } from '../lib/errors.js';
import { isExtractable } from './extractable.js';
import { optionsObject } from '../lib/options.js';
import { internals, type Key } from './key.js';
import type { Jwk } from '../lib/types.js';

/** Options of {@link exportJwk}. */
export interface ExportJwkOptions {
  /** Include private or secret members (default false). */
  private?: boolean;
}

/** RFC 7518 §6.2.1, §6.3.1; RFC 8037 §2: the members of a public JWK. */
const PUBLIC_MEMBERS: Readonly<Record<string, readonly string[]>> = {
  RSA: ['n', 'e'], EC: ['crv', 'x', 'y'], OKP: ['crv', 'x'], oct: [],
};
const PRIVATE_MEMBERS: Readonly<Record<string, readonly string[]>> = {
  RSA: ['d', 'p', 'q', 'dp', 'dq', 'qi'], EC: ['d'], OKP: ['d'], oct: ['k'],
};

/**
 * Export a key as a JWK with its `kid`, `use` and (when bound to one) `alg`.
 *
 * @example
 * ```ts
 * const { publicKey } = await generateKeyPair('ES256', { kid: 'k1' });
 * exportJwk(publicKey); // { kty: 'EC', crv: 'P-256', x, y, use: 'sig', alg: 'ES256', kid: 'k1' }
 * exportJwk(secret, { private: true }); // { kty: 'oct', k, ... }
 * ```
 * @throws JoseError `ERR_JWK_INVALID` for a secret key without `private: true`, a key generated
 * non-extractable, or a value that is not a key.
 */
export function exportJwk(key: Key, options: ExportJwkOptions = {}): Jwk {
  const { jwk } = internals(key);
  optionsObject(options, 'exportJwk', 'exportJwk(key, { private: true })');
  const withPrivate = options.private === true;
  if (key.type === 'secret' && !withPrivate) {
    throw joseError('ERR_JWK_INVALID', 'a secret key has no public part; pass { private: true }', {
      hint: 'a secret (oct) key is shared, never published: export it only to store it somewhere as secret as the key itself',
    });
  }
  if (withPrivate && key.type !== 'public' && !isExtractable(key)) {
    throw joseError('ERR_JWK_INVALID', `the ${key.kty} ${key.type} key${key.kid === undefined ? '' : ` (kid '${key.kid}')`} was generated with extractable: false; its private part cannot be exported`, {
      hint: 'pass { extractable: true } to generateKeyPair/generateSecret to create a key you can store',
    });
  }
  const out: Jwk = { kty: jwk.kty };
  const members = withPrivate ? [...PUBLIC_MEMBERS[jwk.kty]!, ...PRIVATE_MEMBERS[jwk.kty]!] : PUBLIC_MEMBERS[jwk.kty]!;
  for (const m of members) if (typeof jwk[m] === 'string') out[m] = jwk[m];
  out.use = key.use;
  if (key.alg !== undefined) out.alg = key.alg;
  if (key.kid !== undefined) out.kid = key.kid;
  return out;
}
