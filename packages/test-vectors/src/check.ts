/**
 * Comparing what a verifier did with what a case expects. Framework-free: returns a description
 * of the failure, or null, so any test runner (or an HTTP conformance harness) can report it.
 */
import { SECRET_MEMBERS } from './jwk.js';
import type { Outcome, VerifyCase } from './types.js';

/** JSON with object keys sorted, for order-independent deep equality of claims. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

function payloadText(payload: unknown): string | undefined {
  if (typeof payload === 'string') return payload;
  if (payload instanceof Uint8Array) return new TextDecoder('utf-8', { fatal: false }).decode(payload);
  // Serialized through a VM or JSON: a Uint8Array arrives as an array of numbers or { 0: .., 1: .. }.
  if (Array.isArray(payload) && payload.every((b) => Number.isInteger(b))) return new TextDecoder().decode(new Uint8Array(payload));
  return undefined;
}

/** Strings that must never appear in an error message: the token, its signature, key material. */
function secretsOf(c: VerifyCase): string[] {
  const out: string[] = [];
  if (c.token.length >= 16) out.push(c.token);
  const sig = c.token.split('.')[2];
  if (sig !== undefined && sig.length >= 16) out.push(sig);
  for (const jwk of c.keys.keys) {
    for (const m of SECRET_MEMBERS) {
      const v = jwk[m];
      if (typeof v === 'string' && v.length >= 8) out.push(v);
    }
  }
  return out;
}

/**
 * Whether `outcome` satisfies the case. Returns null when it does, else a one-line description.
 *
 * For an expected failure it checks the error's `code`, `claim` (when the case names one), that
 * it is a `JoseError` with a non-empty message that contains the case's `messageIncludes` facts,
 * and that the message contains neither the token nor its signature nor any secret key member.
 *
 * @example
 * ```ts
 * const failure = checkOutcome(c, await verifyJwt(c.token, key, opts).then(
 *   (r) => ({ ok: true, payload: r.payload }), (error) => ({ ok: false, error })));
 * expect(failure).toBeNull();
 * ```
 */
export function checkOutcome(c: VerifyCase, outcome: Outcome): string | null {
  const exp = c.expect;
  if (exp.ok) {
    if (!outcome.ok) {
      const e = outcome.error as { code?: unknown; message?: unknown } | undefined;
      return `${c.id}: expected success, got ${String(e?.code ?? 'an error')}: ${String(e?.message ?? e)}`;
    }
    if (exp.payload !== undefined && canonical(outcome.payload) !== canonical(exp.payload)) {
      return `${c.id}: payload differs: expected ${canonical(exp.payload)}, got ${canonical(outcome.payload)}`;
    }
    if (exp.payloadText !== undefined) {
      const text = payloadText(outcome.payload);
      if (text !== exp.payloadText) return `${c.id}: payload differs: expected ${JSON.stringify(exp.payloadText)}, got ${JSON.stringify(text)}`;
    }
    return null;
  }
  if (outcome.ok) return `${c.id}: expected ${exp.code}, but verification succeeded`;
  const e = outcome.error as { name?: unknown; code?: unknown; claim?: unknown; message?: unknown } | null | undefined;
  if (e === null || typeof e !== 'object') return `${c.id}: expected ${exp.code}, got a thrown ${typeof e}`;
  if (e.code !== exp.code) return `${c.id}: expected ${exp.code}, got ${String(e.code)}: ${String(e.message)}`;
  if (e.name !== 'JoseError') return `${c.id}: expected a JoseError, got ${String(e.name)}`;
  if (typeof e.message !== 'string' || e.message.length === 0) return `${c.id}: the error has no message`;
  if (exp.claim !== undefined && e.claim !== exp.claim) return `${c.id}: expected error.claim ${exp.claim}, got ${String(e.claim)}`;
  for (const s of secretsOf(c)) {
    if (e.message.includes(s)) return `${c.id}: the error message contains the token or key material`;
  }
  const message = e.message.toLowerCase();
  for (const fact of exp.messageIncludes ?? []) {
    if (!message.includes(fact.toLowerCase())) return `${c.id}: the message does not name ${JSON.stringify(fact)}: ${e.message}`;
  }
  return null;
}

/**
 * Run `verify` and check what it did against the case.
 *
 * @example
 * ```ts
 * expect(await runCase(c, () => verifyJwt(c.token, key, toVerifyOptions(c.options)))).toBeNull();
 * ```
 */
export async function runCase(c: VerifyCase, verify: () => Promise<{ payload: unknown; header?: unknown }> | { payload: unknown; header?: unknown }): Promise<string | null> {
  let outcome: Outcome;
  try {
    const r = await verify();
    outcome = { ok: true, payload: r.payload, header: r.header };
  } catch (error) {
    outcome = { ok: false, error };
  }
  return checkOutcome(c, outcome);
}
