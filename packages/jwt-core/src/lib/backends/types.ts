/**
 * The contract every crypto backend implements. Three backends give identical results: node
 * (node:crypto, the fast path on Node), webcrypto (native, async, everywhere on the Web platform)
 * and noble (pure JS, synchronous; no RSA). `select.ts` picks the fastest one the runtime has.
 */
import type { JwsAlgorithm } from '../algorithms.js';
import type { Jwk } from '../types.js';

export type BackendName = 'node' | 'webcrypto' | 'noble';
export const BACKEND_NAMES: readonly BackendName[] = ['node', 'webcrypto', 'noble'];

/**
 * Signs the JWS signing input; returns the JOSE-encoded signature (P1363 for ECDSA). A backend may
 * add `base64url`, the same signature taking the signing input as the ASCII text it is and giving
 * the signature as base64url text, which spares copying the input into bytes and encoding after.
 */
export type SignFn = ((data: Uint8Array) => Uint8Array | Promise<Uint8Array>) & {
  base64url?: (input: string) => string;
};
/**
 * Verifies a JOSE-encoded signature whose length the caller has already checked. Never throws for a
 * bad signature: returns false. A backend may add `ascii`, the same check taking the signing input
 * as the ASCII text it is (header.payload), which spares copying it into bytes first, and
 * `base64url`, which also takes the signature as its segment text: the caller has checked that text
 * to be strict canonical base64url of the right decoded length, so an implementation may compare
 * an encoded MAC with it (in constant time) instead of decoding it.
 */
export type VerifyFn = ((data: Uint8Array, signature: Uint8Array) => boolean | Promise<boolean>) & {
  ascii?: (input: string, signature: Uint8Array) => boolean;
  base64url?: (input: string, signature: string) => boolean;
};

export interface SignatureBackend {
  readonly name: BackendName;
  /** Whether this runtime has the backend and the backend implements `alg`. */
  available(alg: JwsAlgorithm): boolean;
  /** Prepare a signer for a private or secret JWK (the key import happens once, here or at first use). */
  signer(alg: JwsAlgorithm, jwk: Readonly<Jwk>): SignFn;
  /** Prepare a verifier for a public or secret JWK. */
  verifier(alg: JwsAlgorithm, jwk: Readonly<Jwk>): VerifyFn;
}
