/** Running one attempt and describing what happened, for checks that return `string | null`. */

/** The fixed instant every check signs and verifies at: 2026-09-21, as in the negative vectors. */
export const NOW = 1_790_000_000;
export const NOW_DATE = new Date(NOW * 1000);
export const ISSUER = 'https://issuer.example';
export const AUDIENCE = 'api://tessera-tests';

/** Claims valid at {@link NOW}. */
export function claims(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { iss: ISSUER, sub: 'user-1', aud: AUDIENCE, iat: NOW - 60, exp: NOW + 3600, ...extra };
}

function describe(error: unknown): string {
  if (error !== null && typeof error === 'object') {
    const e = error as { name?: unknown; code?: unknown; message?: unknown };
    return `${String(e.name)} ${String(e.code ?? '')}: ${String(e.message)}`.slice(0, 300);
  }
  return `a thrown ${typeof error}: ${String(error)}`;
}

/**
 * null when `attempt` throws (or rejects with) a JoseError with `code`; otherwise what it did.
 * `code` may be a list when more than one stable code is a correct refusal.
 */
export async function refused(what: string, code: string | readonly string[], attempt: () => unknown): Promise<string | null> {
  const codes = typeof code === 'string' ? [code] : code;
  try {
    await attempt();
  } catch (error) {
    const e = error as { name?: unknown; code?: unknown } | null;
    if (e !== null && typeof e === 'object' && e.name === 'JoseError' && codes.includes(String(e.code))) return null;
    return `${what}: expected ${codes.join(' or ')}, got ${describe(error)}`;
  }
  return `${what}: accepted, expected ${codes.join(' or ')}`;
}

/** null when `attempt` succeeds; otherwise the error. Used for the positive control of a check. */
export async function accepted(what: string, attempt: () => unknown): Promise<string | null> {
  try {
    await attempt();
    return null;
  } catch (error) {
    return `${what}: expected success (control), got ${describe(error)}`;
  }
}

/** Run `check` on each item in order; the first failure, or null. */
export async function firstFailure<T>(items: Iterable<T>, check: (item: T) => Promise<string | null>): Promise<string | null> {
  for (const item of items) {
    const failure = await check(item);
    if (failure !== null) return failure;
  }
  return null;
}

/** Run attempts in order; the first failure, or null. */
export function all(...attempts: (() => Promise<string | null>)[]): Promise<string | null> {
  return firstFailure(attempts, (a) => a());
}

/** `backend` for an options object, when the runner forces one. */
export function withBackend(backend: string | undefined): { backend?: string } {
  return backend === undefined ? {} : { backend };
}
