/** The human form of a successful `tessera verify` (signed, decrypted and signed, or decrypted only). */
import type { Style } from '../lib/style.js';
import type { Timeline } from '../decode/types.js';

export interface Verified {
  verified: true;
  /** False for an encrypted token whose plaintext is the claims (no signature inside). */
  signed: boolean;
  /** For an encrypted token: the JWE's algorithms and key id, and where the decryption key came from. */
  encryption?: { alg: unknown; enc: unknown; kid: string | null; cty: unknown; source: string; algorithms: readonly string[] };
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
  const kid = (k: string | null) => (k === null ? '(no kid)' : `kid ${k}`);
  const e = r.encryption;
  if (e !== undefined) out.push(`${s.green('Decrypted')}: ${String(e.alg)} with ${String(e.enc)}, ${kid(e.kid)} (--${e.source})${r.signed ? ', a nested JWT' : ''}`);
  if (r.signed) {
    out.push(`${s.green('Verified')}: ${String(r.key.alg)} signature by the ${r.key.kty} key ${kid(r.key.kid)} (--${r.key.source}); checked ${r.checked.join(', ')}`);
  } else {
    out.push(`${s.green('Claims valid')}: checked ${r.checked.join(', ')}`);
    const publicKey = /^(RSA-OAEP|ECDH-ES)/.test(String(e?.alg));
    out.push(s.yellow(`Not signed: the claims were encrypted, not signed${publicKey ? `; with ${String(e?.alg)} anyone holding the public key could have made this token, so it proves nothing about its issuer` : '; only a holder of the shared key could have made it'}`));
  }
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
