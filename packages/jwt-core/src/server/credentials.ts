/**
 * Reading request bodies within a size bound, and the login credentials from HTTP Basic (RFC 7617),
 * JSON, or an HTML form (`application/x-www-form-urlencoded`). Malformed input is a 4xx, never a 500.
 */
import { JoseError } from '../errors.js';
import { decodeBase64url } from '../lib/base64url.js';
import { parseJson } from '../lib/json.js';
import type { Credentials } from './types.js';

function badRequest(message: string, reason = 'malformed', hint?: string): JoseError {
  return new JoseError('ERR_AUTH_REQUEST_INVALID', message, { reason, hint: hint ?? 'send JSON {"username","password"}, a form with those fields, or HTTP Basic' });
}

/** The body as text, refusing more than `max` bytes before reading them all (Content-Length first, then as it streams). */
export async function readBody(request: Request, max: number): Promise<string> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > max) {
    throw badRequest(`request body is ${declared} bytes; at most ${max} are accepted`, 'too_large', 'raise maxBodyBytes if larger bodies are expected');
  }
  if (request.body === null) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw badRequest(`request body exceeds ${max} bytes`, 'too_large', 'raise maxBodyBytes if larger bodies are expected');
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let o = 0;
  for (const c of chunks) { all.set(c, o); o += c.byteLength; }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(all);
  } catch {
    throw badRequest('request body is not valid UTF-8');
  }
}

/** Parsed fields of a JSON object or form body; other media types are refused with 415. */
export async function readFields(request: Request, max: number): Promise<Map<string, string>> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const text = await readBody(request, max);
  const out = new Map<string, string>();
  if (text === '') return out;
  if (type === 'application/x-www-form-urlencoded') {
    for (const [k, v] of new URLSearchParams(text)) if (!out.has(k)) out.set(k, v);
    return out;
  }
  if (type === 'application/json' || type.endsWith('+json')) {
    // The one safe decoder (bounded depth, no __proto__); its refusals are 400s of this layer.
    const value = parseJson(text, 'the request body', 'ERR_AUTH_REQUEST_INVALID', 8);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badRequest('request body must be a JSON object');
    // Own enumerable string members only: no prototype lookups, non-strings ignored.
    for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out.set(k, v);
    return out;
  }
  throw badRequest(`unsupported content type ${JSON.stringify(type.slice(0, 80)) || 'none'}`, 'media_type');
}

const MAX_FIELD = 1_024;

/** HTTP Basic credentials (RFC 7617 §2: base64 of `user-id ":" password`, UTF-8), or undefined. */
function basicCredentials(request: Request): Credentials | undefined {
  const header = request.headers.get('authorization');
  const m = header === null ? null : /^Basic +([A-Za-z0-9+/]+=*) *$/i.exec(header);
  if (m === null) return undefined;
  let decoded: string;
  try {
    const b64url = m[1]!.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(decodeBase64url(b64url, 'Basic credentials', 'ERR_JWS_INVALID'));
  } catch {
    throw badRequest('the Authorization: Basic credentials are not valid base64 of UTF-8 text');
  }
  const colon = decoded.indexOf(':');
  if (colon < 0) throw badRequest('the Authorization: Basic credentials have no ":" between user name and password');
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** The login credentials of `request`: HTTP Basic if present, else the `username`/`password` body fields. */
export async function readCredentials(request: Request, maxBody: number): Promise<Credentials> {
  let creds = basicCredentials(request);
  if (creds === undefined) {
    const fields = await readFields(request, maxBody);
    const username = fields.get('username');
    const password = fields.get('password');
    if (username === undefined || password === undefined) throw badRequest('login needs a username and a password');
    creds = { username, password };
  }
  if (creds.username === '' || creds.username.length > MAX_FIELD || creds.password.length > MAX_FIELD) {
    throw badRequest(`username must be 1 to ${MAX_FIELD} characters and password at most ${MAX_FIELD}`);
  }
  return creds;
}
