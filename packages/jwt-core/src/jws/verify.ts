/**
 * JWS compact verification in one fixed order (RFC 7515 §5.2, RFC 8725 §3): parse → header and
 * `crit` → algorithm allow-list → key selection → signature → payload. A token that fails an
 * earlier step never reaches a later one; the payload is decoded only after a signature verified.
 */
import { joseError } from '../lib/errors.js';
import { algorithmInfo, type JwsAlgorithm } from '../lib/algorithms.js';
import { decodeCheckedBase64url } from '../lib/base64url.js';
import { quote } from '../lib/quote.js';
import { resolveKeys } from '../jwks/select.js';
import type { Key } from '../jwk/key.js';
import type { KeyInput } from '../jwks/types.js';
import type { JoseHeader } from '../lib/types.js';
import type { VerifyJwsOptions, VerifyJwsResult } from './types.js';
import { deepFreeze, type CheckedHeader, type HeaderCache } from './header-cache.js';
import { checkJwsHeader } from './header.js';
import { checkOptionNames, optionsObject } from '../lib/options.js';
import { JWS_VERIFY_OPTION_NAMES, parseJwsVerifyOptions, type JwsVerifyConfig } from './options.js';
import { decodeHeader, splitCompact, type CompactParts } from './parse.js';
import { findVerifyingKey } from './signature.js';

/** Step 3: the caller's allow-list decides, never the header (RFC 8725 §3.1). */
export function checkAlgorithm(alg: string, allowed: readonly JwsAlgorithm[]): JwsAlgorithm {
  if (alg.toLowerCase() === 'none') {
    throw joseError('ERR_JOSE_ALG_NOT_ALLOWED', "alg 'none' is never accepted: the token is unsigned", {
      alg, allowed, hint: 'unsecured JWTs (RFC 7519 §6) carry no proof of origin; the token is forged or misconfigured',
    });
  }
  if (!allowed.includes(alg as JwsAlgorithm)) {
    throw joseError('ERR_JOSE_ALG_NOT_ALLOWED', `alg ${/^[A-Za-z0-9+-]{1,20}$/.test(alg) ? alg : quote(alg, 40)} is not allowed; allowed: ${allowed.join(', ')}`, {
      alg, allowed, hint: 'add the algorithm to the algorithms option if your issuer really signs with it',
    });
  }
  return alg as JwsAlgorithm;
}

/** Steps 2 and 3 for one header segment. */
function checkHeader(segment: string, config: JwsVerifyConfig): CheckedHeader {
  const header = decodeHeader(segment, config.maxHeaderBytes, config.maxJsonDepth);
  const alg = checkAlgorithm(checkJwsHeader(header, config.critical), config.algorithms);
  return { header: deepFreeze(header as JoseHeader), alg, info: algorithmInfo(alg)! };
}

function finish(parts: CompactParts, checked: CheckedHeader, key: Key): VerifyJwsResult {
  return { header: checked.header, payload: decodeCheckedBase64url(parts.payload), key };
}

function checkSignature(token: string, parts: CompactParts, checked: CheckedHeader, config: JwsVerifyConfig, candidates: readonly Key[]): VerifyJwsResult | Promise<VerifyJwsResult> {
  const key = findVerifyingKey({
    alg: checked.alg,
    info: checked.info,
    kid: checked.header.kid,
    // The signing input is ASCII: every character was checked to be base64url or '.'.
    input: token.slice(0, parts.signingInputEnd),
    signature: parts.signature,
    backend: config.backend,
    candidates,
    maxKeysTried: config.maxKeysTried,
  });
  return key instanceof Promise ? key.then((k) => finish(parts, checked, k)) : finish(parts, checked, key);
}

/**
 * The verification pipeline shared by verifyJws, verifyJwt and the pre-bound verifier. It stays
 * synchronous as long as key selection and the backend are, so a fast backend costs no promise.
 */
export function verifyCompact(token: unknown, config: JwsVerifyConfig, context: unknown, cache?: HeaderCache): VerifyJwsResult | Promise<VerifyJwsResult> {
  const parts = splitCompact(token, config.maxTokenLength);
  const hit = cache?.get(parts.header);
  const checked = hit ?? checkHeader(parts.header, config);
  const candidates = checked.fixedKeys ?? resolveKeys(config.keys, checked.header, { use: 'sig', maxKeysTried: config.maxKeysTried, context });
  if (config.singleKey && !(candidates instanceof Promise)) checked.fixedKeys = candidates;
  const result = candidates instanceof Promise
    ? candidates.then((keys) => checkSignature(token as string, parts, checked, config, keys))
    : checkSignature(token as string, parts, checked, config, candidates);
  if (cache === undefined || hit !== undefined) return result;
  // A header is remembered only once a token carrying it has verified: forged tokens cannot churn the cache.
  const remember = (verified: VerifyJwsResult): VerifyJwsResult => { cache.set(parts.header, checked); return verified; };
  return result instanceof Promise ? result.then(remember) : remember(result);
}

/**
 * Verify a compact JWS and return its protected header, its payload bytes and the key that
 * verified it.
 *
 * The order is fixed: the token is parsed (bounded by `maxTokenLength` before any decoding),
 * the header and its `crit` list checked, `alg` checked against your `algorithms` allow-list
 * (`none` is never accepted), keys selected (embedded `jwk`, `jku`, `x5u`, `x5c` headers are
 * never used), the signature length and then the signature checked; only then is the payload
 * decoded. Every failure is a {@link JoseError}.
 *
 * @param token - The compact serialization `header.payload.signature`.
 * @param keys - A key, a key set from `createKeySet`, or a resolver `(header, context) => key | keySet`.
 * @param options - `algorithms` is required.
 * @returns The protected header (frozen), the payload bytes and the verifying key.
 *
 * @example
 * ```ts
 * const key = await importSecret(process.env.SECRET!, { alg: 'HS256' });
 * const { payload } = await verifyJws(token, key, { algorithms: ['HS256'] });
 * console.log(new TextDecoder().decode(payload));
 * ```
 */
export async function verifyJws(token: string, keys: KeyInput, options: VerifyJwsOptions): Promise<VerifyJwsResult> {
  const opts = optionsObject(options, 'verifyJws', "verifyJws(token, key, { algorithms: ['ES256'] })");
  checkOptionNames(opts, JWS_VERIFY_OPTION_NAMES, 'verifyJws');
  const config = parseJwsVerifyOptions(keys, opts);
  const result = await verifyCompact(token, config, config.context);
  // A plain Uint8Array that owns its memory: Node's Buffer decoding may return a view into a
  // shared pool, whose `.buffer` would expose other data to a caller that reads it whole.
  return { header: result.header, payload: new Uint8Array(result.payload), key: result.key };
}
