/**
 * What every example app's server checks before a request reaches the framework, so the three
 * apps answer malformed requests alike (docs/reliability.md, "Malformed HTTP"):
 *
 * - More than one `Authorization` or `Cookie` field line is refused with 400. Authorization is not
 *   a list field (RFC 9110 §11.6.2) and a user agent sends one Cookie line (RFC 6265 §5.4); Node
 *   keeps the first Authorization and joins Cookie lines, so without this check a request carrying
 *   two credentials would be judged on whichever a proxy and the app each happened to pick.
 * - An absolute-form target (`GET http://host/path`, RFC 9112 §3.2.2) is reduced to its path and
 *   query, as the core already does: a request line never chooses the host the app sees (Next.js
 *   would otherwise answer it with a redirect to that host).
 */
import { adapterRefusal, errorResponse } from '@tessera/jwt-core/server';

const SINGLE = new Set(['authorization', 'cookie']);

/** The name of a credential field that appears on more than one line, if any. */
function repeatedCredential(rawHeaders) {
  let seen;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i].toLowerCase();
    if (!SINGLE.has(name)) continue;
    if (seen?.has(name)) return name;
    (seen ??= new Set()).add(name);
  }
  return undefined;
}

/** Answers `res` with the core's refusal for `error`; true, for the caller to return. */
function refuse(res, error) {
  const response = errorResponse(error);
  res.statusCode = response.status;
  for (const [name, value] of response.headers) res.setHeader(name, value);
  void response.text().then((body) => res.end(body), () => res.end());
  return true;
}

/**
 * Checks `req`: true when it answered it (a refusal), false when the app should handle the request
 * (its target then in origin-form). Synchronous: an accepted request waits for nothing.
 *
 * @example
 * ```js
 * createServer((req, res) => { if (!guardRequest(req, res)) handler(req, res); });
 * ```
 */
export function guardRequest(req, res) {
  const repeated = repeatedCredential(req.rawHeaders);
  if (repeated !== undefined) {
    const field = repeated === 'cookie' ? 'Cookie' : 'Authorization';
    return refuse(res, adapterRefusal('bad_request', { message: `the request has more than one ${field} header line; send one` }));
  }
  const target = req.url ?? '/';
  if (!target.startsWith('/') && target !== '*') {
    const url = URL.canParse(target) ? new URL(target) : undefined;
    if (url?.protocol !== 'http:' && url?.protocol !== 'https:') {
      return refuse(res, adapterRefusal('bad_request', { message: 'the request target is neither a path nor an http(s) URL' }));
    }
    req.url = `${url.pathname}${url.search}`;
  }
  return false;
}
