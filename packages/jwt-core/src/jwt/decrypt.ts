/**
 * `decryptJwt`: a JWT whose claims set is encrypted but NOT signed (a JWE whose plaintext is the
 * claims JSON, as some servers issue). Only reached when the caller asks for it by calling this
 * function: `verifyJwt` never accepts such tokens.
 *
 * Who can make such a token: anyone who can encrypt to you. With `dir`, AES key wrap or PBES2
 * that is the holder of the shared secret (the content encryption authenticates them). With
 * RSA-OAEP or ECDH-ES it is ANYONE who has your public key, so then the claims prove nothing about
 * the issuer: use a signed-then-encrypted JWT (verifyJwt with `decrypt`) instead.
 */
import { joseError } from '../lib/errors.js';
import type { KeyInput } from '../jwks/types.js';
import { validateClaims } from './claims.js';

import { decrypterFor } from '../jwe/decrypt.js';
import { DECRYPT_OPTION_NAMES, parseDecryptOptions } from '../jwe/decrypt-options.js';
import { checkOptionNames, optionsObject } from '../lib/options.js';
import { isJwtContentType } from './nested.js';
import { JWT_CLAIM_OPTION_NAMES, parseClaimsOptions } from './options.js';
import { parseClaims } from './payload.js';
import type { DecryptJwtOptions, JwtClaims, VerifyJwtResult } from './types.js';

const NAMES: readonly string[] = [...DECRYPT_OPTION_NAMES, ...JWT_CLAIM_OPTION_NAMES];

/**
 * Decrypt a JWT whose encrypted plaintext is the claims set itself (no signature inside), then
 * check its claims exactly as {@link verifyJwt} does. A nested JWT (`cty: "JWT"`) is refused here:
 * verify it with `verifyJwt(token, signingKeys, { ..., decrypt })`, which checks its signature.
 *
 * Use it with shared-key algorithms (`dir`, `A*KW`, `A*GCMKW`, `PBES2-*`): with RSA-OAEP or ECDH-ES,
 * anyone holding your public key can make a token that passes.
 *
 * @example
 * ```ts
 * const key = importSecret(process.env.SESSION_KEY!, { alg: 'A256GCM', encoding: 'base64' }); // dir
 * const { payload } = await decryptJwt(token, key, {
 *   algorithms: ['dir'], encryptionAlgorithms: ['A256GCM'], issuer: 'https://auth.example.com',
 * });
 * ```
 */
export async function decryptJwt<T extends JwtClaims = JwtClaims>(token: string, keys: KeyInput, options: DecryptJwtOptions): Promise<VerifyJwtResult<T>> {
  const opts = optionsObject(options, 'decryptJwt', "decryptJwt(token, key, { algorithms: ['dir'], encryptionAlgorithms: ['A256GCM'] })");
  checkOptionNames(opts, NAMES, 'decryptJwt');
  const claimOptions: Record<string, unknown> = {};
  const jweOptions: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(opts)) ((JWT_CLAIM_OPTION_NAMES as readonly string[]).includes(name) ? claimOptions : jweOptions)[name] = value;
  const config = parseDecryptOptions(jweOptions, 'decryptJwt');
  const claims = parseClaimsOptions(claimOptions);

  const { header, plaintext, key } = await decrypterFor(config)(token, keys);
  if (isJwtContentType(header.cty)) {
    throw joseError('ERR_JWT_INVALID', 'the JWE contains a nested (signed) JWT, cty "JWT"; decryptJwt reads unsigned claims only', {
      reason: 'cty', hint: 'verify it with verifyJwt(token, signingKeys, { algorithms, decrypt: { keys, algorithms, encryptionAlgorithms } }) so that its signature is checked',
    });
  }
  const payload = parseClaims(plaintext, config.maxJsonDepth);
  validateClaims(payload, header, claims, claims.currentTime ?? Date.now() / 1000);
  return { header, payload: payload as T, key };
}
