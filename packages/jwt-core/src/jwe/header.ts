/**
 * Checking a JWE protected header, in order: `alg`/`enc` present, `zip` (refused unless allowed), `crit`, then the
 * caller's allow-lists (the header never decides), then the parameters the key-management
 * algorithm defines (bounded `p2c`, well-formed `epk`...). All before any key is touched.
 */
import { joseError } from '../lib/errors.js';
import type { JweContentAlgorithm, JweKeyAlgorithm } from '../lib/algorithms.js';
import { checkJweCrit } from './crit.js';
import { invalidJwe } from './errors.js';
import { keyManagementParams, type KeyManagementParams } from './keymgmt/params.js';

export interface HeaderPolicy {
  readonly algorithms: readonly JweKeyAlgorithm[];
  readonly encryptionAlgorithms: readonly JweContentAlgorithm[];
  readonly critical: ReadonlySet<string>;
  readonly maxPbes2Count: number;
  /** Whether `zip: "DEF"` is accepted (then inflated within a bound after authentication). */
  readonly zip: boolean;
}

export interface CheckedHeader {
  readonly alg: JweKeyAlgorithm;
  readonly enc: JweContentAlgorithm;
  readonly params: KeyManagementParams;
}

const show = (v: string): string => JSON.stringify(v.slice(0, 40));

export function checkJweHeader(header: Readonly<Record<string, unknown>>, policy: HeaderPolicy): CheckedHeader {
  const { alg, enc } = header;
  if (typeof alg !== 'string') throw invalidJwe(`the JWE header "alg" must be a string${alg === undefined ? ' and is missing' : ''}`, 'RFC 7516 §4.1.1', 'alg');
  if (typeof enc !== 'string') throw invalidJwe(`the JWE header "enc" must be a string${enc === undefined ? ' and is missing' : ''}`, 'RFC 7516 §4.1.2', 'enc');
  if (header['zip'] !== undefined) {
    // CVE-2024-28176: a small token that inflates to gigabytes. Refused unless the caller opted in;
    // then DEF only (RFC 7518 §7.3), inflated after authentication within maxDecompressedBytes.
    if (!policy.zip || header['zip'] !== 'DEF') {
      throw joseError('ERR_JOSE_NOT_SUPPORTED', `compressed JWEs (zip: ${JSON.stringify(header['zip'])?.slice(0, 20)}) are refused`, {
        reason: 'zip', hint: policy.zip
          ? 'only zip "DEF" (raw DEFLATE, RFC 7518 §7.3) is defined; ask the sender to use it or to encrypt without zip'
          : 'decompression bombs (CVE-2024-28176): ask the sender to encrypt without "zip", or pass { zip: true } to inflate within maxDecompressedBytes',
      });
    }
  }
  checkJweCrit(header, policy.critical);
  if (!(policy.algorithms as readonly string[]).includes(alg)) {
    throw joseError('ERR_JOSE_ALG_NOT_ALLOWED', `JWE alg ${show(alg)} is not allowed; allowed: ${policy.algorithms.join(', ')}`, {
      alg, allowed: policy.algorithms,
      hint: alg === 'RSA1_5'
        ? 'RSA1_5 is never accepted (Bleichenbacher padding oracle, RFC 7516 §11.5); the sender must use RSA-OAEP-256'
        : 'add the algorithm to `algorithms` only if your senders really use it',
    });
  }
  if (!(policy.encryptionAlgorithms as readonly string[]).includes(enc)) {
    throw joseError('ERR_JOSE_ALG_NOT_ALLOWED', `JWE enc ${show(enc)} is not allowed; allowed: ${policy.encryptionAlgorithms.join(', ')}`, {
      alg: enc, allowed: policy.encryptionAlgorithms,
      hint: 'add the content-encryption algorithm to `encryptionAlgorithms` only if your senders really use it',
    });
  }
  return { alg: alg as JweKeyAlgorithm, enc: enc as JweContentAlgorithm, params: keyManagementParams(alg, header, policy.maxPbes2Count) };
}
