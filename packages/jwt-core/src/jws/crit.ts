/**
 * The `crit` header parameter (RFC 7515 §4.1.11): extensions the recipient MUST understand and
 * process, or reject the token. Tessera understands none by itself except `b64` (RFC 7797, which
 * it processes by refusing `b64: false`); a caller names the ones its own code checks through the
 * `critical` option. Everything the RFC lets a recipient reject is rejected.
 */
import { invalidOption, joseError } from '../lib/errors.js';
import { quote } from '../lib/quote.js';

/** Header parameters defined by RFC 7515 §4.1 for JWS; they never belong in `crit`. */
export const JWS_REGISTERED_HEADERS: ReadonlySet<string> = new Set([
  'alg', 'jku', 'jwk', 'kid', 'x5u', 'x5c', 'x5t', 'x5t#S256', 'typ', 'cty', 'crit',
]);

/** Extensions Tessera processes itself (RFC 7797 `b64`: see header.ts). */
const BUILT_IN: ReadonlySet<string> = new Set(['b64']);

const HINT = 'RFC 7515 §4.1.11: crit lists extension header parameters the recipient must process';

/**
 * Check `header.crit` when present. `understood` holds the extension names the caller processes.
 * Throws ERR_JWS_INVALID: not a non-empty array of unique strings, a registered name, a name not
 * present in the header, or an extension nobody here understands.
 */
export function checkCrit(header: Readonly<Record<string, unknown>>, understood: ReadonlySet<string>): void {
  const crit = header.crit;
  if (crit === undefined) return;
  if (!Array.isArray(crit) || crit.length === 0) {
    throw joseError('ERR_JWS_INVALID', `crit must be a non-empty array of header parameter names, got ${Array.isArray(crit) ? 'an empty array' : quote(crit, 40)}`, {
      reason: 'crit', hint: HINT,
    });
  }
  const seen = new Set<string>();
  for (const name of crit) {
    if (typeof name !== 'string' || name.length === 0) {
      throw joseError('ERR_JWS_INVALID', `crit must list non-empty strings, got ${quote(name, 40)}`, { reason: 'crit', hint: HINT });
    }
    if (seen.has(name)) {
      throw joseError('ERR_JWS_INVALID', `crit lists ${quote(name, 40)} twice`, { reason: 'crit', hint: HINT });
    }
    seen.add(name);
    if (JWS_REGISTERED_HEADERS.has(name)) {
      throw joseError('ERR_JWS_INVALID', `crit lists ${quote(name)}, a header parameter registered by RFC 7515, which must not appear there`, {
        reason: 'crit', hint: HINT,
      });
    }
    if (!Object.prototype.hasOwnProperty.call(header, name)) {
      throw joseError('ERR_JWS_INVALID', `crit lists ${quote(name, 40)} but the header has no such parameter`, { reason: 'crit', hint: HINT });
    }
    if (!BUILT_IN.has(name) && !understood.has(name)) {
      throw joseError('ERR_JWS_INVALID', `crit requires extension ${quote(name, 40)}, which this verifier does not understand`, {
        reason: 'crit',
        hint: `if your code checks ${quote(name, 40)} itself, pass critical: [${quote(name, 40)}] in the verify options; otherwise the token must be refused`,
      });
    }
  }
}

/** Validate the `critical` option: unique, non-empty strings that are not registered header names. */
export function parseCriticalOption(value: unknown): ReadonlySet<string> {
  if (value === undefined) return new Set();
  if (!Array.isArray(value)) {
    throw invalidOption(`critical must be an array of header parameter names, got ${quote(value, 40)}`, "list the crit extensions your code checks itself, e.g. { critical: ['b64'] }, or omit it");
  }
  const out = new Set<string>();
  for (const name of value) {
    if (typeof name !== 'string' || name.length === 0) {
      throw invalidOption(`critical must list non-empty strings, got ${quote(name, 40)}`, 'each entry is a header parameter name');
    }
    if (JWS_REGISTERED_HEADERS.has(name)) {
      throw invalidOption(`critical lists ${quote(name)}, a registered header parameter that can never be critical (RFC 7515 §4.1.11)`, 'remove it: registered parameters (alg, kid, typ, ...) are always understood');
    }
    out.add(name);
  }
  return out;
}
