/**
 * Assertions of the conformance cases. Each throws an Error naming the request and what was
 * expected and received, so a failing case reads as a diagnosis, not as "expected true".
 */
import type { Reply } from './types.js';

/** A string planted in every error the suite makes a part throw: it must never reach a client. */
export const SECRET_MARKER = 'password=hunter2-TESSERA-CONFORMANCE-SECRET';

/** The message of the error thrown by the app's `GET /api/fail` handler (it contains {@link SECRET_MARKER}). */
export const APP_FAILURE_MESSAGE = `the app's handler failed (${SECRET_MARKER})`;

/** Throws `message` unless `condition` holds. */
export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

function brief(reply: Reply): string {
  const body = reply.body.length > 240 ? `${reply.body.slice(0, 240)}...` : reply.body;
  return `${reply.status} ${body === '' ? '(empty body)' : body}`;
}

/** The reply has one of the `statuses`. */
export function expectStatus(reply: Reply, statuses: number | readonly number[], why = ''): void {
  const list = typeof statuses === 'number' ? [statuses] : statuses;
  check(list.includes(reply.status), `${reply.what}${why === '' ? '' : ` (${why})`}: expected ${list.join(' or ')}, got ${brief(reply)}`);
}

/** The reply is `status` with the JSON error body `{ error: code }` of the core; returns the body. */
export function expectError(reply: Reply, status: number, code: string, why = ''): Record<string, unknown> {
  expectStatus(reply, status, why);
  const body = reply.json();
  check(body.error === code, `${reply.what}${why === '' ? '' : ` (${why})`}: expected error ${code}, got ${String(body.error)} (${String(body.message)})`);
  check(typeof body.message === 'string' && body.message !== '', `${reply.what}: the ${code} body has no message`);
  return body;
}

/** A header's value, required to be present. */
export function header(reply: Reply, name: string): string {
  const value = reply.headers.get(name);
  check(value !== null, `${reply.what}: expected a ${name} header; got ${[...reply.headers.keys()].join(', ')}`);
  return value;
}

/** The reply carries no `Set-Cookie` line. */
export function expectNoCookies(reply: Reply, why = ''): void {
  check(reply.cookies.length === 0, `${reply.what}${why === '' ? '' : ` (${why})`}: expected no Set-Cookie, got ${reply.cookies.map((c) => c.name).join(', ')}`);
}

/** Neither the body nor any header of the reply contains `secret`. */
export function expectNotLeaked(reply: Reply, secret = SECRET_MARKER): void {
  check(!reply.body.includes(secret), `${reply.what}: the body leaks an internal error message (${secret})`);
  for (const [name, value] of reply.headers) check(!value.includes(secret), `${reply.what}: the ${name} header leaks an internal error message`);
}

/** The body's `claims.sub`, required to be `sub`. */
export function expectSub(reply: Reply, sub: string, why = ''): Record<string, unknown> {
  expectStatus(reply, 200, why);
  const claims = reply.json().claims as Record<string, unknown> | undefined;
  check(claims?.sub === sub, `${reply.what}${why === '' ? '' : ` (${why})`}: expected claims.sub ${sub}, got ${JSON.stringify(claims?.sub)}`);
  return claims;
}

/** The names of the reply's cookies, sorted. */
export function cookieNames(reply: Reply): string[] {
  return reply.cookies.map((c) => c.name).sort();
}
