/**
 * What every answer must look like, as functions returning null (kept) or what went wrong, in the
 * style of the security suite (`attempt.ts`): a check passes several to `first` and reports the first.
 */
import type { Answer } from './client.js';

/** A compact JWS anywhere in a text: a token in an error message or a readable cookie. */
export const JWS = /eyJ[\w-]+\.[\w-]+\.[\w-]+/;

function show(answer: Answer): string {
  const body = answer.body === undefined ? '(not a JSON object)' : JSON.stringify(answer.body);
  return `${answer.status} ${body.length > 300 ? `${body.slice(0, 300)}…` : body}`;
}

/** Every answer of an example app is JSON and not cached. */
function jsonNoStore(what: string, answer: Answer): string | null {
  const type = answer.headers.get('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) return `${what}: content-type ${JSON.stringify(type)}, expected JSON`;
  if (answer.body === undefined) return `${what}: the body is not a JSON object`;
  return null;
}

/** The answer has `status` and a JSON object body. */
export function status(what: string, answer: Answer, expected: number): string | null {
  if (answer.status !== expected) return `${what}: answered ${show(answer)}, expected ${expected}`;
  return jsonNoStore(what, answer);
}

/**
 * A refusal: `status`, and the core's error body `{ error, message, hint? }` and nothing else, with
 * the expected code, a message, no token in it, and `Cache-Control: no-store`.
 */
export function refusal(what: string, answer: Answer, expected: number, code: string | readonly string[]): string | null {
  const bad = status(what, answer, expected);
  if (bad !== null) return bad;
  const body = answer.body!;
  const codes = typeof code === 'string' ? [code] : code;
  const extra = Object.keys(body).filter((k) => k !== 'error' && k !== 'message' && k !== 'hint');
  if (extra.length > 0) return `${what}: the error body has members beyond error, message, hint: ${extra.join(', ')}`;
  if (!codes.includes(String(body['error']))) return `${what}: error ${JSON.stringify(body['error'])}, expected ${codes.join(' or ')}`;
  if (typeof body['message'] !== 'string' || body['message'] === '') return `${what}: the error has no message`;
  if (body['hint'] !== undefined && typeof body['hint'] !== 'string') return `${what}: hint is not a string`;
  if (JWS.test(`${String(body['message'])} ${String(body['hint'] ?? '')}`)) return `${what}: the error message contains a token`;
  if (!/no-store/i.test(answer.headers.get('cache-control') ?? '')) return `${what}: a refusal without Cache-Control: no-store`;
  return null;
}

/** A member of the body, with the expected value (compared as JSON). */
export function member(what: string, answer: Answer, path: string, expected: unknown): string | null {
  const actual = valueAt(answer.body, path);
  if (JSON.stringify(actual) !== JSON.stringify(expected)) return `${what}: ${path} is ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`;
  return null;
}

/** A member of the body of a type (`'string'`, `'number'`, `'object'`). */
export function typed(what: string, answer: Answer, path: string, type: string): string | null {
  const actual = valueAt(answer.body, path);
  if (typeof actual !== type || actual === null || actual === '') return `${what}: ${path} is ${JSON.stringify(actual)}, expected a ${type}`;
  return null;
}

/** A member the body must not have. */
export function absent(what: string, answer: Answer, path: string): string | null {
  return valueAt(answer.body, path) === undefined ? null : `${what}: the body has ${path}, which it must not`;
}

/** `a.b.c` in a JSON value. */
export function valueAt(value: unknown, path: string): unknown {
  let v = value;
  for (const key of path.split('.')) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** The first failure among results computed on one answer, or null. */
export function first(...results: Array<string | null>): string | null {
  return results.find((r) => r !== null) ?? null;
}
