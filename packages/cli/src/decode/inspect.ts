/**
 * `inspect`: everything that can be said about a compact token without a key, as a
 * {@link TokenReport}. A JWS is decoded by the core's `decodeJwt` (same limits and strictness as
 * verification); a JWE's protected header and part sizes, and a nested JWT's inner token, are
 * read here. Never verifies: the report says `verified: false`.
 */
import { decodeJwt, JoseError } from '@tessera/jwt-core';
import { inputError } from '../lib/cli-error.js';
import { readHeader, segmentBytes } from '../lib/segments.js';
import { relative, utc } from '../lib/time.js';
import { sizeFindings, sizeOf } from './size.js';
import { timeline } from './timeline.js';
import type { Finding, TokenReport } from './types.js';
import { jweFindings, jwsFindings } from './warnings.js';

/** Nested tokens are followed this deep (a JWE holding a JWS holding...). */
const MAX_DEPTH = 3;
const COMPACT = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]*){2}(?:\.[A-Za-z0-9_-]*){0,2}$/;

/**
 * Describe `token` as of `now`.
 *
 * @example
 * ```ts
 * const report = inspect(token, new Date());
 * report.timeline?.entries.find((e) => e.claim === 'exp')?.relative; // "expires in 4m 10s"
 * ```
 * @throws JoseError from `decodeJwt` for a malformed JWS; CliError (exit 3) for input that is no token.
 */
export function inspect(token: string, now: Date, depth = 0): TokenReport {
  const parts = token.split('.');
  if (parts.length === 5) return inspectJwe(token, parts, now);
  if (parts.length !== 3) {
    const refresh = refreshTokenNote(token, now);
    if (refresh !== undefined) throw inputError(refresh, 'a refresh token has no claims to decode: the server keeps its session record; POST it to the refresh endpoint, and sign in again once it has expired');
    throw inputError(`this is not a compact JWT: it has ${parts.length} dot-separated part${parts.length === 1 ? '' : 's'}; a JWS has 3, a JWE 5`,
      'pass the whole token (header.payload.signature); a cookie value split by the auth layer into chunks must be joined first');
  }
  return inspectJws(token, parts, now, depth);
}

function base(token: string, now: Date): Pick<TokenReport, 'verified' | 'size' | 'now'> {
  return { verified: false, size: sizeOf(token), now: now.toISOString().replace(/\.\d{3}Z$/, 'Z') };
}

function inspectJws(token: string, parts: string[], now: Date, depth: number): TokenReport {
  const seconds = Math.floor(now.getTime() / 1000);
  try {
    const { header, payload } = decodeJwt(token);
    const h = header as Record<string, unknown>;
    const claims = payload as Record<string, unknown>;
    const size = base(token, now);
    const warnings: Finding[] = [...jwsFindings(h, claims, seconds), ...sizeFindings(size.size.limits)];
    return { ...size, kind: 'JWS', header: h, claims, timeline: timeline(claims, seconds), warnings };
  } catch (err) {
    // The payload is not a JSON object: a nested JWT (cty JWT) or a JWS over other bytes.
    if (!(err instanceof JoseError) || err.code !== 'ERR_JWT_INVALID') throw err;
    const read = readHeader(parts[0]!);
    if ('problem' in read) throw err;
    const bytes = segmentBytes(parts[1]!);
    if (bytes === undefined) throw err;
    const text = utf8(bytes);
    const size = base(token, now);
    const warnings = [...jwsFindings(read.header, undefined, seconds), ...sizeFindings(size.size.limits)];
    const report: TokenReport = { ...size, kind: 'JWS', header: read.header, payload: text === undefined ? { bytes: bytes.length } : { bytes: bytes.length, text }, warnings };
    if (text !== undefined && isNestedJwt(read.header, text) && depth < MAX_DEPTH) report.nested = inspect(text, now, depth + 1);
    return report;
  }
}

function inspectJwe(token: string, parts: string[], now: Date): TokenReport {
  const read = readHeader(parts[0]!);
  if ('problem' in read) {
    throw inputError(`this looks like a JWE (5 parts), but ${read.problem}`, 'check that the token was copied whole and unchanged');
  }
  const [encryptedKey, iv, ciphertext, tag] = parts.slice(1).map((p) => segmentBytes(p));
  if (encryptedKey === undefined || iv === undefined || ciphertext === undefined || tag === undefined) {
    throw inputError('this looks like a JWE (5 parts), but a part is not base64url', 'check that the token was copied whole and unchanged');
  }
  const header = read.header;
  const size = base(token, now);
  return {
    ...size,
    kind: 'JWE',
    header,
    encrypted: { alg: header.alg, enc: header.enc, encryptedKeyBytes: encryptedKey.length, ivBytes: iv.length, ciphertextBytes: ciphertext.length, tagBytes: tag.length },
    warnings: [...jweFindings(header), ...sizeFindings(size.size.limits)],
  };
}

/** `<43 base64url>.<expiry in base36>`: the auth layer's refresh token, which carries its expiry for diagnosis. */
function refreshTokenNote(token: string, now: Date): string | undefined {
  const m = /^[A-Za-z0-9_-]{43}\.([0-9a-z]{1,8})$/.exec(token);
  if (m === null) return undefined;
  const exp = parseInt(m[1]!, 36);
  const delta = exp - Math.floor(now.getTime() / 1000);
  return `this is not a JWT but a Tessera refresh token (opaque; the store keeps only its hash): by its own expiry it ${relative(delta, { past: 'expired', future: 'expires in' })} (${utc(exp) ?? exp})`;
}

function isNestedJwt(header: Record<string, unknown>, text: string): boolean {
  return (typeof header.cty === 'string' && header.cty.toUpperCase() === 'JWT') || COMPACT.test(text);
}

function utf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
