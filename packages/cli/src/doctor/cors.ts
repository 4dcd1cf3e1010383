/**
 * The CORS preflight a browser on another origin makes before calling the auth routes with
 * credentials (refresh, sign-in): without an answer naming that origin and allowing credentials,
 * the browser never sends the request.
 */
import { probe, type Send } from './probe.js';
import type { DoctorFinding } from './types.js';

/**
 * The preflight for `POST <basePath>/refresh` from `frontEnd`.
 *
 * @example
 * ```ts
 * await corsFinding(new URL('https://api.example.com'), '/auth', 'https://app.example.com');
 * ```
 */
export async function corsFinding(origin: URL, basePath: string, frontEnd: string | undefined, send: Send = probe): Promise<DoctorFinding> {
  if (frontEnd === undefined) return { check: 'cors', status: 'skipped', message: 'no --origin given: the CORS preflight of a front end on another origin was not checked' };
  const url = new URL(`${basePath.replace(/\/$/, '')}/refresh`, origin);
  const r = await send(url, { method: 'OPTIONS', headers: { origin: frontEnd, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
  const allowOrigin = r.headers['access-control-allow-origin'];
  const credentials = r.headers['access-control-allow-credentials'];
  if (r.status !== undefined && r.status < 300 && allowOrigin === frontEnd && credentials === 'true') {
    return { check: 'cors', status: 'ok', message: `the preflight of POST ${url.pathname} from ${frontEnd} is allowed, with credentials` };
  }
  const got = r.error !== undefined ? `failed (${r.error})` : `answered ${r.status} with Access-Control-Allow-Origin ${allowOrigin ?? '(none)'} and Access-Control-Allow-Credentials ${credentials ?? '(none)'}`;
  return {
    check: 'cors', status: 'problem',
    message: `the CORS preflight of POST ${url.pathname} from ${frontEnd} ${got}: a browser on that origin cannot call the auth routes with cookies`,
    hint: 'serve the front end and the API from one origin (a reverse-proxy path), or answer preflights for that exact origin with Access-Control-Allow-Credentials: true in front of the auth routes (never *), and list it in allowedOrigins; or use the bearer transport',
  };
}
