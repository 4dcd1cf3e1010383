/** Public option and result types of JWE encryption and decryption (RFC 7516). */
import type { Key } from '../jwk/key.js';
import type { JweContentAlgorithm, JweKeyAlgorithm } from '../lib/algorithms.js';
import type { BackendName } from '../lib/backends/types.js';
import type { LimitOptions } from '../lib/limits.js';
import type { JoseHeader } from '../lib/types.js';

export interface EncryptJweOptions {
  /** Key-management algorithm; the key must be bound to it (e.g. imported with `{ alg: 'RSA-OAEP-256' }` or `use: 'enc'`). */
  alg: JweKeyAlgorithm;
  /** Content-encryption algorithm, e.g. `'A128CBC-HS256'` or `'A256GCM'`. */
  enc: JweContentAlgorithm;
  /**
   * Extra protected header parameters (`typ`, `cty`, `kid`, private ones). The parameters the
   * algorithms set (`alg`, `enc`, `epk`, `apu`, `apv`, `iv`, `tag`, `p2s`, `p2c`) and `zip` (the
   * `zip` option) cannot be given here. `kid` defaults to the key's kid.
   */
  header?: Record<string, unknown>;
  /** PBES2 iteration count (default 310000, at least 1000; the receiver's `maxPbes2Count` must allow it). */
  p2c?: number;
  /** ECDH-ES Agreement PartyUInfo / PartyVInfo (RFC 7518 §4.6.1.2-3), put in the header as `apu` / `apv`. */
  apu?: Uint8Array;
  apv?: Uint8Array;
  /** Force a crypto backend instead of the fastest available. */
  backend?: BackendName;
  /**
   * `'DEF'`: compress the plaintext with raw DEFLATE before encrypting and say so in the protected
   * header (`zip`, RFC 7516 §4.1.3). Off by default: the ciphertext length then reveals how well the
   * plaintext compresses, which leaks secrets mixed with attacker-chosen data (CRIME, BREACH); the
   * receiver must also opt in (`zip: true`). Needs CompressionStream (ERR_JOSE_NOT_SUPPORTED otherwise).
   */
  zip?: 'DEF';
}

export interface DecryptJweOptions extends LimitOptions {
  /** Required allow-list of key-management algorithms. RSA1_5 is not supported. */
  algorithms: readonly JweKeyAlgorithm[];
  /** Required allow-list of content-encryption algorithms. */
  encryptionAlgorithms: readonly JweContentAlgorithm[];
  /** `crit` extension parameters this caller understands and checks itself (RFC 7516 §4.1.13). */
  critical?: readonly string[];
  /** Highest PBES2 `p2c` accepted (default 310000), checked before any key derivation (CVE-2022-36083). */
  maxPbes2Count?: number;
  /** Passed to a key resolver function as its second argument. */
  context?: unknown;
  /** Force a crypto backend instead of the fastest available. */
  backend?: BackendName;
  /**
   * Accept `zip: "DEF"` JWEs (default false: refused with ERR_JOSE_NOT_SUPPORTED, reason `zip`).
   * The plaintext is inflated only after it is authenticated, and never past `maxDecompressedBytes`.
   */
  zip?: boolean;
  /**
   * Largest decompressed plaintext, in bytes (default 262144). Enforced while inflating: a
   * compression bomb stops there with ERR_JWE_INVALID, reason `decompressed-size`.
   */
  maxDecompressedBytes?: number;
  /** Most recipients accepted in a general JSON JWE (default 8; decryptJweJson only). */
  maxRecipients?: number;
}

export interface DecryptJweResult {
  /** The protected header. */
  header: JoseHeader;
  plaintext: Uint8Array;
  /** The key that decrypted the token. */
  key: Key;
}
