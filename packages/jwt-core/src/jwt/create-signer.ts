/** The pre-bound signer: key checked, header encoded and options parsed once. */
import type { Key } from '../jwk/key.js';
import { optionsObject } from '../lib/options.js';
import type { SignJwtOptions } from './types.js';
import { prepareJwtSigner, type JwtSigner } from './sign.js';

/** Options of {@link createSigner}: the signJwt options plus the key. */
export interface CreateSignerOptions extends SignJwtOptions {
  /** A secret or private signing key bound to `alg`. */
  key: Key;
}

/**
 * Build a JWT signer with its key, header and options checked once. The function it returns
 * behaves as {@link signJwt} with these options; `currentDate`, if given, fixes the issuing time.
 *
 * @example
 * ```ts
 * const sign = createSigner({ key: privateKey, alg: 'ES256', expiresIn: '15m', issuer: 'https://auth.example.com' });
 * const token = await sign({ sub: 'user-1' });
 * ```
 */
export function createSigner(options: CreateSignerOptions): JwtSigner {
  optionsObject(options, 'createSigner', "createSigner({ key, alg: 'ES256' })");
  const { key, ...rest } = options;
  return prepareJwtSigner(key, rest, 'createSigner');
}
