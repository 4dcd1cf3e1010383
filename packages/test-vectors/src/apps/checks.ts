/**
 * The contract's checks in the order they must run against one app instance, and the target with
 * its defaults. Runtime-agnostic: `fetch`, `Headers` and Web Crypto only.
 */
import { publicChecks } from './checks-public.js';
import { sessionChecks } from './checks-session.js';
import { signInChecks } from './checks-sign-in.js';
import { DEFAULT_ACCESS_TTL_SECONDS } from './contract.js';
import type { AppCheck, AppTarget, AppTransport, ResolvedTarget } from './types.js';

const TRANSPORTS: readonly AppTransport[] = ['cookie', 'bearer', 'split'];

/**
 * The checks that apply to `transport`, in order (public routes, sign-in, the session's life;
 * logout-all last). Each check starts its own clients, so one failing does not break the next.
 *
 * @example
 * ```ts
 * for (const check of appContractChecks('bearer')) {
 *   it(check.name, async () => expect(await check.run(resolveTarget(target))).toBeNull());
 * }
 * ```
 */
export function appContractChecks(transport: AppTransport): AppCheck[] {
  if (!TRANSPORTS.includes(transport)) throw new TypeError(`transport must be cookie, bearer or split; got ${JSON.stringify(transport)}`);
  return [...publicChecks, ...signInChecks, ...sessionChecks].filter((c) => c.transports === undefined || c.transports.includes(transport));
}

/**
 * The target with its defaults: `origin` is `baseUrl`, `accessTtlSeconds` the contract's 600.
 *
 * @example
 * ```ts
 * resolveTarget({ baseUrl: 'http://127.0.0.1:3000/', transport: 'cookie' });
 * // { baseUrl: 'http://127.0.0.1:3000', transport: 'cookie', origin: 'http://127.0.0.1:3000', accessTtlSeconds: 600, signingKid: undefined }
 * ```
 */
export function resolveTarget(target: AppTarget): ResolvedTarget {
  const baseUrl = new URL(target.baseUrl).origin;
  return {
    baseUrl,
    transport: target.transport,
    origin: target.origin === undefined ? baseUrl : new URL(target.origin).origin,
    accessTtlSeconds: target.accessTtlSeconds ?? DEFAULT_ACCESS_TTL_SECONDS,
    signingKid: target.signingKid,
  };
}

/**
 * Runs every check for the target in order; the failures (an empty list when the app keeps the contract).
 *
 * @example
 * ```ts
 * const failures = await runAppContract({ baseUrl: app.url, transport: 'split', accessTtlSeconds: 2 });
 * if (failures.length > 0) throw new Error(failures.map((f) => `${f.check}: ${f.failure}`).join('\n'));
 * ```
 */
export async function runAppContract(target: AppTarget): Promise<Array<{ check: string; failure: string }>> {
  const resolved = resolveTarget(target);
  const failures: Array<{ check: string; failure: string }> = [];
  for (const check of appContractChecks(resolved.transport)) {
    let failure: string | null;
    try {
      failure = await check.run(resolved);
    } catch (error) {
      failure = `threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
    }
    if (failure !== null) failures.push({ check: check.name, failure });
  }
  return failures;
}
