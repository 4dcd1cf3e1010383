/**
 * How close a token is to the limits it meets on the way: a browser keeps at most 4096 bytes per
 * cookie (RFC 6265 §6.1: name, value and attributes), and proxies and servers refuse a request
 * header line over 8 KB by default (nginx `large_client_header_buffers 4 8k`, Apache
 * `LimitRequestFieldSize 8190`). Past 75% of a limit the token is "near" it.
 */
import type { Finding, SizeLimit } from './types.js';

export const COOKIE_LIMIT = 4096;
export const HEADER_LIMIT = 8192;
const NEAR = 0.75;
/** The auth layer's access cookie as it is set over HTTPS (cookie transport). */
const COOKIE = '__Host-tessera-at';
const ATTRIBUTES = '; Path=/; Max-Age=900; Secure; HttpOnly; SameSite=Lax';

function limit(name: SizeLimit['name'], as: string, bytes: number, max: number): SizeLimit {
  const percent = Math.round((bytes / max) * 100);
  return { name, as, bytes, limit: max, percent, status: bytes > max ? 'over' : bytes >= max * NEAR ? 'near' : 'ok' };
}

/** The token's size and where it stands against the cookie and header limits. */
export function sizeOf(token: string): { bytes: number; limits: SizeLimit[] } {
  const bytes = Buffer.byteLength(token);
  return {
    bytes,
    limits: [
      limit('cookie', `the cookie ${COOKIE}=<token> with its attributes`, Buffer.byteLength(`${COOKIE}=${token}${ATTRIBUTES}`), COOKIE_LIMIT),
      limit('header', 'the request header Authorization: Bearer <token>', Buffer.byteLength(`Authorization: Bearer ${token}`), HEADER_LIMIT),
    ],
  };
}

/** A warning for each limit the token is near or over. */
export function sizeFindings(limits: readonly SizeLimit[]): Finding[] {
  return limits.filter((l) => l.status !== 'ok').map((l) => l.name === 'cookie'
    ? {
      code: l.status === 'over' ? 'over-cookie-limit' : 'near-cookie-limit',
      message: `${l.as} is ${l.bytes} bytes, ${l.status === 'over' ? 'over' : 'near'} the ${l.limit}-byte limit browsers keep per cookie`,
      hint: 'browsers drop an oversized cookie silently (the user then looks signed out): keep claims small (ids, not profiles), or let the auth layer split the cookie (cookies.chunkSize)',
    }
    : {
      code: l.status === 'over' ? 'over-header-limit' : 'near-header-limit',
      message: `${l.as} is ${l.bytes} bytes, ${l.status === 'over' ? 'over' : 'near'} the ${l.limit}-byte header limit of common proxies and servers`,
      hint: 'a proxy answers 431 or 400 (or drops the connection) before your app sees the request: keep claims small, or raise the limit on every hop (nginx large_client_header_buffers)',
    });
}
