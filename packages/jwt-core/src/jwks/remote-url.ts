/**
 * Which URLs a remote key set may fetch. Keys fetched over plain HTTP can be replaced by anyone on
 * the path, which turns every token check into "trust the network" (RFC 8725 §3.10 asks for a
 * trusted key source), so only HTTPS is accepted, except for loopback addresses used in
 * development and tests. The URL always comes from the caller's configuration, never from a
 * token: `jku` and `x5u` headers are not looked at (RFC 8725 §3.10).
 */
import { invalidOption, joseError } from '../lib/errors.js';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Whether `url` points at this machine (`localhost`, `127.0.0.0/8`, `::1`). */
export function isLoopback(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  return LOOPBACK_HOSTS.has(host) || /^127(?:\.\d{1,3}){3}$/.test(host) || host.endsWith('.localhost');
}

/** The URL as it may appear in messages: no credentials, no query string (both can carry secrets). */
export function displayUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

export interface UrlPolicy {
  /** Allow `http:` to hosts other than loopback; ignored in production. */
  allowHttp: boolean;
  production: boolean;
}

/** Parse and check a configured endpoint URL; `what` names the option in messages. */
export function checkEndpointUrl(input: string | URL, what: string, policy: UrlPolicy): URL {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw invalidOption(`${what} is not an absolute URL`, 'pass the full URL, e.g. https://login.example.com/.well-known/jwks.json');
  }
  if (url.username !== '' || url.password !== '') {
    throw invalidOption(`${what} must not carry credentials in the URL`, 'send credentials through the fetch option instead');
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:') {
    if (isLoopback(url)) return url;
    if (policy.allowHttp && !policy.production) return url;
    throw invalidOption(
      `${what} ${displayUrl(url)} uses plain HTTP${policy.production ? ' in production' : ''}; keys fetched over HTTP can be replaced by anyone on the network`,
      policy.production
        ? 'use the https:// URL of the endpoint (plain HTTP is only accepted for localhost, 127.0.0.1 and ::1)'
        : 'use https://, or pass allowHttp: true for a development network (it is refused when NODE_ENV=production)',
    );
  }
  throw invalidOption(`${what} must be an https:// URL; got the scheme ${url.protocol}`, 'keys are fetched over HTTPS only');
}

/** After redirects, the final URL must still satisfy the policy (an https endpoint redirecting to http is refused). */
export function checkFinalUrl(responseUrl: string, requested: URL, policy: UrlPolicy): void {
  if (responseUrl === '' || responseUrl === requested.href) return;
  let url: URL;
  try {
    url = new URL(responseUrl);
  } catch {
    return;
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && (isLoopback(url) || (policy.allowHttp && !policy.production)))) return;
  throw joseError('ERR_JWKS_INVALID', `the request to ${displayUrl(requested)} was redirected to ${displayUrl(url)}, which is not HTTPS`, {
    reason: 'redirect',
    hint: 'configure the final https:// URL of the endpoint',
  });
}
