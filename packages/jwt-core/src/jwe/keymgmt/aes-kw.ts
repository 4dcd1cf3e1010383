/** AES Key Wrap with a shared 128/192/256-bit key (RFC 7518 §4.4, RFC 3394). */
import { internals } from '../../jwk/key.js';
import { randomBytes } from '../../lib/backends/runtime.js';
import type { JweCrypto } from '../backends/types.js';
import type { UnwrapContext, UnwrapResult, WrapContext, Wrapped } from './types.js';

/** Wrap a fresh CEK (or the shared `given` one) under `kek` (also used by ECDH-ES+A*KW and PBES2). */
export async function wrapFreshCek(crypto: JweCrypto, kek: Uint8Array, cekBytes: number, given?: Uint8Array): Promise<{ cek: Uint8Array; encryptedKey: Uint8Array }> {
  const cek = given ?? randomBytes(cekBytes);
  return { cek, encryptedKey: await crypto.aesKwWrap(kek, cek) };
}

/** Unwrap under `kek`; an integrity failure (wrong key, altered input) gives undefined. */
export async function unwrapOrUndefined(crypto: JweCrypto, kek: Uint8Array, wrapped: Uint8Array): Promise<UnwrapResult> {
  try {
    return await crypto.aesKwUnwrap(kek, wrapped);
  } catch {
    return undefined;
  }
}

function secretOf(ctx: { key: WrapContext['key'] }): Uint8Array {
  const secret = internals(ctx.key).secret;
  if (secret === undefined) throw new Error('AES key wrap needs a secret key');
  return secret;
}

export async function aesKwWrap(ctx: WrapContext): Promise<Wrapped> {
  return { ...(await wrapFreshCek(ctx.crypto, secretOf(ctx), ctx.cekBytes, ctx.cek)), header: {} };
}

export function aesKwUnwrap(ctx: UnwrapContext): Promise<UnwrapResult> {
  return unwrapOrUndefined(ctx.crypto, secretOf(ctx), ctx.encryptedKey);
}
