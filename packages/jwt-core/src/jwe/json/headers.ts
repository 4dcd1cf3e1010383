/**
 * The JOSE Header of one recipient in a JSON JWE is the union of the protected header, the shared
 * unprotected header and that recipient's header (RFC 7516 §7.2.1). Their member names MUST be
 * disjoint: a name in two places would let an unprotected copy shadow a protected one. `zip` and
 * `crit` must be integrity protected, so they may appear in the protected header only (§4.1.3,
 * §4.1.13).
 */
import { invalidJwe } from '../errors.js';

export type HeaderPart = readonly [label: string, header: Readonly<Record<string, unknown>> | undefined];

/** The first member name present in two of the parts, with the labels of both; undefined if disjoint. */
export function firstDuplicate(parts: readonly HeaderPart[]): { name: string; first: string; second: string } | undefined {
  const seen = new Map<string, string>();
  for (const [label, header] of parts) {
    if (header === undefined) continue;
    for (const name of Object.keys(header)) {
      const first = seen.get(name);
      if (first !== undefined) return { name, first, second: label };
      seen.set(name, label);
    }
  }
  return undefined;
}

const show = (name: string): string => JSON.stringify(name.slice(0, 40));

/** The joint header of recipient `index`, refusing overlaps and unprotected `zip` / `crit`. */
export function jointHeader(
  protectedHeader: Readonly<Record<string, unknown>> | undefined,
  shared: Readonly<Record<string, unknown>> | undefined,
  perRecipient: Readonly<Record<string, unknown>> | undefined,
  index: number,
): Record<string, unknown> {
  const label = `the header of recipient #${index + 1}`;
  const dup = firstDuplicate([['the protected header', protectedHeader], ['the shared unprotected header', shared], [label, perRecipient]]);
  if (dup !== undefined) {
    throw invalidJwe(`the JWE header parameter ${show(dup.name)} appears in ${dup.first} and in ${dup.second}`,
      'RFC 7516 §7.2.1: the protected, shared unprotected and per-recipient headers must not share a member name', 'header-duplicate');
  }
  for (const name of ['zip', 'crit']) {
    for (const [where, header] of [['the shared unprotected header', shared], [label, perRecipient]] as const) {
      if (header !== undefined && Object.hasOwn(header, name)) {
        throw invalidJwe(`"${name}" is in ${where}; it must be integrity protected`,
          `RFC 7516 ${name === 'zip' ? '§4.1.3' : '§4.1.13'}: "${name}" may only appear in the protected header`, name);
      }
    }
  }
  return { ...protectedHeader, ...shared, ...perRecipient };
}
