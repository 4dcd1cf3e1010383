/** The human form of a {@link TokenReport}: sections an operator scans from top to bottom. */
import type { Style } from '../lib/style.js';
import type { Finding, TokenReport } from './types.js';

const STATUS: Record<string, string> = {
  valid: 'valid now by its claims',
  expired: 'expired',
  'not-yet-valid': 'not valid yet',
  'never-expires': 'never expires',
};

function indent(text: string, by = '  '): string {
  return text.split('\n').map((l) => `${by}${l}`).join('\n');
}

/** Warnings as "! code: message" with the fix below. */
export function renderFindings(findings: readonly Finding[], s: Style, by = '  '): string {
  return findings.map((f) => `${by}${s.yellow('!')} ${s.bold(f.code)}: ${f.message}\n${by}  fix: ${f.hint}`).join('\n');
}

function renderOne(r: TokenReport, s: Style, depth: number): string {
  const out: string[] = [];
  if (r.kind === 'JWE') {
    const e = r.encrypted!;
    out.push(s.bold(`JWE (encrypted, 5 parts): alg ${String(e.alg)}, enc ${String(e.enc)}`));
    out.push(s.bold('Protected header'), indent(JSON.stringify(r.header, null, 2)));
    out.push(s.bold('Encrypted parts'), indent(`encrypted key ${e.encryptedKeyBytes} bytes, IV ${e.ivBytes} bytes, ciphertext ${e.ciphertextBytes} bytes, tag ${e.tagBytes} bytes`));
    const inner = typeof r.header.cty === 'string' && r.header.cty.toUpperCase() === 'JWT' ? ' (cty JWT: a nested token, usually a signed JWT)' : '';
    out.push(indent(`The content${inner} cannot be read without the recipient's private key or the shared key.`));
  } else {
    out.push(s.bold(`JWS (signed, 3 parts): alg ${String(r.header.alg)}${r.header.kid === undefined ? ', no kid' : `, kid ${String(r.header.kid)}`}`));
    out.push(s.bold('Header'), indent(JSON.stringify(r.header, null, 2)));
    if (r.claims !== undefined) out.push(s.bold('Claims'), indent(JSON.stringify(r.claims, null, 2)));
    else if (r.payload !== undefined) {
      out.push(s.bold(`Payload (${r.payload.bytes} bytes, not JSON claims)`));
      if (r.nested !== undefined) out.push(indent('a nested token:'));
      else if (r.payload.text !== undefined) out.push(indent(r.payload.text));
    }
  }
  if (r.timeline !== undefined) {
    out.push(s.bold(`Timeline (now ${r.now})`));
    for (const e of r.timeline.entries) {
      out.push(e.problem !== undefined
        ? `  ${e.claim}  ${JSON.stringify(e.value)}  ${s.red(e.problem)}`
        : `  ${e.claim}  ${e.utc}  (${e.local})  ${e.relative}`);
    }
    const status = STATUS[r.timeline.status]!;
    const colour = r.timeline.status === 'valid' ? s.green : r.timeline.status === 'never-expires' ? s.yellow : s.red;
    out.push(`  ${r.timeline.lifetime === undefined ? '' : `lifetime ${r.timeline.lifetime}; `}${colour(status)}`);
  }
  if (depth === 0) {
    out.push(s.bold('Size'), `  ${r.size.bytes} bytes`);
    for (const l of r.size.limits) {
      const text = `${l.bytes} of ${l.limit} bytes (${l.percent}%)`;
      out.push(`  ${l.name === 'cookie' ? 'as a cookie' : 'as a header'}: ${l.status === 'ok' ? text : s.yellow(`${text}, ${l.status} the limit`)}  ${s.dim(l.as)}`);
    }
  }
  const warnings = depth === 0 ? r.warnings : r.warnings.filter((w) => !w.code.includes('-limit'));
  if (warnings.length > 0) out.push(s.bold('Warnings'), renderFindings(warnings, s));
  if (r.nested !== undefined) out.push(s.bold('Nested token'), indent(renderOne(r.nested, s, depth + 1), '  | '));
  return out.join('\n');
}

/**
 * The report as text, starting with the reminder that nothing was verified.
 *
 * @example
 * ```ts
 * io.stdout(renderReport(inspect(token, io.now()), style(io.color)));
 * ```
 */
export function renderReport(report: TokenReport, s: Style): string {
  return `${s.yellow('Not verified:')} decode reads the token without checking its signature, issuer or audience; to check it, use tessera verify.\n\n${renderOne(report, s, 0)}\n`;
}
