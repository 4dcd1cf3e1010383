/**
 * Key wrapping with AES-GCM (RFC 7518 §4.7): A128GCMKW, A192GCMKW, A256GCMKW. The CEK is
 * encrypted with a fresh 96-bit IV and empty AAD; the IV and the 128-bit tag travel in the `iv`
 * and `tag` header parameters.
 */
import { internals } from '../../jwk/key.js';
import { encodeBase64url } from '../../lib/base64url.js';
import { randomBytes } from '../../lib/backends/runtime.js';
import type { UnwrapContext, UnwrapResult, WrapContext, Wrapped } from './types.js';

const EMPTY = new Uint8Array(0);

function kek(key: WrapContext['key']): Uint8Array {
  const secret = internals(key).secret;
  if (secret === undefined) throw new Error('AES-GCM key wrap needs a secret key');
  return secret;
}

export async function gcmKwWrap(ctx: WrapContext): Promise<Wrapped> {
  const cek = ctx.cek ?? randomBytes(ctx.cekBytes);
  const iv = randomBytes(12);
  const { ciphertext, tag } = await ctx.crypto.gcmEncrypt(kek(ctx.key), iv, cek, EMPTY);
  return { cek, encryptedKey: ciphertext, header: { iv: encodeBase64url(iv), tag: encodeBase64url(tag) } };
}

export async function gcmKwUnwrap(ctx: UnwrapContext): Promise<UnwrapResult> {
  try {
    return await ctx.crypto.gcmDecrypt(kek(ctx.key), ctx.params.iv!, ctx.encryptedKey, ctx.params.tag!, EMPTY);
  } catch {
    return undefined;
  }
}
