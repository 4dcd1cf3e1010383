/**
 * Reads Tessera's own negative vectors (`vectors/negative/jwt.json`, made by
 * scripts/generate-negative.mjs). The file already holds normalized cases; this checks their shape
 * so a hand edit that breaks one fails loudly instead of silently skipping it.
 */
import type { VerifyCase } from './types.js';

const KINDS = new Set(['jws', 'jwt']);
const KEY_MODES = new Set(['single', 'set']);

/** The cases of a parsed `tessera-vectors/1` file. */
export function negativeCases(doc: unknown): VerifyCase[] {
  const d = doc as { format?: string; cases?: unknown };
  if (d?.format !== 'tessera-vectors/1' || !Array.isArray(d.cases)) throw new Error('negative vectors: not a tessera-vectors/1 file');
  return d.cases.map((c: any) => {
    const ok = typeof c?.id === 'string' && typeof c.source === 'string' && typeof c.description === 'string'
      && KINDS.has(c.kind) && typeof c.alg === 'string' && typeof c.token === 'string'
      && Array.isArray(c.keys?.keys) && KEY_MODES.has(c.keyMode) && typeof c.options === 'object' && c.options !== null
      && typeof c.expect === 'object' && (c.expect.ok === true || typeof c.expect.code === 'string');
    if (!ok) throw new Error(`negative vectors: malformed case ${String(c?.id)}`);
    return c as VerifyCase;
  });
}
