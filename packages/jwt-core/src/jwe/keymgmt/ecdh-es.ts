/**
 * ECDH-ES key agreement (RFC 7518 §4.6; RFC 8037 §3.2 for X25519): direct (`ECDH-ES`, the
 * derived key is the CEK, the Encrypted Key is empty) or with AES key wrap (`ECDH-ES+A*KW`, the
 * derived key wraps a fresh CEK). The sender's ephemeral key travels in the `epk` header.
 *
 * Receiving, the `epk` must be a valid point on the curve of the recipient's key (checked in
 * backends/ec-point.ts before any scalar multiplication): invalid-curve attacks recover the
 * private key from results computed on a point off the curve or on a weaker curve.
 */
import { internals } from '../../jwk/key.js';
import type { Jwk } from '../../lib/types.js';
import { encodeBase64url } from '../../lib/base64url.js';
import { ecdhCurve, InvalidPointError, validatePublicPoint } from '../backends/ec-point.js';
import { invalidJwe } from '../errors.js';
import { unwrapOrUndefined, wrapFreshCek } from './aes-kw.js';
import { concatKdf } from './concat-kdf.js';
import { cacheOn } from './prepare.js';
import type { UnwrapContext, UnwrapResult, WrapContext, Wrapped } from './types.js';

const KW_BYTES: Readonly<Record<string, number>> = { 'ECDH-ES+A128KW': 16, 'ECDH-ES+A192KW': 24, 'ECDH-ES+A256KW': 32 };
const EMPTY = new Uint8Array(0);

/** Algorithm ID and key length for the KDF (RFC 7518 §4.6.2). */
function kdfTarget(alg: string, enc: string, cekBytes: number): { id: string; bytes: number } {
  return alg === 'ECDH-ES' ? { id: enc, bytes: cekBytes } : { id: alg, bytes: KW_BYTES[alg]! };
}

export async function ecdhEsWrap(ctx: WrapContext): Promise<Wrapped> {
  const recipient = internals(ctx.key).jwk;
  const crv = ecdhCurve(recipient);
  if (crv === undefined) throw new Error('ECDH-ES needs a P-256/384/521 or X25519 key');
  // A recipient key off its curve would make us compute on attacker-chosen points too.
  validatePublicPoint(recipient, crv);
  const eph = await ctx.crypto.generateEphemeral(crv);
  const z = await ctx.crypto.ecdh(eph.privateJwk, recipient);
  const { id, bytes } = kdfTarget(ctx.alg, ctx.enc, ctx.cekBytes);
  const derived = await concatKdf(ctx.crypto, z, id, ctx.apu ?? EMPTY, ctx.apv ?? EMPTY, bytes);
  const header: Record<string, unknown> = { epk: eph.publicJwk };
  if (ctx.apu !== undefined) header['apu'] = encodeBase64url(ctx.apu);
  if (ctx.apv !== undefined) header['apv'] = encodeBase64url(ctx.apv);
  if (ctx.alg === 'ECDH-ES') return { cek: derived, encryptedKey: EMPTY, header };
  return { ...(await wrapFreshCek(ctx.crypto, derived, ctx.cekBytes, ctx.cek)), header };
}

/**
 * With several candidate keys (a key set, no `kid`), try first those on the curve of the `epk`:
 * keys on another curve can only refuse it. When none matches, all are kept, so the first one
 * reports the curve mismatch.
 */
export function preferEpkCurve<K extends { readonly crv: string | undefined }>(keys: readonly K[], epk: Jwk | undefined): readonly K[] {
  if (epk === undefined || keys.length < 2) return keys;
  const same = keys.filter((k) => k.crv === epk.crv);
  return same.length > 0 ? same : keys;
}

export async function ecdhEsUnwrap(ctx: UnwrapContext): Promise<UnwrapResult> {
  const recipient = internals(ctx.key).jwk;
  const crv = ecdhCurve(recipient);
  const epk = ctx.params.epk!;
  if (crv === undefined) return undefined;
  try {
    validatePublicPoint(epk, crv);
  } catch (err) {
    if (!(err instanceof InvalidPointError)) throw err;
    // Public information only (the header's point against the key's curve): a specific error is safe.
    throw invalidJwe(`the "epk" header is not a valid public key on ${crv}, the curve of the recipient's key: ${err.message}`,
      'the sender must generate its ephemeral key on the recipient\'s curve (RFC 7518 §4.6.1.1); a point off the curve is an invalid-curve attack', 'epk');
  }
  let z: Uint8Array;
  try {
    z = await ctx.crypto.ecdh(recipient, epk, cacheOn(ctx.key));
  } catch {
    return undefined;
  }
  const { id, bytes } = kdfTarget(ctx.alg, ctx.enc, ctx.cekBytes);
  const derived = await concatKdf(ctx.crypto, z, id, ctx.params.apu ?? EMPTY, ctx.params.apv ?? EMPTY, bytes);
  return ctx.alg === 'ECDH-ES' ? derived : unwrapOrUndefined(ctx.crypto, derived, ctx.encryptedKey);
}
