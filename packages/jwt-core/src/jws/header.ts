/**
 * Step 2 of verification: the protected header's registered parameters (RFC 7515 §4.1) have the
 * types the RFC gives them, `crit` is honoured, and RFC 7797's unencoded payload is refused.
 * `jwk`, `jku`, `x5u` and `x5c` are never read: keys come from the caller only (CVE-2018-0114).
 */
import { joseError } from '../lib/errors.js';
import { quote } from '../lib/quote.js';
import { checkCrit } from './crit.js';

const STRING_PARAMS = ['kid', 'typ', 'cty'] as const;

/** Check `header` and return its `alg` (any string: the allow-list decides in the next step). */
export function checkJwsHeader(header: Readonly<Record<string, unknown>>, understoodCrit: ReadonlySet<string>): string {
  const alg = header.alg;
  if (typeof alg !== 'string') {
    throw joseError('ERR_JWS_INVALID', alg === undefined ? 'header has no alg' : `header alg must be a string, got ${quote(alg, 40)}`, {
      reason: 'alg', hint: 'RFC 7515 §4.1.1: every JWS header names its algorithm',
    });
  }
  for (const name of STRING_PARAMS) {
    const value = header[name];
    if (value !== undefined && typeof value !== 'string') {
      throw joseError('ERR_JWS_INVALID', `header ${name} must be a string, got ${quote(value, 40)}`, {
        reason: name, hint: `RFC 7515 §4.1: ${name} is a string`,
      });
    }
  }
  const b64 = header.b64;
  if (b64 !== undefined) {
    if (typeof b64 !== 'boolean') {
      throw joseError('ERR_JWS_INVALID', `header b64 must be a boolean, got ${quote(b64, 40)}`, { reason: 'b64', hint: 'RFC 7797 §3' });
    }
    if (!b64) {
      throw joseError('ERR_JOSE_NOT_SUPPORTED', 'unencoded payloads (b64: false, RFC 7797) are not supported', {
        reason: 'b64', hint: 'sign with a base64url-encoded payload (omit b64)',
      });
    }
  }
  checkCrit(header, understoodCrit);
  return alg;
}
