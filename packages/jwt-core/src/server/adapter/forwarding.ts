/**
 * Which scheme and host a request was made for, and what the forwarding headers say: the
 * trust-proxy policy every adapter shares. Without trust, any client could send `X-Forwarded-Proto:
 * https` and get `Secure` cookies issued for a plain-http origin, or name the host the core
 * builds URLs and CSRF origins from; so they are believed only from a trusted peer.
 */
import { adapterRefusal } from './refusal.js';

/**
 * Whether to believe `X-Forwarded-Proto`, `X-Forwarded-Host` and `X-Forwarded-For`. `true` trusts
 * every peer (only behind a proxy that sets them); a function decides from the connecting peer's
 * address, e.g. `(ip) => ip === '10.0.0.2'`. Default: false.
 */
export type TrustProxy = boolean | ((remoteAddress: string | undefined) => boolean);

/** The forwarding headers: hidden from the core unless the peer is trusted. */
export const FORWARDING_HEADERS: readonly string[] = ['forwarded', 'x-forwarded-proto', 'x-forwarded-host', 'x-forwarded-for'];

// A host name, IPv4 or bracketed IPv6 literal, and an optional port (RFC 9110 §7.2).
const HOST = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~-]+)(?::\d{1,5})?$/;

/** What an adapter knows of the connection and the request line, before any header is trusted. */
export interface Connection {
  /** TLS on this hop. */
  readonly encrypted: boolean;
  /** The connecting peer's address. */
  readonly remoteAddress: string | undefined;
  /** The request-target as received (origin-form `/path?q`, or absolute-form). */
  readonly target: string;
  /** A header's value (lower-case name; repeated ones joined with ", "), or undefined. */
  header(name: string): string | undefined;
}

function first(value: string | undefined): string | undefined {
  const head = value?.split(',')[0]?.trim();
  return head === '' ? undefined : head;
}

/** Whether the forwarding headers of this connection are believed. */
export function isTrusted(conn: Connection, trust: TrustProxy | undefined): boolean {
  return typeof trust === 'function' ? trust(conn.remoteAddress) === true : trust === true;
}

/** Scheme and host the client asked for, from the connection and Host (or trusted forwarding); validated. */
export function authorityOf(conn: Connection, trusted: boolean): { proto: string; host: string } {
  const forwardedProto = trusted ? first(conn.header('x-forwarded-proto'))?.toLowerCase() : undefined;
  const proto = forwardedProto === 'https' || forwardedProto === 'http' ? forwardedProto : conn.encrypted ? 'https' : 'http';
  const host = (trusted ? first(conn.header('x-forwarded-host')) : undefined) ?? conn.header('host') ?? conn.header(':authority') ?? 'localhost';
  if (!HOST.test(host)) throw adapterRefusal('bad_request', { message: 'the Host header is not a valid host[:port]' });
  return { proto, host };
}

/** The absolute URL the client asked for, on the authority from {@link authorityOf}. */
export function urlOf(conn: Connection, authority: { proto: string; host: string }): URL {
  // Origin-form targets start with '/'; absolute-form ones keep only their path, so a request line
  // can never change the scheme or host the core sees. '//x' stays a path, not a host.
  let target = conn.target === '' ? '/' : conn.target;
  if (!target.startsWith('/')) {
    try {
      const parsed = new URL(target);
      target = parsed.pathname + parsed.search;
    } catch {
      target = '/';
    }
  }
  try {
    return new URL(`${authority.proto}://${authority.host}${target}`);
  } catch {
    throw adapterRefusal('bad_request', { message: 'the request target is not a valid URL path' });
  }
}

/**
 * The value a header has for the core: without trust, the client's forwarding headers are hidden
 * and `X-Forwarded-For` is the connecting peer. Undefined for other headers (no override).
 */
export function forwardedOverride(conn: Connection, name: string, trusted: boolean): { value: string | undefined } | undefined {
  if (trusted || !FORWARDING_HEADERS.includes(name)) return undefined;
  return { value: name === 'x-forwarded-for' ? conn.remoteAddress : undefined };
}
