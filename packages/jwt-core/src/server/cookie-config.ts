/**
 * Cookie policy: the validated options, then per request the names (with `__Host-`/`__Secure-`
 * prefixes, RFC 6265bis §4.1.3) and the attributes of the access, signature and refresh cookies.
 */
import { invalidOption } from '../errors.js';
import { isLoopbackHttp, requestOrigin } from './origins.js';
import type { CookieAttributes, ChunkLimits } from './cookies.js';
import type { AuthCookieOptions, AuthRequest } from './types.js';

export interface CookieConfig extends ChunkLimits {
  secure: boolean | 'auto';
  sameSite: 'Strict' | 'Lax' | 'None';
  domain: string | undefined;
  hostPrefix: boolean;
  names: { access: string; refresh: string; signature: string };
  refreshPath: string;
  origin: string | undefined;
}

/** Cookie names and attributes for one request. */
export interface CookiePlan {
  secure: boolean;
  access: { name: string; attrs: CookieAttributes };
  signature: { name: string; attrs: CookieAttributes };
  refresh: { name: string; attrs: CookieAttributes };
}

const NAME = /^[A-Za-z0-9_-]{1,40}$/;

/** Validates the cookie options against the deployment (`origin`, `trustProxy`). */
export function resolveCookieConfig(
  o: AuthCookieOptions | undefined, env: { origin: string | undefined; trustProxy: boolean; basePath: string },
): CookieConfig {
  const secure = o?.secure ?? 'auto';
  if (secure !== true && secure !== false && secure !== 'auto') throw invalidOption(`cookies.secure must be true, false or 'auto'; got ${JSON.stringify(secure)}`, 'leave it out (\'auto\') unless a proxy terminates TLS');
  const sameSite = o?.sameSite ?? 'Lax';
  if (!['Strict', 'Lax', 'None'].includes(sameSite)) throw invalidOption(`cookies.sameSite must be 'Strict', 'Lax' or 'None'; got ${JSON.stringify(sameSite)}`, 'use \'Lax\' (the default) unless the app is embedded cross-site');
  const plainHttp = env.origin !== undefined && env.origin.startsWith('http:');
  if (secure === true && plainHttp && !isLoopbackHttp(env.origin!) && !env.trustProxy) {
    throw invalidOption(`cookies.secure is true but origin ${env.origin} is plain HTTP and no trusted proxy terminates TLS: browsers would drop every cookie`,
      'serve the app over https, or set trustProxy when a TLS-terminating proxy sits in front (and set origin to the https URL users see)');
  }
  if (secure === false && (env.origin === undefined || !isLoopbackHttp(env.origin))) {
    throw invalidOption(`cookies.secure: false is only allowed for development on http://localhost or http://127.0.0.1; origin is ${env.origin ?? 'not set'}`,
      "leave cookies.secure at 'auto' (Secure except on loopback http), or set origin to your http://localhost:PORT development URL");
  }
  // secure: false passed the check above, so the origin is loopback http: the development case.
  if (sameSite === 'None' && secure === false) {
    throw invalidOption(`cookies.sameSite None requires Secure cookies (browsers reject SameSite=None without Secure), and cookies.secure is false for ${env.origin}`,
      'on localhost you do not need SameSite=None: a front end and an API on localhost with different ports are the same site, so leave sameSite at \'Lax\' and remove secure: false. '
      + 'If the front end really is on another site, remove secure: false (SameSite=None then forces Secure, which Chrome and Firefox accept on http://localhost; Safari needs https, e.g. a mkcert certificate)');
  }
  const domain = o?.domain;
  if (domain !== undefined && (typeof domain !== 'string' || !/^\.?[A-Za-z0-9.-]{1,253}$/.test(domain))) throw invalidOption(`cookies.domain must be a host name; got ${JSON.stringify(domain)}`, 'use the registrable host, e.g. example.com, or leave domain out to keep the __Host- prefix');
  const names = { access: 'tessera-at', refresh: 'tessera-rt', signature: 'tessera-as', ...o?.names };
  for (const [k, v] of Object.entries(names)) {
    if (typeof v !== 'string' || !NAME.test(v)) throw invalidOption(`cookies.names.${k} must be letters, digits, '-' or '_' (the __Host-/__Secure- prefix is added automatically); got ${JSON.stringify(v)}`, 'use a short name such as tessera-at');
  }
  if (new Set(Object.values(names)).size !== 3) throw invalidOption('cookies.names must be three different names', 'give the access, refresh and signature cookies distinct names');
  const refreshPath = o?.refreshPath ?? env.basePath;
  if (typeof refreshPath !== 'string' || !refreshPath.startsWith('/') || /[;\s]/.test(refreshPath)) throw invalidOption(`cookies.refreshPath must be a URL path; got ${JSON.stringify(refreshPath)}`, 'use a path such as / or /auth');
  const chunkSize = o?.chunkSize ?? 3_800;
  const maxChunks = o?.maxChunks ?? 5;
  if (!Number.isSafeInteger(chunkSize) || chunkSize < 512 || chunkSize > 4_000) throw invalidOption(`cookies.chunkSize must be an integer from 512 to 4000; got ${String(chunkSize)}`, 'leave chunkSize out (3800) unless a proxy limits cookie size');
  if (!Number.isSafeInteger(maxChunks) || maxChunks < 1 || maxChunks > 10) throw invalidOption(`cookies.maxChunks must be an integer from 1 to 10; got ${String(maxChunks)}`, 'leave maxChunks out (5); large tokens mean too many claims');
  return { secure, sameSite, domain, hostPrefix: o?.hostPrefix ?? true, names, refreshPath, chunkSize, maxChunks, origin: env.origin };
}

function prefixed(name: string, cfg: CookieConfig, secure: boolean, path: string): string {
  if (!secure || !cfg.hostPrefix) return name;
  return cfg.domain === undefined && path === '/' ? `__Host-${name}` : `__Secure-${name}`;
}

/**
 * Names and attributes for `request`. With `secure: 'auto'`, cookies are Secure unless the public
 * origin (configured, else the request's) is loopback http.
 */
export function cookiePlan(cfg: CookieConfig, request: AuthRequest, ttl: { access: number; refresh: number }, split: boolean): CookiePlan {
  // SameSite=None forces Secure: browsers reject it otherwise (and treat http://localhost as secure).
  const secure = cfg.sameSite === 'None' || (cfg.secure === 'auto' ? !isLoopbackHttp(cfg.origin ?? requestOrigin(request)) : cfg.secure);
  const base = { domain: cfg.domain, secure, sameSite: cfg.sameSite } as const;
  return {
    secure,
    access: { name: prefixed(cfg.names.access, cfg, secure, '/'), attrs: { ...base, path: '/', httpOnly: !split, maxAge: ttl.access } },
    signature: { name: prefixed(cfg.names.signature, cfg, secure, '/'), attrs: { ...base, path: '/', httpOnly: true, maxAge: ttl.access } },
    refresh: { name: prefixed(cfg.names.refresh, cfg, secure, cfg.refreshPath), attrs: { ...base, path: cfg.refreshPath, httpOnly: true, maxAge: ttl.refresh } },
  };
}
