/**
 * A signed-in user in any transport, so one case body fits cookie, bearer and split: requests
 * carry the session (the cookie jar, or `Authorization: Bearer`), and refresh and logout go the
 * transport's way (cookies, or the `refresh_token` of a JSON body).
 */
import { check, expectStatus } from './expect.js';
import type { Client, Reply, RequestOptions, TestServer } from './types.js';

export interface Session {
  readonly transport: 'cookie' | 'bearer' | 'split';
  /** The browser (cookie transports) or a jar-less client (bearer). */
  readonly client: Client;
  /** The login reply. */
  readonly login: Reply;
  /** The current access token (bearer, cookie; split: its two cookies joined). */
  access(): string;
  /** The current refresh token (bearer), or the refresh cookie's value (cookie, split). */
  refreshToken(): string;
  /** A request carrying the session. */
  request(path: string, options?: RequestOptions): Promise<Reply>;
  /** `POST /auth/refresh`; on 200 the session holds the new tokens. */
  refresh(): Promise<Reply>;
  /** `POST /auth/logout`. */
  logout(): Promise<Reply>;
}

function cookieValue(client: Client, name: string): string {
  const found = [...client.jar].find(([n]) => n === name || n === `__Host-${name}` || n === `__Secure-${name}`);
  check(found !== undefined, `no ${name} cookie in the jar (has ${[...client.jar.keys()].join(', ') || 'none'})`);
  return found[1].value;
}

/** Signs `username` in (its password is `pw-<username>`) and requires a 200. */
export async function signIn(server: TestServer, username: string): Promise<Session> {
  const transport = server.scenario.transport ?? 'cookie';
  const client = server.client();
  const login = await client.login(username, `pw-${username}`);
  expectStatus(login, 200, `sign-in of ${username}`);
  if (transport !== 'bearer') {
    return {
      transport, client, login,
      // split: header.payload and the signature cookie joined, the token as a bearer would send it.
      access: () => (transport === 'split' ? `${cookieValue(client, 'tessera-at')}.${cookieValue(client, 'tessera-as')}` : cookieValue(client, 'tessera-at')),
      refreshToken: () => cookieValue(client, 'tessera-rt'),
      request: (path, options) => client.request(path, options),
      refresh: () => client.request('/auth/refresh', { method: 'POST' }),
      logout: () => client.request('/auth/logout', { method: 'POST' }),
    };
  }
  const tokens = login.json() as { access_token?: unknown; refresh_token?: unknown };
  check(typeof tokens.access_token === 'string' && typeof tokens.refresh_token === 'string', `${login.what}: a bearer login must return access_token and refresh_token; got ${login.body.slice(0, 200)}`);
  let access = tokens.access_token;
  let refresh = tokens.refresh_token;
  const authorized = (options: RequestOptions = {}) => ({ ...options, headers: { authorization: `Bearer ${access}`, ...options.headers } });
  return {
    transport, client, login,
    access: () => access,
    refreshToken: () => refresh,
    request: (path, options) => client.request(path, authorized(options)),
    async refresh() {
      const reply = await client.request('/auth/refresh', { method: 'POST', json: { refresh_token: refresh } });
      if (reply.status === 200) {
        const next = reply.json() as { access_token: string; refresh_token: string };
        access = next.access_token;
        refresh = next.refresh_token;
      }
      return reply;
    },
    logout: () => client.request('/auth/logout', authorized({ method: 'POST', json: { refresh_token: refresh } })),
  };
}

/**
 * `POST /auth/refresh` with `token` as the transport sends it (the refresh cookie with the server's
 * own Origin, or a JSON body), without a jar: a second tab, or a thief replaying a copy.
 */
export function refreshWith(server: TestServer, token: string): Promise<Reply> {
  if ((server.scenario.transport ?? 'cookie') === 'bearer') return server.fetch('/auth/refresh', { method: 'POST', json: { refresh_token: token } });
  return server.fetch('/auth/refresh', { method: 'POST', headers: { cookie: `tessera-rt=${token}`, origin: server.url } });
}

/** `Authorization: Bearer <token>` as request options. */
export function bearer(token: string, options: RequestOptions = {}): RequestOptions {
  return { ...options, headers: { ...options.headers, authorization: `Bearer ${token}` } };
}
