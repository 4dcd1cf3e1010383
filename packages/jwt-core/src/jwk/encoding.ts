/** Standard base64 (RFC 4648 §4), strict, for PEM bodies and base64 secrets; built on the strict base64url decoder. */
import { joseError } from '../lib/errors.js';
import { decodeBase64url } from '../lib/base64url.js';

/**
 * Decode standard base64 with optional `=` padding. Whitespace is removed only when `allowWhitespace`
 * (PEM bodies wrap at 64 columns). Non-canonical encodings are refused like in base64url.
 */
export function decodeBase64(text: string, what: string, allowWhitespace: boolean): Uint8Array {
  const s = allowWhitespace ? text.replace(/[\t\n\r ]+/g, '') : text;
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || (s.endsWith('=') && s.length % 4 !== 0)) {
    throw joseError('ERR_JWK_INVALID', `${what} is not valid base64`, {
      hint: 'expected standard base64 (A-Z, a-z, 0-9, "+", "/", optional "=" padding)',
    });
  }
  return decodeBase64url(s.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_'), what, 'ERR_JWK_INVALID');
}
