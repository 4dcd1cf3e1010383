/**
 * The security regression suite's entry points: the cases, a per-run context, and the rule that
 * decides whether a check can run in a given setting. Runtime-agnostic: no node:fs, no Node APIs.
 *
 * @example
 * ```ts
 * import * as core from '@tessera/jwt-core';
 * import * as server from '@tessera/jwt-core/server';
 * import { securityCases, securityContext, skipReason } from '@tessera/test-vectors/security';
 *
 * const api = { ...core, server };
 * const ctx = securityContext(api, 'webcrypto');
 * for (const c of securityCases()) {
 *   for (const check of c.checks) {
 *     if (skipReason(check, ctx, api) !== null) continue;
 *     const failure = await check.run(api, ctx);
 *     if (failure !== null) throw new Error(`${c.id}: ${failure}`);
 *   }
 * }
 * ```
 */
import { algorithmCases } from './cases-algorithms.js';
import { cacheCases } from './cases-cache.js';
import { claimCases } from './cases-claims.js';
import { httpCases } from './cases-http.js';
import { jweCases } from './cases-jwe.js';
import { keyFormatCases } from './cases-key-formats.js';
import { keyCases } from './cases-keys.js';
import { signatureCases } from './cases-signatures.js';
import type { SecurityApi, SecurityBackend, SecurityCase, SecurityCheck, SecurityContext } from './types.js';

export type * from './types.js';
export { NOW, NOW_DATE, ISSUER, AUDIENCE, refused, accepted } from './attempt.js';

/** Algorithms a backend does not implement (RSA is not in noble: STYLE.md). */
export const SECURITY_BACKEND_GAPS: Readonly<Record<SecurityBackend, readonly string[]>> = {
  node: [],
  webcrypto: [],
  noble: ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'RSA-OAEP', 'RSA-OAEP-256'],
};

/**
 * Every case, in the order of issue 7 (algorithms, signatures, claims, keys, JWE, cache, HTTP).
 * A fresh array of the same case objects: the cases are immutable data plus functions.
 */
export function securityCases(): SecurityCase[] {
  return [...algorithmCases, ...keyFormatCases, ...signatureCases, ...claimCases, ...keyCases, ...jweCases, ...cacheCases, ...httpCases];
}

/** One case by its ID or one of its aliases. */
export function securityCase(id: string): SecurityCase | undefined {
  return securityCases().find((c) => c.id === id || c.aliases.includes(id));
}

const pairs = new WeakMap<SecurityApi, Map<string, Promise<{ privateKey: unknown; publicKey: unknown }>>>();

/**
 * The context for one run on `backend` (undefined: the implementation's choice). Key pairs are
 * generated once per API object and shared between runs, so forcing three backends costs one
 * RSA key generation. `setNow` is the runner's clock control (fake timers), when it has one.
 */
export function securityContext(api: SecurityApi, backend: SecurityBackend | undefined, options: { setNow?: (ms: number | undefined) => void } = {}): SecurityContext {
  let cache = pairs.get(api);
  if (cache === undefined) pairs.set(api, (cache = new Map()));
  const memo = cache;
  return {
    backend,
    keyPair(spec) {
      let p = memo.get(spec);
      if (p === undefined) {
        const [alg, crv] = spec.split('+');
        p = api.generateKeyPair(alg!, crv === undefined ? { extractable: false } : { crv });
        memo.set(spec, p);
      }
      return p;
    },
    ...(options.setNow === undefined ? {} : { setNow: options.setNow }),
  };
}

/** Why `check` cannot run in this setting, or null when it can. */
export function skipReason(check: SecurityCheck, ctx: SecurityContext, api: SecurityApi): string | null {
  if (check.server === true && api.server === undefined) return 'needs the auth layer (api.server)';
  if (check.clock === true && ctx.setNow === undefined) return 'needs a controllable clock (ctx.setNow)';
  const gaps = ctx.backend === undefined ? [] : SECURITY_BACKEND_GAPS[ctx.backend];
  const missing = (check.algs ?? []).filter((a) => gaps.includes(a));
  return missing.length === 0 ? null : `the ${ctx.backend} backend has no ${missing.join(', ')}`;
}
