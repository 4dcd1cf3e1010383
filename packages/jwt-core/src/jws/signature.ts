/**
 * Step 5 of verification: the signature against the candidate keys. Each key must be bound to
 * the token's algorithm (checked here again, whatever a custom key set returned: CVE-2026-22817),
 * and the signature must have the exact length the algorithm and key give before any backend sees
 * it (CVE-2020-28042: an empty or short HMAC accepted). At most `maxKeysTried` keys are tried.
 */
import { JoseError, joseError } from '../lib/errors.js';
import type { AlgorithmInfo, JwsAlgorithm } from '../lib/algorithms.js';
import type { BackendName } from '../lib/backends/types.js';
import { decodeCheckedBase64url, decodedLength } from '../lib/base64url.js';
import { quote } from '../lib/quote.js';
import { asciiBytes } from '../lib/utf8.js';
import type { Key } from '../jwk/key.js';
import { keyVerifier } from './key-backend.js';

/** Everything one signature check needs. */
export interface SignatureCheck {
  readonly alg: JwsAlgorithm;
  readonly info: AlgorithmInfo;
  readonly kid: string | undefined;
  /** The JWS Signing Input (RFC 7515 §5.2 step 8): ASCII, `header.payload`. */
  readonly input: string;
  /** `input` as bytes, filled in the first time a backend without an ASCII path needs it. */
  inputBytes?: Uint8Array;
  /** The signature segment, already checked to be strict (canonical) base64url. */
  readonly signature: string;
  /** `signature` decoded, filled in the first time a backend without a base64url path needs it. */
  signatureBytes?: Uint8Array;
  readonly backend: BackendName | undefined;
  readonly candidates: readonly Key[];
  readonly maxKeysTried: number;
}

/** The signature length `alg` gives with `key`: fixed, or the RSA modulus length. */
export function signatureLength(info: AlgorithmInfo, key: Key): number {
  return info.signatureBytes ?? Math.ceil(key.bits / 8);
}

/** Whether `key` may verify `alg` at all (use, type and algorithm binding). */
function fits(key: Key, alg: JwsAlgorithm): boolean {
  return key.use === 'sig' && key.algorithms.includes(alg);
}

/** The signing input as bytes, converted once per check and only for backends that need bytes. */
function inputBytes(check: SignatureCheck): Uint8Array {
  return (check.inputBytes ??= asciiBytes(check.input));
}

/** The signature as bytes, decoded once per check and only for backends that compare bytes. */
function signatureBytes(check: SignatureCheck): Uint8Array {
  return (check.signatureBytes ??= decodeCheckedBase64url(check.signature));
}

/** The signature's length in bytes: for canonical base64url it follows from the text length alone. */
function givenLength(check: SignatureCheck): number {
  return decodedLength(check.signature.length);
}

function attempt(check: SignatureCheck, key: Key): boolean | Promise<boolean> {
  // The length is checked here, before any backend sees the signature, whichever path compares it.
  if (!fits(key, check.alg) || givenLength(check) !== signatureLength(check.info, key)) return false;
  try {
    const verify = keyVerifier(key, check.alg, check.backend);
    // A canonical base64url string and its bytes determine each other, so comparing the texts of
    // equal length in constant time is comparing the MACs (RFC 7515 §2 strict base64url).
    const result = verify.base64url !== undefined ? verify.base64url(check.input, check.signature)
      : verify.ascii !== undefined ? verify.ascii(check.input, signatureBytes(check))
        : verify(inputBytes(check), signatureBytes(check));
    return typeof result === 'boolean' ? result : result.catch((err: unknown) => backendFailure(check, key, err));
  } catch (err) {
    return backendFailure(check, key, err);
  }
}

/** Which candidate verifies the signature. Stays synchronous while the backend does. */
export function findVerifyingKey(check: SignatureCheck): Key | Promise<Key> {
  const n = Math.min(check.candidates.length, check.maxKeysTried);
  for (let i = 0; i < n; i++) {
    const key = check.candidates[i]!;
    const ok = attempt(check, key);
    if (ok === true) return key;
    if (ok !== false) return continueAsync(check, ok, i, n);
  }
  throw verificationFailed(check, n);
}

async function continueAsync(check: SignatureCheck, pending: Promise<boolean>, i: number, n: number): Promise<Key> {
  if (await pending) return check.candidates[i]!;
  for (let j = i + 1; j < n; j++) {
    const key = check.candidates[j]!;
    if (await attempt(check, key)) return key;
  }
  throw verificationFailed(check, n);
}

function describeKids(keys: readonly Key[]): string {
  const kids = keys.map((k) => (k.kid === undefined ? 'a key without kid' : `kid ${quote(k.kid)}`));
  return kids.length === 1 ? kids[0]! : `${kids.length} keys (${kids.join(', ')})`;
}

function verificationFailed(check: SignatureCheck, n: number): Error {
  const tried = check.candidates.slice(0, n).filter((k) => fits(k, check.alg));
  const kidDetail = check.kid === undefined ? {} : { kid: check.kid };
  if (tried.length === 0) {
    return joseError('ERR_JWKS_NO_MATCHING_KEY', `no candidate key is bound to alg ${check.alg}${check.kid === undefined ? '' : ` for kid ${quote(check.kid)}`}`, {
      alg: check.alg, ...kidDetail,
      hint: 'a key is bound to one algorithm family: the key set or resolver returned keys for another algorithm',
    });
  }
  const lengths = [...new Set(tried.map((k) => signatureLength(check.info, k)))];
  if (!lengths.includes(givenLength(check))) {
    return joseError('ERR_JWS_SIGNATURE_VERIFICATION_FAILED', `signature is ${givenLength(check)} bytes; ${check.alg} signatures with ${describeKids(tried)} are ${lengths.join(' or ')} bytes`, {
      alg: check.alg, reason: 'length', ...kidDetail,
      hint: 'the signature was truncated, emptied or altered; a signature of the wrong length is never compared',
    });
  }
  // Without a kid, key sets hand over at most maxKeysTried keys: say so when the bound was reached.
  const capped = check.kid === undefined && tried.length >= check.maxKeysTried;
  return joseError('ERR_JWS_SIGNATURE_VERIFICATION_FAILED', `signature verification failed for alg ${check.alg} with ${describeKids(tried)}${capped ? `; a token without kid is tried against at most ${check.maxKeysTried} keys (maxKeysTried)` : ''}`, {
    alg: check.alg, reason: 'signature', ...kidDetail, ...(capped ? { limit: `maxKeysTried=${check.maxKeysTried}` } : {}),
    hint: capped
      ? 'give the token a kid so the right key is found directly; raise maxKeysTried only for a small set of keys you trust'
      : otherKeyHint(check),
  });
}

/**
 * Why a signature fails with the keys held: often another instance signing with its own key.
 * A kid-less HMAC token names no key at all, so the hint points at a key ring with kids.
 */
function otherKeyHint(check: SignatureCheck): string {
  if (check.kid === undefined && check.info.family === 'HMAC') {
    return 'the token has no kid, so it names no secret: it was signed with another secret (an instance or service configured with its own; every instance behind one load balancer must hold the same secret) or altered after signing. '
      + 'Give each secret a kid in a key ring (createKeyRing or loadKeyRing set its thumbprint) so a refusal names the secret the token wanted';
  }
  return 'the token was signed with another key (a wrong key configured, an instance holding other keys: every instance must hold the same key ring, or the signing key was rotated) or was altered after signing';
}

function backendFailure(check: SignatureCheck, key: Key, err: unknown): never {
  if (err instanceof JoseError) throw err;
  throw joseError('ERR_JWS_SIGNATURE_VERIFICATION_FAILED', `the crypto backend failed while verifying ${check.alg} with ${describeKids([key])}`, {
    alg: check.alg, reason: 'backend', cause: err,
    hint: 'the key could not be used by the crypto backend; the token is refused',
  });
}
