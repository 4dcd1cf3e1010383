/** The human form of a successful `tessera verify`. */
import type { Style } from '../lib/style.js';
import type { Timeline } from '../decode/types.js';

export interface Verified {
  header: object;
  claims: Record<string, unknown>;
  key: { kid: string | null; alg: unknown; kty: string; source: string };
  algorithms: readonly string[];
  checked: readonly string[];
  timeline: Timeline;
}

/**
 * "Verified" with the key that verified, what was checked, the claims and the timeline; a note
 * when the issuer or the audience was not checked.
 *
 * @example
 * ```ts
 * io.stdout(renderVerified(report, style(io.color)));
 * ```
 */
export function renderVerified(r: Verified, s: Style): string {
  const out: string[] = [];
  out.push(`${s.green('Verified')}: ${String(r.key.alg)} signature by the ${r.key.kty} key ${r.key.kid === null ? '(no kid)' : `kid ${r.key.kid}`} (--${r.key.source}); checked ${r.checked.join(', ')}`);
  const unchecked = ['iss', 'aud'].filter((c) => !r.checked.includes(c));
  if (unchecked.length > 0) out.push(s.yellow(`Not checked: ${unchecked.join(', ')} (pass ${unchecked.map((c) => `--${c}`).join(' and ')} to check as your service does)`));
  out.push(s.bold('Header'), indent(JSON.stringify(r.header, null, 2)));
  out.push(s.bold('Claims'), indent(JSON.stringify(r.claims, null, 2)));
  if (r.timeline.entries.length > 0) {
    out.push(s.bold('Timeline'));
    for (const e of r.timeline.entries) out.push(`  ${e.claim}  ${e.utc ?? JSON.stringify(e.value)}  ${e.local === undefined ? '' : `(${e.local})  `}${e.relative ?? ''}`);
  }
  return `${out.join('\n')}\n`;
}

function indent(text: string): string {
  return text.split('\n').map((l) => `  ${l}`).join('\n');
}
