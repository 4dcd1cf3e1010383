/**
 * A client of an example app that behaves like its real clients: in the cookie transports a browser
 * (a cookie jar, and `Origin` on every state-changing request), in the bearer transport an API
 * client (tokens from the JSON body, sent back in `Authorization` and the refresh body).
 * `fetch` only, so the checks run wherever `fetch` does.
 */
import type { ResolvedTarget } from './types.js';

/** An answer: status, headers, the parsed JSON body (undefined when it was not JSON), and the Set-Cookie lines. */
export interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown> | undefined;
  setCookies: string[];
}

/** Options of one request. */
export interface SendOptions {
  /** A JSON body. */
  json?: unknown;
  /** The `Origin` header of a state-changing request: the target's origin by default, another one, or none (`null`). */
  origin?: string | null;
  /** Extra headers. */
  headers?: Record<string, string>;
}

/** One client: one browser profile, or one API client with its tokens. */
export class AppClient {
  readonly cookies = new Map<string, string>();
  accessToken: string | undefined;
  refreshToken: string | undefined;

  constructor(readonly target: ResolvedTarget) {}

  /** A second client holding the same cookies and tokens (a copied browser profile, a stolen token pair). */
  copy(): AppClient {
    const c = new AppClient(this.target);
    for (const [name, value] of this.cookies) c.cookies.set(name, value);
    c.accessToken = this.accessToken;
    c.refreshToken = this.refreshToken;
    return c;
  }

  async send(method: string, path: string, options: SendOptions = {}): Promise<Answer> {
    const headers = new Headers(options.headers);
    if (options.json !== undefined) headers.set('content-type', 'application/json');
    const origin = options.origin === undefined ? this.target.origin : options.origin;
    if (method !== 'GET' && method !== 'HEAD' && origin !== null) headers.set('origin', origin);
    if (this.cookies.size > 0) headers.set('cookie', [...this.cookies].map(([n, v]) => `${n}=${v}`).join('; '));
    if (this.accessToken !== undefined && !headers.has('authorization')) headers.set('authorization', `Bearer ${this.accessToken}`);
    const response = await fetch(`${this.target.baseUrl}${path}`, {
      method, headers, redirect: 'manual',
      ...(options.json === undefined ? {} : { body: JSON.stringify(options.json) }),
    });
    const text = await response.text();
    let body: Record<string, unknown> | undefined;
    try {
      const parsed: unknown = JSON.parse(text);
      body = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
    } catch {
      body = undefined;
    }
    const setCookies = response.headers.getSetCookie();
    this.takeCookies(setCookies);
    return { status: response.status, headers: response.headers, body, setCookies };
  }

  /** Signs in; keeps the tokens of a bearer answer. */
  async login(username: string, password: string, options: SendOptions = {}): Promise<Answer> {
    const answer = await this.send('POST', '/auth/login', { ...options, json: { username, password } });
    if (answer.status === 200) this.keepTokens(answer);
    return answer;
  }

  /** Rotates the refresh token (cookie, or the `refresh_token` body field in bearer); keeps the new tokens. */
  async refresh(options: SendOptions = {}): Promise<Answer> {
    const json = this.target.transport === 'bearer' ? { refresh_token: this.refreshToken ?? '' } : undefined;
    const answer = await this.send('POST', '/auth/refresh', { ...options, ...(json === undefined ? {} : { json }) });
    if (answer.status === 200) this.keepTokens(answer);
    return answer;
  }

  /** Ends this session (the bearer client sends its refresh token too, so the session ends even without an access token). */
  logout(options: SendOptions = {}): Promise<Answer> {
    const json = this.target.transport === 'bearer' && this.refreshToken !== undefined ? { refresh_token: this.refreshToken } : undefined;
    return this.send('POST', '/auth/logout', { ...options, ...(json === undefined ? {} : { json }) });
  }

  private keepTokens(answer: Answer): void {
    if (this.target.transport !== 'bearer' || answer.body === undefined) return;
    if (typeof answer.body['access_token'] === 'string') this.accessToken = answer.body['access_token'];
    if (typeof answer.body['refresh_token'] === 'string') this.refreshToken = answer.body['refresh_token'];
  }

  /** A browser's jar, reduced to what these apps use: every cookie is `Path=/` of one host; `Max-Age=0` or an empty value deletes. */
  private takeCookies(lines: string[]): void {
    for (const line of lines) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const deleted = value === '' || attributes.some((a) => a.trim().toLowerCase() === 'max-age=0');
      if (deleted) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

/** The cookie lines of an answer by name, with their attributes in lower case. */
export function cookieAttributes(answer: Answer): Array<{ name: string; value: string; attributes: string[] }> {
  return answer.setCookies.map((line) => {
    const [pair = '', ...attributes] = line.split(';');
    const eq = pair.indexOf('=');
    return { name: pair.slice(0, Math.max(eq, 0)).trim(), value: pair.slice(eq + 1).trim(), attributes: attributes.map((a) => a.trim().toLowerCase()) };
  });
}
