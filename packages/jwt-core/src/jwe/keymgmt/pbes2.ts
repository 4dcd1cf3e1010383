/**
 * PBES2 password-based key wrapping (RFC 7518 §4.8): the KEK is PBKDF2-HMAC-SHA-x(password,
 * UTF8(alg) || 0x00 || p2s, p2c), which then wraps a fresh CEK with AES-KW.
 *
 * `p2c` is chosen by the sender, so a receiver that honours any value can be made to run billions
 * of HMAC iterations per token (CVE-2022-36083). The count is bounded by `maxPbes2Count` when the
 * header is checked (keymgmt/params.ts), before any key is derived.
 */
import { internals } from '../../jwk/key.js';
import { algorithmInfo } from '../../lib/algorithms.js';
import { encodeBase64url } from '../../lib/base64url.js';
import { randomBytes } from '../../lib/backends/runtime.js';
import { concat, utf8 } from '../../lib/utf8.js';
import type { JweCrypto } from '../backends/types.js';
import { unwrapOrUndefined, wrapFreshCek } from './aes-kw.js';
import type { UnwrapContext, UnwrapResult, WrapContext, Wrapped } from './types.js';

/** Salt bytes generated when encrypting (RFC 7518 §4.8.1.1 requires at least 8). */
export const PBES2_SALT_BYTES = 16;

function deriveKek(crypto: JweCrypto, alg: string, password: Uint8Array, p2s: Uint8Array, p2c: number): Promise<Uint8Array> {
  const info = algorithmInfo(alg)!;
  const salt = concat(utf8(alg), new Uint8Array([0]), p2s);
  return crypto.pbkdf2(info.hash as 'SHA-256' | 'SHA-384' | 'SHA-512', password, salt, p2c, info.keyBytes!);
}

function password(key: WrapContext['key']): Uint8Array {
  const secret = internals(key).secret;
  if (secret === undefined) throw new Error('PBES2 needs a password imported with importSecret');
  return secret;
}

export async function pbes2Wrap(ctx: WrapContext): Promise<Wrapped> {
  const p2s = randomBytes(PBES2_SALT_BYTES);
  const kek = await deriveKek(ctx.crypto, ctx.alg, password(ctx.key), p2s, ctx.p2c);
  return { ...(await wrapFreshCek(ctx.crypto, kek, ctx.cekBytes, ctx.cek)), header: { p2s: encodeBase64url(p2s), p2c: ctx.p2c } };
}

export async function pbes2Unwrap(ctx: UnwrapContext): Promise<UnwrapResult> {
  const kek = await deriveKek(ctx.crypto, ctx.alg, password(ctx.key), ctx.params.p2s!, ctx.params.p2c!);
  return unwrapOrUndefined(ctx.crypto, kek, ctx.encryptedKey);
}
