/**
 * Parsing a compact JWE (RFC 7516 §7.1): BASE64URL(header) '.' BASE64URL(encrypted key) '.'
 * BASE64URL(IV) '.' BASE64URL(ciphertext) '.' BASE64URL(tag). The length bound is checked
 * before any decoding; every segment is strict base64url; the header is a JSON object.
 */
import { joseError } from '../lib/errors.js';
import { decodeBase64url } from '../lib/base64url.js';
import { bearerPrefixError } from '../lib/bearer.js';
import { decodeJsonObject } from '../lib/json.js';
import { invalidJwe } from './errors.js';

export interface ParsedJwe {
  readonly header: Record<string, unknown>;
  /** The first segment as received: ASCII(BASE64URL(header)) is the AAD (RFC 7516 §5.2 step 14). */
  readonly protectedB64u: string;
  readonly encryptedKey: Uint8Array;
  readonly iv: Uint8Array;
  readonly ciphertext: Uint8Array;
  readonly tag: Uint8Array;
}

export interface ParseLimits {
  readonly maxTokenLength: number;
  readonly maxHeaderBytes: number;
  readonly maxJsonDepth: number;
}

const NAMES = ['protected header', 'encrypted key', 'initialization vector', 'ciphertext', 'authentication tag'] as const;

export function parseCompactJwe(token: unknown, limits: ParseLimits): ParsedJwe {
  if (typeof token !== 'string') {
    throw invalidJwe(`a compact JWE must be a string, got ${token === null ? 'null' : typeof token}`, 'pass the token text, e.g. from the Authorization header or a cookie', 'type');
  }
  if (token.length > limits.maxTokenLength) {
    throw joseError('ERR_JWE_INVALID', `the JWE is ${token.length} characters, more than maxTokenLength (${limits.maxTokenLength})`, {
      reason: 'length', limit: `maxTokenLength=${limits.maxTokenLength}`,
      hint: 'raise maxTokenLength if you really issue tokens this large',
    });
  }
  const bearer = bearerPrefixError(token, 'ERR_JWE_INVALID');
  if (bearer !== undefined) throw bearer;
  const parts = token.split('.');
  if (parts.length !== 5) {
    throw invalidJwe(`a compact JWE has 5 segments separated by '.', this one has ${parts.length}`,
      parts.length === 3 ? 'this looks like a JWS (signed, not encrypted): use verifyJws/verifyJwt' : 'RFC 7516 §7.1: header.encryptedKey.iv.ciphertext.tag', 'segments');
  }
  const [h, ek, iv, ct, tag] = parts as [string, string, string, string, string];
  if (h.length === 0) throw invalidJwe('the JWE protected header is empty', 'compact JWEs carry all header parameters in the protected header', 'header');
  if (Math.floor((h.length * 3) / 4) > limits.maxHeaderBytes) {
    throw joseError('ERR_JWE_INVALID', `the JWE protected header is larger than maxHeaderBytes (${limits.maxHeaderBytes})`, {
      reason: 'header-size', limit: `maxHeaderBytes=${limits.maxHeaderBytes}`, hint: 'headers are small; a large one is malformed or hostile',
    });
  }
  const bytes = [h, ek, iv, ct, tag].map((s, i) => decodeBase64url(s, `the JWE ${NAMES[i]}`, 'ERR_JWE_INVALID')) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array];
  const header = decodeJsonObject(bytes[0], 'JWE protected header', 'ERR_JWE_INVALID', limits.maxJsonDepth);
  return { header, protectedB64u: h, encryptedKey: bytes[1], iv: bytes[2], ciphertext: bytes[3], tag: bytes[4] };
}
