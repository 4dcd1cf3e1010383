/**
 * Key material as it appears in configuration, recognised by its shape:
 * - PEM (`-----BEGIN ...`): PKCS#8 private keys, SPKI public keys, X.509 certificates;
 *   several blocks in one value for verify keys. Literal `\n` sequences (a PEM squeezed onto one
 *   line of a .env file or a CI secret) are turned back into newlines;
 * - JSON: a JWK, a JWKS `{ "keys": [...] }` or an array of JWKs;
 * - anything else is an HMAC secret: UTF-8 text, or `base64:` / `base64url:` prefixed.
 * Messages name the variable and the problem, never the value.
 */
import { JoseError, joseError } from '../lib/errors.js';
import { importJwk } from '../jwk/import.js';
import { importPem } from '../jwk/pem.js';
import { importSecret } from '../jwk/import-secret.js';
import { internals, type Key } from '../jwk/key.js';
import type { Jwk } from '../lib/types.js';
import { algorithmInfo, type JwsAlgorithm } from '../lib/algorithms.js';
import { parseJson } from '../lib/json.js';
import { DEFAULT_LIMITS } from '../lib/limits.js';
import { refuseWeakSecret } from './weak-secret.js';

export type SecretEncoding = 'utf8' | 'base64' | 'base64url';

export interface ParseContext {
  /** The variable (or file variable) the text came from, for messages. */
  where: string;
  alg: JwsAlgorithm;
  /** Encoding of a secret without a `base64:`/`base64url:`/`utf8:` prefix. */
  secretEncoding: SecretEncoding;
  kid?: string | undefined;
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

/** The keys in `text`; `role` decides whether several keys are allowed. */
export async function parseKeys(text: string, role: 'signing' | 'verify', ctx: ParseContext): Promise<Key[]> {
  const value = text.trim();
  if (value === '') throw invalid(ctx, 'is empty', 'unset the variable or give it a key');
  const keys = await wrap(ctx, async () => {
    if (value.includes('-----BEGIN')) return parsePem(value, ctx);
    if (value.startsWith('{') || value.startsWith('[')) return parseJsonKeys(value, ctx);
    return [parseSecret(value, ctx)];
  });
  if (role === 'signing' && keys.length !== 1) {
    throw invalid(ctx, `holds ${keys.length} keys; the signing key must be exactly one`, 'put the other keys in the VERIFY_KEYS variable');
  }
  return keys;
}

async function parsePem(value: string, ctx: ParseContext): Promise<Key[]> {
  const text = value.includes('\n') ? value : value.replace(/\\n/g, '\n');
  const blocks = text.match(PEM_BLOCK);
  if (blocks === null) throw invalid(ctx, 'starts like a PEM but has no complete BEGIN/END block', 'check that the value was not truncated (multi-line values need quoting in .env files)');
  return Promise.all(blocks.map(async (pem) => importPem(pem, { alg: ctx.alg, ...(ctx.kid === undefined || blocks.length > 1 ? {} : { kid: ctx.kid }) })));
}

function parseJsonKeys(value: string, ctx: ParseContext): Key[] {
  let json: unknown;
  try {
    json = parseJson(value, ctx.where, 'ERR_JWK_INVALID', DEFAULT_LIMITS.maxJsonDepth);
  } catch (err) {
    if (err instanceof JoseError && err.reason === 'json') {
      throw invalid(ctx, 'starts like JSON but is not valid JSON', 'check the quoting: a JWK in an environment variable must be one line of JSON');
    }
    throw err;
  }
  const list: unknown[] = Array.isArray(json) ? json : typeof json === 'object' && json !== null && Array.isArray((json as { keys?: unknown }).keys) ? (json as { keys: unknown[] }).keys : [json];
  if (list.length === 0) throw invalid(ctx, 'is a JWKS without keys', 'add at least one key, or unset the variable');
  return list.map((entry, i) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw invalid(ctx, `key ${i} is not a JWK object`, 'each key is a JSON object like {"kty":"EC",...}');
    const jwk = entry as Jwk;
    const kid = list.length === 1 && ctx.kid !== undefined ? { kid: ctx.kid } : {};
    // A JWK's own alg binds it (so a ring can span algorithms during a migration); otherwise the configured alg.
    const key = importJwk(jwk, jwk.alg === undefined ? { alg: ctx.alg, ...kid } : kid);
    if (key.type === 'secret') refuseWeakSecret(internals(key).secret ?? new Uint8Array(0), '', `${ctx.where} (key ${i})`);
    return key;
  });
}

function parseSecret(value: string, ctx: ParseContext): Key {
  if (algorithmInfo(ctx.alg)?.family !== 'HMAC') {
    throw invalid(ctx, `is neither a PEM nor a JWK, and ${ctx.alg} needs an asymmetric key`, `give a PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----") or a JWK for ${ctx.alg}, or set alg to HS256 for a shared secret`);
  }
  const m = /^(base64url|base64|utf8):/.exec(value);
  const encoding = (m?.[1] as SecretEncoding | undefined) ?? ctx.secretEncoding;
  const text = m === null ? value : value.slice(m[0].length);
  const key = importSecret(text, { alg: ctx.alg, encoding, ...(ctx.kid === undefined ? {} : { kid: ctx.kid }) });
  // Checked on the bytes the HMAC will use; importSecret has already checked the length.
  refuseWeakSecret(internals(key).secret ?? new Uint8Array(0), text, ctx.where);
  return key;
}

/** Run an import and prefix its error with the variable name, keeping code and hint. */
async function wrap<T>(ctx: ParseContext, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof JoseError) {
      if (err.message.startsWith(ctx.where)) throw err;
      throw joseError(err.code, `${ctx.where}: ${err.message}`, { hint: err.hint ?? 'fix the key material in this variable', ...(err.reason === undefined ? {} : { reason: err.reason }), cause: err });
    }
    throw err;
  }
}

function invalid(ctx: ParseContext, problem: string, hint: string): JoseError {
  return joseError('ERR_JWK_INVALID', `${ctx.where} ${problem}`, { hint });
}
