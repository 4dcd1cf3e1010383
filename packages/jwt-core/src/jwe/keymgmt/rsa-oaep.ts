/**
 * RSAES-OAEP key encryption (RFC 7518 §4.3): RSA-OAEP (SHA-1 and MGF1-SHA-1, as the RFC defines
 * it), RSA-OAEP-256, and RSA-OAEP-384/-512 (registered in the IANA JOSE registry). RSA is native
 * only: node:crypto or WebCrypto (jwe/backends/select.ts).
 */
import { internals } from '../../jwk/key.js';
import { algorithmInfo } from '../../lib/algorithms.js';
import { randomBytes } from '../../lib/backends/runtime.js';
import type { ShaName } from '../backends/types.js';
import { cacheOn } from './prepare.js';
import type { UnwrapContext, UnwrapResult, WrapContext, Wrapped } from './types.js';

const hashOf = (alg: string): ShaName => algorithmInfo(alg)!.hash!;

export async function rsaOaepWrap(ctx: WrapContext): Promise<Wrapped> {
  const cek = ctx.cek ?? randomBytes(ctx.cekBytes);
  const encryptedKey = await ctx.crypto.rsaOaepEncrypt(hashOf(ctx.alg), internals(ctx.key).jwk, cek, cacheOn(ctx.key));
  return { cek, encryptedKey, header: {} };
}

/**
 * Any OAEP failure gives undefined, never a distinct error: Manger's attack needs only to tell
 * "bad padding" from "good padding, bad content" (CVE-2020-26939 class).
 */
export async function rsaOaepUnwrap(ctx: UnwrapContext): Promise<UnwrapResult> {
  try {
    return await ctx.crypto.rsaOaepDecrypt(hashOf(ctx.alg), internals(ctx.key).jwk, ctx.encryptedKey, cacheOn(ctx.key));
  } catch {
    return undefined;
  }
}
