/** Public types of the JWE JSON serializations (RFC 7516 §7.2). */
import type { Key } from '../../jwk/key.js';
import type { JweContentAlgorithm, JweKeyAlgorithm } from '../../lib/algorithms.js';
import type { BackendName } from '../../lib/backends/types.js';
import type { JoseHeader } from '../../lib/types.js';
import type { DecryptJweResult } from '../types.js';

/** One recipient of a general JSON JWE (RFC 7516 §7.2.1). */
export interface JweJsonRecipientMember {
  header?: Record<string, unknown>;
  encrypted_key?: string;
}

/** Members every JSON JWE has (RFC 7516 §7.2.1); base64url strings. */
interface JweJsonShared {
  protected?: string;
  unprotected?: Record<string, unknown>;
  aad?: string;
  iv: string;
  ciphertext: string;
  tag: string;
}

/** The general JWE JSON serialization: any number of recipients (RFC 7516 §7.2.1). */
export interface GeneralJwe extends JweJsonShared {
  recipients: JweJsonRecipientMember[];
}

/** The flattened JWE JSON serialization: one recipient, its members at the top level (RFC 7516 §7.2.2). */
export interface FlattenedJwe extends JweJsonShared, JweJsonRecipientMember {}

export interface DecryptJweJsonResult extends DecryptJweResult {
  /**
   * The recipient's JOSE Header: the union of the protected, shared unprotected and per-recipient
   * headers (RFC 7516 §7.2.1). Only `protectedHeader` is integrity protected.
   */
  header: JoseHeader;
  /** The protected header, when the JWE has one. */
  protectedHeader: JoseHeader | undefined;
  /** The shared unprotected header (`unprotected`), when present. Not integrity protected. */
  sharedUnprotectedHeader: Record<string, unknown> | undefined;
  /** The header of the recipient that decrypted (`header`), when present. Not integrity protected. */
  unprotectedHeader: Record<string, unknown> | undefined;
  /** The `aad` member, decoded: authenticated with the content (RFC 7516 §5.1 step 14). */
  additionalAuthenticatedData: Uint8Array | undefined;
}

/** One recipient to encrypt to with {@link encryptJweJson}. */
export interface JweJsonRecipient {
  /** The recipient's public key or shared secret, bound to `alg`. */
  key: Key;
  /** Key-management algorithm. `dir` and `ECDH-ES` only with a single recipient (they fix the CEK). */
  alg: JweKeyAlgorithm;
  /** Extra per-recipient unprotected header parameters (e.g. `kid`; it defaults to the key's kid). */
  header?: Record<string, unknown>;
  /** PBES2 iteration count (default 310000). */
  p2c?: number;
  /** ECDH-ES PartyUInfo / PartyVInfo. */
  apu?: Uint8Array;
  apv?: Uint8Array;
}

export interface EncryptJweJsonOptions {
  /** Content-encryption algorithm, shared by all recipients; goes in the protected header. */
  enc: JweContentAlgorithm;
  /** Extra protected header parameters (`typ`, `cty`, private ones). */
  protectedHeader?: Record<string, unknown>;
  /** The shared unprotected header (`unprotected`); not integrity protected. */
  unprotectedHeader?: Record<string, unknown>;
  /** Additional authenticated data (`aad`, RFC 7516 §5.1 step 14): authenticated, not encrypted. */
  aad?: Uint8Array | string;
  /** `'DEF'`: compress before encrypting (see EncryptJweOptions.zip; the receiver must opt in). */
  zip?: 'DEF';
  /** `'general'` (default) or `'flattened'` (exactly one recipient). */
  serialization?: 'general' | 'flattened';
  /** Force a crypto backend instead of the fastest available. */
  backend?: BackendName;
}
