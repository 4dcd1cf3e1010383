/**
 * The primitives JWE needs from a crypto backend (RFC 7518 §4, §5). Three backends implement
 * them with identical results: node (node:crypto), webcrypto (SubtleCrypto) and noble (pure JS,
 * no RSA). Every method is async so callers treat the three alike; a backend may add synchronous
 * forms of the CBC-HMAC primitives (`cbcHmacNow`).
 *
 * Failures of the decrypting primitives (bad padding, bad tag, AES-KW integrity, OAEP) surface as
 * a thrown error whose content callers never show: `jwe/errors.ts` turns every one of them into
 * the same ERR_JWE_DECRYPTION_FAILED.
 */
import type { Jwk } from '../../lib/types.js';
import type { BackendName } from '../../lib/backends/types.js';

export type ShaName = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';
export type EcdhCurve = 'P-256' | 'P-384' | 'P-521' | 'X25519';

/** Caches a backend's prepared form of a key (see `prepared` in jwk/key.ts); identity when absent. */
export type Prepare = <T>(id: string, make: () => T) => T;
export const NO_CACHE: Prepare = (_id, make) => make();

export interface GcmResult {
  ciphertext: Uint8Array;
  tag: Uint8Array;
}

/**
 * Synchronous forms of the CBC-HMAC primitives, for a backend whose primitives are synchronous
 * (node:crypto): a decryption then takes no promise per step. Same results and failures.
 */
export interface SyncCbcHmac {
  /** HMAC over `parts` one after the other, as over their concatenation, without concatenating them. */
  hmac(hash: Exclude<ShaName, 'SHA-1'>, key: Uint8Array, parts: readonly Uint8Array[]): Uint8Array;
  /** Throws on bad padding; only ever called after the CBC-HMAC tag has been verified. */
  aesCbcDecrypt(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Uint8Array;
}

export interface JweCrypto {
  readonly name: BackendName;
  /** RSA is only ever native (STYLE.md "Crypto backends"): false for noble. */
  readonly rsa: boolean;
  /** The synchronous CBC-HMAC primitives, where the backend has them. */
  readonly cbcHmacNow?: SyncCbcHmac;
  /** AES-CBC with PKCS#7 padding (RFC 7518 §5.2.2.1 step 3). */
  aesCbcEncrypt(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array): Promise<Uint8Array>;
  /** Throws on bad padding; only ever called after the CBC-HMAC tag has been verified. */
  aesCbcDecrypt(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Promise<Uint8Array>;
  hmac(hash: Exclude<ShaName, 'SHA-1'>, key: Uint8Array, data: Uint8Array): Promise<Uint8Array>;
  /** AES-GCM, 96-bit IV and 128-bit tag only (RFC 7518 §5.3). */
  gcmEncrypt(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Promise<GcmResult>;
  /** Throws when the tag does not verify. */
  gcmDecrypt(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array, tag: Uint8Array, aad: Uint8Array): Promise<Uint8Array>;
  /** AES Key Wrap (RFC 3394) with the default IV. */
  aesKwWrap(kek: Uint8Array, keyData: Uint8Array): Promise<Uint8Array>;
  /** Throws when the integrity check fails. */
  aesKwUnwrap(kek: Uint8Array, wrapped: Uint8Array): Promise<Uint8Array>;
  /** RSAES-OAEP with MGF1 over the same hash (RFC 8017 §7.1); JWE never uses a label (kept for tests). */
  rsaOaepEncrypt(hash: ShaName, jwk: Readonly<Jwk>, data: Uint8Array, prepare?: Prepare, label?: Uint8Array): Promise<Uint8Array>;
  rsaOaepDecrypt(hash: ShaName, jwk: Readonly<Jwk>, data: Uint8Array, prepare?: Prepare, label?: Uint8Array): Promise<Uint8Array>;
  /**
   * The ECDH shared secret Z (the x coordinate, RFC 7518 §4.6.2; RFC 7748 for X25519). The caller
   * has validated the public point with `ec-point.ts`; backends validate again where native.
   */
  ecdh(privateJwk: Readonly<Jwk>, publicJwk: Readonly<Jwk>, prepare?: Prepare): Promise<Uint8Array>;
  /** A fresh ephemeral key pair on `crv`, as JWKs. */
  generateEphemeral(crv: EcdhCurve): Promise<{ privateJwk: Jwk; publicJwk: Jwk }>;
  digest(hash: Exclude<ShaName, 'SHA-1'>, data: Uint8Array): Promise<Uint8Array>;
  /** PBKDF2 with HMAC-SHA-2 (RFC 8018 §5.2), as PBES2 uses it (RFC 7518 §4.8). */
  pbkdf2(hash: Exclude<ShaName, 'SHA-1'>, password: Uint8Array, salt: Uint8Array, iterations: number, length: number): Promise<Uint8Array>;
}
