/**
 * `crit` for JWE (RFC 7516 §4.1.13, same rules as RFC 7515 §4.1.11): a non-empty array of unique
 * extension names, none of them registered, each present in the header, each understood (Tessera
 * understands none itself; the caller names those it checks through `critical`). Anything else
 * rejects the token.
 */
import { invalidJwe } from './errors.js';

/** Header parameters registered by RFC 7516 §4.1 and RFC 7518 §4.6-4.8; never allowed in `crit`. */
export const JWE_REGISTERED_HEADERS: ReadonlySet<string> = new Set([
  'alg', 'enc', 'zip', 'jku', 'jwk', 'kid', 'x5u', 'x5c', 'x5t', 'x5t#S256', 'typ', 'cty', 'crit',
  'epk', 'apu', 'apv', 'iv', 'tag', 'p2s', 'p2c',
]);

const HINT = 'RFC 7516 §4.1.13: crit lists extension header parameters the recipient must process';
const show = (name: unknown): string => JSON.stringify(typeof name === 'string' ? name.slice(0, 40) : name) ?? String(name);

export function checkJweCrit(header: Readonly<Record<string, unknown>>, understood: ReadonlySet<string>): void {
  const crit = header['crit'];
  if (crit === undefined) return;
  if (!Array.isArray(crit) || crit.length === 0) throw invalidJwe('crit must be a non-empty array of header parameter names', HINT, 'crit');
  const seen = new Set<string>();
  for (const name of crit) {
    if (typeof name !== 'string' || name.length === 0) throw invalidJwe(`crit must list non-empty strings, got ${show(name)}`, HINT, 'crit');
    if (seen.has(name)) throw invalidJwe(`crit lists ${show(name)} twice`, HINT, 'crit');
    seen.add(name);
    if (JWE_REGISTERED_HEADERS.has(name)) throw invalidJwe(`crit lists ${show(name)}, a registered header parameter, which must not appear there`, HINT, 'crit');
    if (!Object.prototype.hasOwnProperty.call(header, name)) throw invalidJwe(`crit lists ${show(name)} but the header has no such parameter`, HINT, 'crit');
    if (!understood.has(name)) {
      throw invalidJwe(`crit requires extension ${show(name)}, which this decrypter does not understand`,
        `if your code checks ${show(name)} itself, pass critical: [${show(name)}] in the decrypt options; otherwise the token must be refused`, 'crit');
    }
  }
}
