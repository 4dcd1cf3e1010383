/**
 * The adapter conformance suite (`@tessera/test-vectors/adapters`): the cases every framework
 * adapter (@tessera/node, Koa, Next.js) runs unchanged over real HTTP, so that adapters cannot
 * drift apart (STYLE.md, "Adapters and stores"). The suite builds a real auth layer per case with
 * the core functions it is given, and starts the adapter with a factory the adapter provides.
 *
 * THE APP CONTRACT: the server a {@link StartAdapter} starts (on 127.0.0.1, port 0) serves
 * - everything `auth.handle(request)` answers (`POST /auth/login`, `/auth/refresh`, `/auth/logout`,
 *   `/auth/logout-all`, `GET /auth/session`, `GET /.well-known/jwks.json`); whatever it answers
 *   `null` for (other paths, and OPTIONS) goes to the app routes below;
 * - `GET /`: 200 JSON, public;
 * - `GET`/`HEAD`/`POST /api/me`: authentication required (`auth.authenticate`), then 200 JSON
 *   `{ "claims": <verified claims> }`, with the result's headers (Set-Cookie and Cache-Control after
 *   a transparent refresh) on the response;
 * - `GET /api/admin`: `{ roles: ['admin'] }` required (`auth.require`), then 200 JSON
 *   `{ "admin": true, "sub": <claims.sub> }`;
 * - `GET /api/fail`: authentication required, then the app's handler throws
 *   `new Error(APP_FAILURE_MESSAGE)`: the answer must be 500 (not an auth error), without the message;
 * - anything else: 404; when the body is JSON it is the core's refusal format with code
 *   `ERR_AUTH_NOT_FOUND` (`errorResponse(adapterRefusal('not_found'))`, or the adapter's own 404).
 * Refusals are the core's responses, sent as they are; internal errors go to `setup.onError`; the
 * adapter's trust-proxy setting is `setup.trustProxy`.
 *
 * @example
 * ```ts
 * import * as core from '@tessera/jwt-core';
 * import { createAuth, createMemoryStore } from '@tessera/jwt-core/server';
 * import { adapterCases, adapterHarness } from '@tessera/test-vectors/adapters';
 *
 * const harness = adapterHarness({ api: { ...core, createAuth, createMemoryStore }, start: startMyAdapter });
 * for (const c of adapterCases()) it(c.title, () => c.run(harness));
 * ```
 */
import { cookieCases } from './cases-cookies.js';
import { failClosedCases } from './cases-fail-closed.js';
import { lifecycleCases } from './cases-lifecycle.js';
import { requestCases } from './cases-requests.js';
import { routeCases } from './cases-routes.js';
import { vectorCases } from './cases-vectors.js';
import type { AdapterCase } from './types.js';

export type * from './types.js';
export { adapterHarness, testUsers, START, ISSUER, AUDIENCE } from './harness.js';
export { APP_FAILURE_MESSAGE, SECRET_MARKER } from './expect.js';
export { parseSetCookie } from './client.js';
export { appliesToAdapters } from './cases-vectors.js';

/**
 * Every case: routes, the life cycle per transport, cookies (lines, CSRF, trust proxy), requests
 * (token sources, limits, concurrency), fail closed, then one case per applicable negative vector.
 * A fresh array of immutable cases; ids and titles are unique.
 *
 * @example
 * ```ts
 * for (const c of adapterCases()) it(c.title, () => c.run(harness));
 * ```
 */
export function adapterCases(): AdapterCase[] {
  return [...routeCases, ...lifecycleCases, ...cookieCases, ...requestCases, ...failClosedCases, ...vectorCases()];
}

/**
 * One case by its id, or undefined.
 *
 * @example
 * ```ts
 * await adapterCase('fail-closed/store-rejects')!.run(harness);
 * ```
 */
export function adapterCase(id: string): AdapterCase | undefined {
  return adapterCases().find((c) => c.id === id);
}
