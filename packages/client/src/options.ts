/**
 * `createAuthClient`'s options, checked once: an unusable value throws `ERR_CLIENT_INVALID_OPTION`
 * naming it, and an unknown option name is refused (a typo must not silently drop a setting).
 */
import { invalidOption } from './errors.js';
import { memoryStorage, type TokenStorage } from './storage.js';

/** How the server hands out tokens (the auth layer's `transport`). */
export type Transport = 'cookie' | 'bearer' | 'split';

/** Why a session ended, as {@link AuthClientOptions.onSessionEnd} is told. */
export interface SessionEnd {
  /** The server's code (`ERR_JWT_REVOKED`, `ERR_AUTH_REFRESH_INVALID`, `ERR_TOKEN_MISSING`…), or `ERR_CLIENT_SIGNED_OUT` when another tab signed out. */
  code: string;
  message: string;
  hint?: string;
}

export interface AuthClientOptions {
  /** The API's base URL (absolute): relative URLs given to `client.fetch` resolve against it. In a browser app, `location.origin`. */
  baseUrl: string;
  /** The server's transport. */
  transport: Transport;
  /** Where the auth endpoints are (default `/auth`, the auth layer's `basePath`). */
  basePath?: string;
  /** The refresh endpoint, absolute or relative to `baseUrl` (default `{basePath}/refresh`), e.g. on another server. */
  refreshUrl?: string;
  /** Seconds before the access token's expiry at which a call refreshes first (default 30; 0 turns it off). */
  refreshMargin?: number;
  /** bearer: where the tokens are kept (default: this client's memory). */
  storage?: TokenStorage;
  /** The `fetch` to use (default `globalThis.fetch`). */
  fetch?: typeof fetch;
  /** cookie and split: `credentials` of every call (default `include`). */
  credentials?: RequestCredentials;
  /** Called once when the session ends: a refresh was refused (or another tab signed out). */
  onSessionEnd?: (end: SessionEnd) => void;
  /** Coordinate tabs of one origin (Web Locks + BroadcastChannel) where they exist (default true). */
  crossTab?: boolean;
  /** split: the readable cookie's name without its `__Host-`/`__Secure-` prefix (default `tessera-at`). */
  cookieName?: string;
}

export interface ResolvedOptions {
  baseUrl: URL;
  transport: Transport;
  loginUrl: URL;
  refreshUrl: URL;
  logoutUrl: URL;
  logoutAllUrl: URL;
  sessionUrl: URL;
  refreshMarginMs: number;
  storage: TokenStorage;
  fetch: typeof fetch;
  credentials: RequestCredentials;
  onSessionEnd: (end: SessionEnd) => void;
  crossTab: boolean;
  cookieName: string;
}

const KNOWN = new Set(['baseUrl', 'transport', 'basePath', 'refreshUrl', 'refreshMargin', 'storage', 'fetch', 'credentials', 'onSessionEnd', 'crossTab', 'cookieName']);

function url(name: string, value: string, base?: URL): URL {
  try {
    return new URL(value, base);
  } catch {
    throw invalidOption(`${name} must be ${base ? 'a URL or a path' : 'an absolute URL'}; got ${JSON.stringify(String(value).slice(0, 100))}`, `e.g. ${name}: ${base ? "'/auth/refresh'" : "'https://api.example.com' (in a browser: location.origin)"}`);
  }
}

/** The options, checked, with every default filled in. */
export function resolveOptions(options: AuthClientOptions): ResolvedOptions {
  if (options === null || typeof options !== 'object') throw invalidOption('options must be an object', "pass { baseUrl, transport: 'cookie' | 'bearer' | 'split' }");
  for (const name of Object.keys(options)) {
    if (!KNOWN.has(name)) throw invalidOption(`unknown option ${JSON.stringify(name)}`, `the options are ${[...KNOWN].join(', ')}`);
  }
  if (typeof options.baseUrl !== 'string') throw invalidOption('baseUrl is required: the API\'s absolute URL', "e.g. baseUrl: 'https://api.example.com' (in a browser: location.origin)");
  const baseUrl = url('baseUrl', options.baseUrl);
  const { transport } = options;
  if (transport !== 'cookie' && transport !== 'bearer' && transport !== 'split') {
    throw invalidOption(`transport must be cookie, bearer or split; got ${JSON.stringify(transport)}`, 'use the transport the server\'s createAuth was given');
  }
  const basePath = options.basePath ?? '/auth';
  if (typeof basePath !== 'string' || !/^\/[A-Za-z0-9/_.-]*$/.test(basePath)) throw invalidOption(`basePath must be a path such as /auth; got ${JSON.stringify(basePath)}`, 'use the basePath the server\'s createAuth was given');
  const at = (path: string): URL => new URL(`${basePath.replace(/\/$/, '')}/${path}`, baseUrl);
  const margin = options.refreshMargin ?? 30;
  if (typeof margin !== 'number' || !(margin >= 0 && margin <= 3600)) throw invalidOption(`refreshMargin must be 0 to 3600 seconds; got ${String(margin)}`, 'e.g. refreshMargin: 30');
  if (options.fetch === undefined && typeof globalThis.fetch !== 'function') throw invalidOption('no fetch: this runtime has no globalThis.fetch and none was passed', 'pass fetch: yourFetch');
  if (options.fetch !== undefined && typeof options.fetch !== 'function') throw invalidOption('fetch must be a function', 'pass fetch: yourFetch');
  // Called as a plain function, a browser's window.fetch throws "Illegal invocation": call it on globalThis.
  const fetchImpl: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  if (options.onSessionEnd !== undefined && typeof options.onSessionEnd !== 'function') throw invalidOption('onSessionEnd must be a function', 'pass onSessionEnd: (end) => showSignIn(end.message)');
  const storage = options.storage ?? memoryStorage();
  if (typeof storage?.get !== 'function' || typeof storage.set !== 'function' || typeof storage.clear !== 'function') {
    throw invalidOption('storage must have get(), set(tokens) and clear()', 'pass memoryStorage() (the default) or an object with those three methods');
  }
  if (options.storage !== undefined && transport !== 'bearer') throw invalidOption('storage is for the bearer transport: in cookie and split the browser keeps the tokens', 'remove storage, or use transport: \'bearer\'');
  const cookieName = options.cookieName ?? 'tessera-at';
  if (typeof cookieName !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(cookieName)) throw invalidOption(`cookieName must be letters, digits, - or _; got ${JSON.stringify(cookieName)}`, 'use the server\'s cookies.names.access (default tessera-at)');
  return {
    baseUrl,
    transport,
    loginUrl: at('login'),
    refreshUrl: options.refreshUrl === undefined ? at('refresh') : url('refreshUrl', options.refreshUrl, baseUrl),
    logoutUrl: at('logout'),
    logoutAllUrl: at('logout-all'),
    sessionUrl: at('session'),
    refreshMarginMs: margin * 1000,
    storage,
    fetch: fetchImpl,
    credentials: options.credentials ?? 'include',
    onSessionEnd: options.onSessionEnd ?? (() => undefined),
    crossTab: options.crossTab ?? true,
    cookieName,
  };
}
