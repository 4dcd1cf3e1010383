/**
 * `decryptJweJson`: the flattened and general JSON serializations (RFC 7516 §7.2), in the same
 * order as compact: parse (bounded length and recipient count) -> per-recipient joint header
 * (disjoint members, `zip`/`crit` protected) and `crit` -> allow-lists -> key selection ->
 * decryption.
 *
 * With several recipients, only those whose `alg` is on the caller's allow-list and whose header
 * selects a key of the caller's are tried, at most maxKeysTried (recipient,
 * key) pairs in all. Every cryptographic failure, whichever recipient it came from, is the one
 * ERR_JWE_DECRYPTION_FAILED after the same steps: nothing tells which recipient failed.
 */
import { JoseError, joseError } from '../../lib/errors.js';
import type { Key } from '../../jwk/key.js';
import { resolveKeys, shortText } from '../../jwks/select.js';
import type { KeyInput } from '../../jwks/types.js';
import type { JoseHeader } from '../../lib/types.js';
import { asciiBytes } from '../../lib/utf8.js';
import { parseDecryptOptions, type DecryptConfig } from '../decrypt-options.js';
import { decryptionFailed } from '../errors.js';
import { checkJweHeader, type CheckedHeader } from '../header.js';
import { checkEncryptedKey, finishPlaintext, tryRecipient, type SharedContent } from '../recipient.js';
import type { DecryptJweOptions } from '../types.js';
import { jointHeader } from './headers.js';
import { parseJsonJwe, type ParsedJsonJwe } from './parse.js';
import type { DecryptJweJsonResult, FlattenedJwe, GeneralJwe } from './types.js';

interface Candidate { readonly index: number; readonly header: Record<string, unknown>; readonly checked: CheckedHeader; readonly keys: readonly Key[] }

/** Recipients whose `alg` the caller allows; none is the allow-list refusal of the first recipient. */
function allowedRecipients(parsed: ParsedJsonJwe, config: DecryptConfig): Array<{ index: number; header: Record<string, unknown> }> {
  const joint = parsed.recipients.map((r, index) => ({ index, header: jointHeader(parsed.protectedHeader, parsed.sharedHeader, r.header, index) }));
  const allowed = joint.filter((r) => (config.algorithms as readonly unknown[]).includes(r.header['alg']));
  if (allowed.length > 0 || joint.length === 1) return allowed.length > 0 ? allowed : joint; // one recipient: checkJweHeader names the refusal
  const algs = [...new Set(joint.map((r) => (typeof r.header['alg'] === 'string' ? shortText(r.header['alg']) : 'none')))].slice(0, 10);
  throw joseError('ERR_JOSE_ALG_NOT_ALLOWED', `none of the ${joint.length} recipients of the JWE uses an allowed alg (they use ${algs.join(', ')}); allowed: ${config.algorithms.join(', ')}`, {
    allowed: config.algorithms, hint: 'the JWE was not encrypted for a key management algorithm you accept; add one to `algorithms` only if your senders really use it',
  });
}

/** The keys of one recipient, or undefined when its header selects none of the caller's keys. */
async function keysFor(keys: KeyInput, header: Record<string, unknown>, config: DecryptConfig, context: unknown, several: boolean): Promise<readonly Key[] | undefined> {
  let found: readonly Key[];
  try {
    found = await resolveKeys(keys, header as JoseHeader, { use: 'enc', maxKeysTried: config.maxKeysTried, context });
  } catch (err) {
    // Another recipient's key is not an error; a failing resolver is (fail closed, answered as such).
    if (several && err instanceof JoseError && err.code === 'ERR_JWKS_NO_MATCHING_KEY' && err.reason !== 'resolver_failed') return undefined;
    throw err;
  }
  const kid = header['kid'];
  // A single key is not selected by kid; among several recipients, one naming another kid is not ours.
  const ours = several && typeof kid === 'string' ? found.filter((k) => k.kid === undefined || k.kid === kid) : found;
  return ours.length > 0 ? ours : undefined;
}

function noRecipientKey(parsed: ParsedJsonJwe, candidatesTried: number): JoseError {
  const kids = parsed.recipients.map((r) => r.header?.['kid']).filter((k): k is string => typeof k === 'string').map(shortText).slice(0, 10);
  return joseError('ERR_JWKS_NO_MATCHING_KEY', `no key given matches any of the ${candidatesTried} recipients with an allowed alg${kids.length > 0 ? ` (their kids: ${kids.join(', ')})` : ''}`, {
    hint: 'the JWE was encrypted for other keys: check that the sender encrypts to one of your public keys, with its kid',
  });
}

/** A prepared JSON decrypter (options validated once). */
export type JweJsonDecrypter = (jwe: GeneralJwe | FlattenedJwe | string, keys: KeyInput, context?: unknown) => Promise<DecryptJweJsonResult>;

export function jsonDecrypterFor(config: DecryptConfig): JweJsonDecrypter {
  return async (jwe, keys, context = config.context) => {
    const parsed = parseJsonJwe(jwe, config);
    const several = parsed.recipients.length > 1;
    const candidates: Candidate[] = [];
    for (const { index, header } of allowedRecipients(parsed, config)) {
      const checked = checkJweHeader(header, config);
      checkEncryptedKey(checked.alg, parsed.recipients[index]!.encryptedKey);
      const found = await keysFor(keys, header, config, context, several);
      if (found !== undefined) candidates.push({ index, header, checked, keys: found });
    }
    if (candidates.length === 0) throw noRecipientKey(parsed, parsed.recipients.length);
    if (new Set(candidates.map((c) => c.checked.enc)).size > 1) {
      throw joseError('ERR_JWE_INVALID', 'the recipients of the JWE name different "enc" values', { reason: 'enc', hint: 'RFC 7516 §7.2.1: the content is encrypted once, with one enc; put enc in the protected header' });
    }
    // §5.1 step 14: ASCII(BASE64URL(protected)) || '.' || BASE64URL(aad) when aad is present.
    const content: SharedContent = {
      iv: parsed.iv, ciphertext: parsed.ciphertext, tag: parsed.tag,
      aad: asciiBytes(parsed.aadB64u === undefined ? parsed.protectedB64u : `${parsed.protectedB64u}.${parsed.aadB64u}`),
    };
    // One budget for the whole JWE, as for a compact one: more recipients must not buy an attacker
    // more private-key operations (RSA-OAEP, PBES2) per token.
    let budget = config.maxKeysTried;
    for (const c of candidates) {
      const keysToTry = c.keys.slice(0, budget);
      budget -= keysToTry.length;
      const found = await tryRecipient(config.backend, { ...c.checked, encryptedKey: parsed.recipients[c.index]!.encryptedKey }, keysToTry, content);
      if (found !== undefined) {
        return {
          header: c.header as JoseHeader, key: found.key,
          plaintext: await finishPlaintext(found.plaintext, parsed.protectedHeader ?? {}, config),
          protectedHeader: parsed.protectedHeader as JoseHeader | undefined,
          sharedUnprotectedHeader: parsed.sharedHeader as Record<string, unknown> | undefined,
          unprotectedHeader: parsed.recipients[c.index]!.header as Record<string, unknown> | undefined,
          additionalAuthenticatedData: parsed.aad,
        };
      }
      if (budget <= 0) break;
    }
    throw decryptionFailed();
  };
}

/**
 * Decrypt a JWE in the JSON serialization, flattened or general (RFC 7516 §7.2), given as an
 * object or as its JSON text. Options and guarantees are those of {@link decryptJwe}, plus
 * `maxRecipients` (default 8). Recipients whose `alg` is not allowed, or whose header selects
 * none of your keys, are skipped; every decryption failure is the same ERR_JWE_DECRYPTION_FAILED.
 *
 * @example
 * ```ts
 * const { plaintext, additionalAuthenticatedData } = await decryptJweJson(jwe, privateKeys, {
 *   algorithms: ['ECDH-ES+A256KW', 'RSA-OAEP-256'],
 *   encryptionAlgorithms: ['A256GCM'],
 * });
 * ```
 */
export async function decryptJweJson(jwe: GeneralJwe | FlattenedJwe | string, keys: KeyInput, options: DecryptJweOptions): Promise<DecryptJweJsonResult> {
  return jsonDecrypterFor(parseDecryptOptions(options, 'decryptJweJson'))(jwe, keys);
}
