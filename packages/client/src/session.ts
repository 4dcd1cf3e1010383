/**
 * What this client knows of its session, per transport: in bearer the tokens themselves (in the
 * storage); in cookie and split the browser holds the tokens, and the client keeps when the access
 * token expires (from the server's `expires_in`, or, in split, from the readable cookie).
 * Expiry is counted on this machine's clock from `expires_in`, so a skewed client clock does not
 * make it refresh too early or too late.
 */
import { documentCookie, expiryOf, payloadOf, readableCookie } from './claims.js';
import { AuthClientError } from './errors.js';
import type { ResolvedOptions, Transport } from './options.js';
import type { StoredTokens } from './storage.js';

/** The session as `client.session()` reports it. */
export interface Session {
  /** The access token's claims (`sub`, `roles`, `exp`…), as the server issued them. */
  claims: Record<string, unknown>;
  /** When the access token expires, ms since the epoch, when known. */
  expiresAt: number | undefined;
  transport: Transport;
}

/** What a call is sent with, to tell later whether a refresh has happened since. */
export interface Sent {
  token: string | undefined;
  expiresAt: number | undefined;
  /** When `expiresAt` was learned (ms): a refresh by another tab after it makes it stale. */
  knownAt: number;
}

/** The session knowledge of one client. */
export interface SessionState {
  /** The access token to send (bearer) and when it expires, as known now. */
  current(): Promise<Sent>;
  /** Takes a login or refresh answer's body; returns the session it describes. */
  adopt(body: unknown): Promise<Session>;
  /** cookie: another tab refreshed, and its access cookie now expires at `expiresAt`. */
  heard(expiresAt: number, at: number): void;
  /** The session as known locally (bearer: the storage; split: the readable cookie), or null. */
  local(): Promise<Session | null>;
  clear(): Promise<void>;
}

function bodyError(what: string): AuthClientError {
  return new AuthClientError('ERR_CLIENT_BAD_RESPONSE', `the ${what} answer is not the auth layer's session JSON`, {
    hint: 'check that the server\'s transport matches the client\'s transport option',
  });
}

function seconds(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** The session state for the resolved options. */
export function createSessionState(o: ResolvedOptions): SessionState {
  let cookieExpiresAt: number | undefined;
  let knownAt = 0;
  let cookieClaims: Record<string, unknown> | undefined;

  const fromCookie = (): Session | null => {
    const cookies = documentCookie();
    const half = cookies === undefined ? undefined : readableCookie(cookies, o.cookieName);
    const claims = half === undefined ? undefined : payloadOf(half);
    return claims === undefined ? null : { claims, expiresAt: expiryOf(claims), transport: o.transport };
  };

  if (o.transport === 'bearer') {
    return {
      async current() {
        const t = await o.storage.get();
        return { token: t?.accessToken, expiresAt: t?.accessExpiresAt, knownAt: Date.now() };
      },
      async adopt(body) {
        const b = body as Record<string, unknown> | null;
        const expiresIn = seconds(b?.expires_in);
        const refreshIn = seconds(b?.refresh_expires_in);
        if (typeof b?.access_token !== 'string' || typeof b.refresh_token !== 'string' || expiresIn === undefined || refreshIn === undefined) throw bodyError('sign-in or refresh');
        const claims = (typeof b.claims === 'object' && b.claims !== null ? b.claims : payloadOf(b.access_token) ?? {}) as Record<string, unknown>;
        const now = Date.now();
        const tokens: StoredTokens = { accessToken: b.access_token, refreshToken: b.refresh_token, accessExpiresAt: now + expiresIn * 1000, refreshExpiresAt: now + refreshIn * 1000, claims };
        await o.storage.set(tokens);
        return { claims, expiresAt: tokens.accessExpiresAt, transport: o.transport };
      },
      heard: () => undefined,
      async local() {
        const t = await o.storage.get();
        return t ? { claims: t.claims, expiresAt: t.accessExpiresAt, transport: o.transport } : null;
      },
      clear: async () => o.storage.clear(),
    };
  }

  return {
    async current() {
      if (o.transport === 'split') return { token: undefined, expiresAt: fromCookie()?.expiresAt, knownAt: Date.now() };
      return { token: undefined, expiresAt: cookieExpiresAt, knownAt };
    },
    async adopt(body) {
      const b = body as Record<string, unknown> | null;
      const expiresIn = seconds(b?.expires_in);
      if (expiresIn === undefined) throw bodyError('sign-in or refresh');
      knownAt = Date.now();
      cookieExpiresAt = knownAt + expiresIn * 1000;
      cookieClaims = typeof b?.claims === 'object' && b.claims !== null ? (b.claims as Record<string, unknown>) : undefined;
      return { claims: cookieClaims ?? {}, expiresAt: cookieExpiresAt, transport: o.transport };
    },
    heard(expiresAt, at) {
      if (at < knownAt) return;
      knownAt = at;
      cookieExpiresAt = expiresAt;
    },
    async local() {
      if (o.transport === 'split') return fromCookie();
      return cookieClaims === undefined || (cookieExpiresAt ?? 0) <= Date.now() ? null : { claims: cookieClaims, expiresAt: cookieExpiresAt, transport: o.transport };
    },
    async clear() {
      cookieExpiresAt = undefined;
      cookieClaims = undefined;
    },
  };
}
