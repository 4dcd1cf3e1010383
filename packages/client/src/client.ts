/**
 * `createAuthClient`: a `fetch` that keeps a Tessera session alive. Each call carries the session
 * (bearer: `Authorization`; cookie and split: the browser's cookies); shortly before the access
 * token expires it refreshes first; and when the server refuses a call because the access token
 * expired (RFC 6750 §3.1 `invalid_token`), it refreshes once and retries once. A refused refresh
 * ends the session once: `onSessionEnd` is called, and no call refreshes again until `signIn`.
 */
import { AuthClientError, readRefusal, refusalError } from './errors.js';
import { resolveOptions, type AuthClientOptions, type SessionEnd } from './options.js';
import { createRefresher, type Marker } from './refresh.js';
import { createSessionState, type Session } from './session.js';
import { createTabs, type TabMessage } from './tabs.js';

export interface AuthClient {
  /** `fetch`, with the session: relative URLs resolve against `baseUrl`. */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
  /** Signs in (`POST {basePath}/login` with the credentials as JSON). Throws the server's refusal. */
  signIn(credentials: Record<string, string>): Promise<Session>;
  /** Ends this session on the server (`/logout`) and forgets it here, even if the server cannot be reached (then it throws). */
  signOut(): Promise<void>;
  /** Ends every session of the user, on every device (`/logout-all`), then forgets this one. */
  signOutEverywhere(): Promise<void>;
  /** The current session, or null. bearer: from storage; split: the readable cookie; cookie: `GET {basePath}/session`. */
  session(): Promise<Session | null>;
  /** Stops listening to other tabs. */
  close(): void;
}

/** Refusals a refresh can cure: the access token expired (or, in the cookie transports, its cookie did). */
function curable(code: string | undefined, transport: string): boolean {
  return code === 'ERR_JWT_EXPIRED' || code === 'ERR_JWT_REVOKED' || (transport !== 'bearer' && code === 'ERR_TOKEN_MISSING');
}

function network(err: unknown, url: string): AuthClientError {
  return new AuthClientError('ERR_CLIENT_NETWORK', `fetch ${url} failed: ${err instanceof Error ? err.message : String(err)}`, { hint: 'the server could not be reached; try again', cause: err });
}

/**
 * Creates the client.
 *
 * @example
 * ```ts
 * const client = createAuthClient({ baseUrl: location.origin, transport: 'cookie', onSessionEnd: () => location.assign('/sign-in') });
 * await client.signIn({ username, password });
 * const me = await (await client.fetch('/api/me')).json();
 * ```
 */
export function createAuthClient(options: AuthClientOptions): AuthClient {
  const o = resolveOptions(options);
  const state = createSessionState(o);
  // 'unknown' until the client learns otherwise (a page that loads with cookies may have a session).
  let status: 'unknown' | 'active' | 'ended' = 'unknown';

  const end = async (why: SessionEnd, tell: boolean): Promise<void> => {
    const had = status === 'active' || (status === 'unknown' && why.code !== 'ERR_TOKEN_MISSING' && why.code !== 'ERR_CLIENT_NO_SESSION');
    status = 'ended';
    await state.clear();
    if (tell) tabs.post({ type: 'ended', end: why });
    if (had) o.onSessionEnd(why);
  };
  const heard = (message: TabMessage): void => {
    if (message.type === 'signed-in') status = 'active';
    else if (message.type === 'refreshed' && message.expiresAt !== undefined) state.heard(message.expiresAt, message.at);
    else if (message.type === 'ended' && status !== 'ended') void end(message.end, false);
  };
  const tabs = createTabs(o.refreshUrl.href, o.crossTab, heard);
  const refresher = createRefresher(o, state, tabs);

  const send = async (base: Request): Promise<{ response: Response; marker: Marker }> => {
    let sent = await state.current();
    if (status !== 'ended' && sent.expiresAt !== undefined && sent.expiresAt - Date.now() <= o.refreshMarginMs) {
      // Refresh first; if that fails for now (network), the token may still be valid: send it.
      const result = await refresher.ensureFresh({ generation: refresher.generation(), sentAt: sent.knownAt, token: sent.token }).catch(() => undefined);
      if (result?.ok === false) await end(result.end, true);
      sent = await state.current();
    }
    const marker = { generation: refresher.generation(), sentAt: Date.now(), token: sent.token };
    const request = new Request(base.clone(), o.transport === 'bearer' ? { credentials: 'omit' } : { credentials: o.credentials });
    if (sent.token !== undefined && !request.headers.has('authorization')) request.headers.set('authorization', `Bearer ${sent.token}`);
    const response = await o.fetch(request).catch((err: unknown) => Promise.reject(network(err, base.url)));
    return { response, marker };
  };

  const authFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const base = input instanceof Request ? new Request(input, init) : new Request(new URL(input, o.baseUrl), init);
    const first = await send(base);
    if (first.response.status !== 401 || status === 'ended') return first.response;
    const refusal = await readRefusal(first.response);
    if (!curable(refusal?.error, o.transport)) return first.response;
    const result = await refresher.ensureFresh(first.marker);
    if (!result.ok) {
      // A server that refreshes on every route has already tried, refused and deleted the refresh
      // cookie: its revocation, not the then-missing cookie, is why the session ended.
      const revoked = refusal?.error === 'ERR_JWT_REVOKED' && result.end.code === 'ERR_TOKEN_MISSING';
      await end(revoked ? { code: refusal.error, message: refusal.message, hint: refusal.hint } : result.end, true);
      return first.response;
    }
    status = 'active';
    return (await send(base)).response;
  };

  const post = async (url: URL, what: string, body?: unknown, withSession = false): Promise<Response> => {
    const init: RequestInit = { method: 'POST', headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? null : JSON.stringify(body) };
    if (withSession) return authFetch(url, init);
    const request = new Request(url, { ...init, credentials: o.transport === 'bearer' ? 'omit' : o.credentials });
    return o.fetch(request).catch((err: unknown) => Promise.reject(network(err, `${what} (${url.href})`)));
  };

  const forget = async (why: SessionEnd): Promise<void> => {
    status = 'ended';
    await state.clear();
    tabs.post({ type: 'ended', end: why });
  };

  return {
    fetch: authFetch,
    async signIn(credentials) {
      if (credentials === null || typeof credentials !== 'object') throw new AuthClientError('ERR_CLIENT_INVALID_OPTION', 'signIn needs the credentials as an object', { hint: "pass { username, password }" });
      const response = await post(o.loginUrl, 'the sign-in', credentials);
      if (!response.ok) throw await refusalError(response, 'the sign-in was refused');
      const session = await state.adopt(await response.json().catch(() => null));
      status = 'active';
      tabs.post({ type: 'signed-in', at: Date.now() });
      return session;
    },
    async signOut() {
      const tokens = o.transport === 'bearer' ? await o.storage.get() : undefined;
      const headers = tokens ? { authorization: `Bearer ${tokens.accessToken}` } : undefined;
      const request = new Request(o.logoutUrl, {
        method: 'POST', credentials: o.transport === 'bearer' ? 'omit' : o.credentials,
        headers: { ...headers, ...(tokens ? { 'content-type': 'application/json' } : {}) },
        body: tokens ? JSON.stringify({ refresh_token: tokens.refreshToken }) : null,
      });
      // Forget the session here whatever the server answers: the user asked to be signed out.
      const response = await o.fetch(request)
        .catch((err: unknown) => Promise.reject(network(err, `the sign-out (${o.logoutUrl.href})`)))
        .finally(() => forget({ code: 'ERR_CLIENT_SIGNED_OUT', message: 'signed out in another tab' }));
      if (!response.ok) throw await refusalError(response, 'the sign-out was refused');
    },
    async signOutEverywhere() {
      const response = await post(o.logoutAllUrl, 'the sign-out everywhere', undefined, true);
      if (!response.ok) throw await refusalError(response, 'the sign-out everywhere was refused');
      await forget({ code: 'ERR_CLIENT_SIGNED_OUT', message: 'signed out everywhere from another tab' });
    },
    async session() {
      if (status === 'ended') return null;
      if (o.transport === 'bearer') return state.local();
      if (o.transport === 'split') {
        const local = await state.local();
        if (local !== null) return local;
        // The readable cookie expires with the access token; a refresh brings it back.
        const result = await refresher.ensureFresh({ generation: refresher.generation(), sentAt: Date.now(), token: undefined }).catch(() => undefined);
        if (result?.ok === false) await end(result.end, true);
        return result?.ok ? state.local() : null;
      }
      const response = await authFetch(o.sessionUrl);
      if (!response.ok) return null;
      return state.adopt(await response.json().catch(() => null));
    },
    close: () => tabs.close(),
  };
}
