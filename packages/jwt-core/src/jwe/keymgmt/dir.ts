/**
 * Direct encryption with a shared symmetric key (RFC 7518 §4.5): the key IS the CEK, so its length
 * must be the CEK length of `enc`, and the JWE Encrypted Key is empty.
 */
import { joseError } from '../../lib/errors.js';
import { internals } from '../../jwk/key.js';
import type { UnwrapContext, UnwrapResult, WrapContext, Wrapped } from './types.js';

export async function dirWrap(ctx: WrapContext): Promise<Wrapped> {
  const secret = internals(ctx.key).secret;
  if (secret === undefined || secret.length !== ctx.cekBytes) {
    throw joseError('ERR_JWK_INVALID', `a "dir" key for ${ctx.enc} must be exactly ${ctx.cekBytes} bytes; this one is ${secret?.length ?? 0} bytes`, {
      alg: 'dir', hint: `generate one with generateSecret('${ctx.enc}')`,
    });
  }
  return { cek: secret.slice(), encryptedKey: new Uint8Array(0), header: {} };
}

/** A key of the wrong length gives undefined: the decryptor then fails like any wrong key. */
export async function dirUnwrap(ctx: UnwrapContext): Promise<UnwrapResult> {
  const secret = internals(ctx.key).secret;
  return secret !== undefined && secret.length === ctx.cekBytes ? secret.slice() : undefined;
}
