/**
 * JWS compact signing (RFC 7515 §5.1). The key must be able to sign with `alg`: a secret or
 * private key, for signatures, bound to `alg`'s family. The protected header is built once per
 * signer: `alg` always comes from the options, `kid` from the key unless the header sets one.
 */
import { invalidOption, joseError, JoseError } from '../lib/errors.js';
import { isJwsAlgorithm, JWS_ALGORITHMS, type JwsAlgorithm } from '../lib/algorithms.js';
import { encodeBase64url } from '../lib/base64url.js';
import type { BackendName, SignFn } from '../lib/backends/types.js';
import { quote } from '../lib/quote.js';
import { asciiBytes, utf8 } from '../lib/utf8.js';
import { describeValue } from '../lib/describe.js';
import { internals, type Key } from '../jwk/key.js';
import { keySigner } from './key-backend.js';
import type { SignJwsOptions } from './types.js';
import { checkOptionNames, optionsObject, parseBackend } from '../lib/options.js';
import { checkJwsHeader } from './header.js';

/** A signer with its header encoded once. */
export interface JwsSigner {
  /** The encoded protected header followed by `.`. */
  readonly prefix: string;
  readonly alg: JwsAlgorithm;
  readonly sign: SignFn;
}

/** `alg` from sign options: a JWS algorithm Tessera implements, never `none`. */
export function parseSignAlgorithm(alg: unknown): JwsAlgorithm {
  if (typeof alg === 'string' && alg.toLowerCase() === 'none') {
    throw invalidOption("alg 'none' is never used: Tessera does not issue unsigned tokens", "sign with a real algorithm, e.g. { alg: 'ES256' } or { alg: 'HS256' }");
  }
  if (!isJwsAlgorithm(alg)) {
    throw invalidOption(alg === undefined ? 'alg is required' : `alg ${quote(alg, 40)} is not a JWS algorithm Tessera implements`, `known: ${JWS_ALGORITHMS.join(', ')}`);
  }
  return alg;
}

/** The key may sign with `alg`: secret or private, for signatures, bound to `alg`. */
export function checkSigningKey(key: unknown, alg: JwsAlgorithm): Key {
  internals(key); // throws ERR_JWK_INVALID for anything that is not a Tessera key
  const k = key as Key;
  const which = `the ${k.kty} ${k.type} key${k.kid === undefined ? '' : ` (kid ${quote(k.kid)})`}`;
  if (k.type === 'public') {
    throw joseError('ERR_JWK_INVALID', `${which} cannot sign: signing needs the private key`, {
      alg, hint: 'pass the private key to the signer and publish the public key to verifiers',
    });
  }
  if (k.use !== 'sig') {
    throw joseError('ERR_JWK_INVALID', `${which} is an encryption key (use 'enc') and cannot sign`, { alg, hint: 'import the key for a signature algorithm' });
  }
  if (!k.algorithms.includes(alg)) {
    throw joseError('ERR_JOSE_ALG_NOT_ALLOWED', `${which} is bound to ${k.algorithms.join(', ')} and cannot sign with ${alg}`, {
      alg, allowed: k.algorithms,
      hint: 'a key is bound to one algorithm family (RFC 8725 §3.1): use the algorithm the key was imported for, or another key',
    });
  }
  return k;
}

/**
 * The protected header: `{ alg, ...defaults, kid?, ...header }`, with `alg` and `b64` not
 * overridable, and the same rules a verifier applies (types, `crit`) so Tessera never issues a
 * token it would refuse.
 */
export function buildHeader(alg: JwsAlgorithm, key: Key, header: unknown, defaults: Record<string, unknown> = {}): Record<string, unknown> {
  if (header !== undefined && (typeof header !== 'object' || header === null || Array.isArray(header))) {
    throw invalidOption(`header must be an object of header parameters, got ${describeValue(header)}`, "e.g. { header: { kid: 'sig-1' } }");
  }
  const extra = (header ?? {}) as Record<string, unknown>;
  if ('alg' in extra && extra.alg !== alg) {
    throw invalidOption(`header.alg cannot be set: the alg option (${alg}) decides the algorithm`, 'remove alg from header');
  }
  if ('b64' in extra) throw invalidOption('header.b64 is not supported: Tessera only issues base64url-encoded payloads (RFC 7797 is not implemented)', 'remove b64 from header');
  const out: Record<string, unknown> = { alg, ...defaults };
  if (key.kid !== undefined) out.kid = key.kid;
  for (const [name, value] of Object.entries(extra)) {
    if (name === '__proto__') throw invalidOption('header cannot contain "__proto__"', 'verifiers refuse a __proto__ member (prototype pollution): remove it');
    if (value !== undefined) out[name] = value;
  }
  out.alg = alg;
  const crit = out.crit;
  try {
    checkJwsHeader(out, new Set(Array.isArray(crit) ? crit.filter((c): c is string => typeof c === 'string') : []));
  } catch (err) {
    if (err instanceof JoseError) throw invalidOption(`header: ${err.message}`, err.hint ?? 'fix the header parameter named in the message');
    throw err;
  }
  return out;
}

function encodeJson(value: unknown, what: string): string {
  let json: string;
  try {
    json = JSON.stringify(value);
  } catch (err) {
    throw invalidOption(`${what} cannot be serialised as JSON: ${err instanceof Error ? err.message : String(err)}`, 'use plain JSON values: no BigInt, no circular references');
  }
  return encodeBase64url(utf8(json));
}

/** Check the key and build the header once; the returned signer only encodes and signs. */
export function prepareJwsSigner(key: unknown, alg: JwsAlgorithm, header: unknown, backend: BackendName | undefined, defaults?: Record<string, unknown>): JwsSigner {
  const k = checkSigningKey(key, alg);
  const protectedHeader = buildHeader(alg, k, header, defaults);
  return { prefix: `${encodeJson(protectedHeader, 'header')}.`, alg, sign: keySigner(k, alg, backend) };
}

/** Sign `payload` bytes with a prepared signer: `header.payload.signature`. */
export function signCompact(signer: JwsSigner, payload: Uint8Array): string | Promise<string> {
  return signEncodedPayload(signer, encodeBase64url(payload));
}

/** {@link signCompact} for a payload already encoded as base64url. */
export function signEncodedPayload(signer: JwsSigner, encodedPayload: string): string | Promise<string> {
  const input = signer.prefix + encodedPayload;
  // A backend that signs the ASCII text directly spares two copies (input bytes, signature bytes).
  const text = signer.sign.base64url;
  if (text !== undefined) return `${input}.${text(input)}`;
  const signature = signer.sign(asciiBytes(input));
  return signature instanceof Promise
    ? signature.then((s) => `${input}.${encodeBase64url(s)}`)
    : `${input}.${encodeBase64url(signature)}`;
}

// Node's Buffer encodes a string's UTF-8 as base64url in one native call, without an intermediate
// Uint8Array. Found at run time so the core never imports a Node built-in.
const NodeBuffer = (globalThis as { Buffer?: { from(s: string, enc: 'utf8'): { toString(enc: 'base64url'): string } } }).Buffer;

/** base64url of the UTF-8 encoding of `text` (same bytes as TextEncoder: JSON text has no lone surrogates). */
export function encodeTextBase64url(text: string): string {
  return NodeBuffer !== undefined ? NodeBuffer.from(text, 'utf8').toString('base64url') : encodeBase64url(utf8(text));
}

/** Encode a payload given as bytes or text (UTF-8). */
export function payloadBytes(payload: unknown): Uint8Array {
  if (payload instanceof Uint8Array) return payload;
  if (typeof payload === 'string') return utf8(payload);
  throw invalidOption(`payload must be a Uint8Array or a string, got ${describeValue(payload)}`, 'serialise objects first (JSON.stringify), or use signJwt for claims');
}

const SIGN_JWS_OPTION_NAMES = ['alg', 'header', 'backend'] as const;

/**
 * Sign `payload` as a compact JWS.
 *
 * The key must be a secret or private signing key bound to `alg` (see `importSecret`,
 * `importJwk`, `importPem`, `generateKeyPair`). The protected header is `{ alg, ...header }`;
 * `alg` and `b64` cannot be overridden, and the key's `kid` is included unless `header` sets one.
 *
 * @returns `header.payload.signature`, each part base64url.
 *
 * @example
 * ```ts
 * const { privateKey } = await generateKeyPair('ES256');
 * const jws = await signJws('hello', privateKey, { alg: 'ES256', header: { cty: 'text/plain' } });
 * ```
 */
export async function signJws(payload: Uint8Array | string, key: Key, options: SignJwsOptions): Promise<string> {
  const opts = optionsObject(options, 'signJws', "signJws(payload, privateKey, { alg: 'ES256' })");
  checkOptionNames(opts, SIGN_JWS_OPTION_NAMES, 'signJws');
  const alg = parseSignAlgorithm(opts.alg);
  const signer = prepareJwsSigner(key, alg, opts.header, parseBackend(opts.backend));
  return signCompact(signer, payloadBytes(payload));
}
