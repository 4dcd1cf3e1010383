/** What each key-management family (RFC 7518 §4) receives and returns. */
import type { Key } from '../../jwk/key.js';
import type { JweContentAlgorithm, JweKeyAlgorithm } from '../../lib/algorithms.js';
import type { JweCrypto } from '../backends/types.js';
import type { KeyManagementParams } from './params.js';

export interface WrapContext {
  readonly crypto: JweCrypto;
  readonly alg: JweKeyAlgorithm;
  readonly enc: JweContentAlgorithm;
  /** The recipient's key (public, or the shared secret / password). */
  readonly key: Key;
  /** CEK bytes for `enc`. */
  readonly cekBytes: number;
  /** PBES2 iteration count (already validated). */
  readonly p2c: number;
  readonly apu: Uint8Array | undefined;
  readonly apv: Uint8Array | undefined;
  /**
   * The CEK to wrap, when one CEK is shared by several recipients (JSON serialization, RFC 7516
   * §7.2); absent, each wrap makes a fresh random CEK. Never given for `dir` or `ECDH-ES`, whose
   * key agreement determines the CEK.
   */
  readonly cek?: Uint8Array;
}

export interface Wrapped {
  readonly cek: Uint8Array;
  /** Empty for `dir` and `ECDH-ES` (RFC 7518 §4.5, §4.6). */
  readonly encryptedKey: Uint8Array;
  /** Header parameters the algorithm defines (epk, apu, apv, iv, tag, p2s, p2c). */
  readonly header: Record<string, unknown>;
}

export interface UnwrapContext {
  readonly crypto: JweCrypto;
  readonly alg: JweKeyAlgorithm;
  readonly enc: JweContentAlgorithm;
  /** The recipient's private key or the shared secret / password. */
  readonly key: Key;
  readonly cekBytes: number;
  readonly encryptedKey: Uint8Array;
  /** The algorithm's header parameters, validated before key selection. */
  readonly params: KeyManagementParams;
}

/**
 * Unwrapping returns the CEK, or undefined when the key does not fit (wrong key, bad OAEP padding,
 * AES-KW integrity failure). The caller then goes on with a random CEK (RFC 7516 §11.5), so that
 * a key-management failure and a content failure are one and the same error, at similar cost.
 */
export type UnwrapResult = Uint8Array | undefined;
