/**
 * The two JWE errors. Every cryptographic failure of decryption (wrong key, bad OAEP padding,
 * AES-KW integrity, bad tag, bad CBC padding after a good tag, wrong IV/tag/CEK length) is the
 * one {@link decryptionFailed} error: same code, same message, same hint, no cause attached, so
 * that nothing tells the failures apart (no padding oracle; RFC 7516 §11.4-11.5).
 */
import { joseError, type JoseError } from '../lib/errors.js';

const DECRYPTION_FAILED_MESSAGE = 'JWE decryption failed';
const DECRYPTION_FAILED_HINT =
  'the token was encrypted for another key, or altered; check that the sender encrypts to your public key (or shared secret) and that the token is passed unmodified';

/** The single, indistinguishable decryption error. Never pass a cause: it could tell failures apart. */
export function decryptionFailed(): JoseError {
  return joseError('ERR_JWE_DECRYPTION_FAILED', DECRYPTION_FAILED_MESSAGE, { hint: DECRYPTION_FAILED_HINT });
}

/** A malformed JWE (structure, header, encoding), detected before any secret is used. */
export function invalidJwe(message: string, hint: string, reason?: string): JoseError {
  return joseError('ERR_JWE_INVALID', message, reason === undefined ? { hint } : { hint, reason });
}
