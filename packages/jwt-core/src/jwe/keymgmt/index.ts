/** Dispatch over the key-management families (RFC 7518 §4.1). RSA1_5 has no entry: never offered. */
import { algorithmInfo, type Family } from '../../lib/algorithms.js';
import { aesKwUnwrap, aesKwWrap } from './aes-kw.js';
import { dirUnwrap, dirWrap } from './dir.js';
import { ecdhEsUnwrap, ecdhEsWrap } from './ecdh-es.js';
import { gcmKwUnwrap, gcmKwWrap } from './gcm-kw.js';
import { pbes2Unwrap, pbes2Wrap } from './pbes2.js';
import { rsaOaepUnwrap, rsaOaepWrap } from './rsa-oaep.js';
import type { UnwrapContext, UnwrapResult, WrapContext, Wrapped } from './types.js';

interface KeyManagement {
  wrap(ctx: WrapContext): Promise<Wrapped>;
  unwrap(ctx: UnwrapContext): Promise<UnwrapResult>;
}

const FAMILIES: Partial<Record<Family, KeyManagement>> = {
  'RSA-OAEP': { wrap: rsaOaepWrap, unwrap: rsaOaepUnwrap },
  'AES-KW': { wrap: aesKwWrap, unwrap: aesKwUnwrap },
  DIR: { wrap: dirWrap, unwrap: dirUnwrap },
  'ECDH-ES': { wrap: ecdhEsWrap, unwrap: ecdhEsUnwrap },
  'AES-GCMKW': { wrap: gcmKwWrap, unwrap: gcmKwUnwrap },
  PBES2: { wrap: pbes2Wrap, unwrap: pbes2Unwrap },
};

/** Whether Tessera implements `alg` for JWE (everything of RFC 7518 §4 except RSA1_5). */
export function isSupportedKeyAlgorithm(alg: unknown): boolean {
  const info = algorithmInfo(alg);
  return info !== undefined && info.use === 'enc' && FAMILIES[info.family] !== undefined;
}

/** Whether the JWE Encrypted Key must be empty (RFC 7518 §4.5 dir, §4.6 ECDH-ES direct). */
export function hasEmptyEncryptedKey(alg: string): boolean {
  return alg === 'dir' || alg === 'ECDH-ES';
}

export function wrapCek(ctx: WrapContext): Promise<Wrapped> {
  return FAMILIES[algorithmInfo(ctx.alg)!.family]!.wrap(ctx);
}

export function unwrapCek(ctx: UnwrapContext): Promise<UnwrapResult> {
  return FAMILIES[algorithmInfo(ctx.alg)!.family]!.unwrap(ctx);
}
