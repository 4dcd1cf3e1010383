/**
 * `createEdgeAuth`: the optimistic half of the auth layer, for runtimes that cannot reach the store
 * (Next.js middleware on the Edge runtime: no TCP, so no Redis; an in-process store would be one
 * isolate's own). It verifies the access token's signature and claims, never revocation, so a
 * route behind it must still do the full check (`auth.authenticate`). An expired access token is
 * refreshed through the real store by POSTing the refresh cookie to the Node-side refresh endpoint
 * at a configured URL: never one built from the request's Host header, which would send the
 * refresh token wherever the client points it.
 */
import { invalidOption, JoseError } from '../errors.js';
import { isKey, type Key } from '../jwk/key.js';
import type { KeySet } from '../jwks/types.js';
import { parseDuration } from '../lib/time.js';
import { createVerifier } from '../jwt/create-verifier.js';
import { verifyJwt } from '../jwt/verify.js';
import type { Duration, JwsAlgorithm, JwtClaims } from '../types.js';
import { resolveCookieConfig } from './cookie-config.js';
import { cookieHeaderAfter, parseCookies, readChunked } from './cookies.js';
import { checkCsrf } from './csrf.js';
import { planFor } from './deliver.js';
import { normalizeOrigin } from './origins.js';
import { asDenial, failure, isInternalError, noResultHeaders } from './responses.js';
import { isEndpoint } from './routes.js';
import { findInHead, type SourceSettings } from './token-sources.js';
import type { AuthConfig, AuthRequest, AuthResult, Transport } from './types.js';
import { asAccessClaims } from './verify-access.js';

/**
 * Configuration of {@link createEdgeAuth}: the verifying part of `createAuth`'s, with the same
 * names, meanings and defaults (picked from `AuthConfig`, so the two cannot drift), plus where to
 * refresh. `tokenSources.formField` is not read here (it needs the body).
 */
export interface EdgeAuthConfig extends Pick<AuthConfig, 'issuer' | 'audience' | 'clockTolerance' | 'transport' | 'basePath' | 'jwksPath' | 'origin' | 'allowedOrigins' | 'trustProxy' | 'cookies' | 'tokenSources' | 'now' | 'logger'> {
  /** The verification keys: the HMAC secret, the public key, or a key set (`createKeySet`, a remote JWKS). */
  keys: Key | KeySet;
  /** The one algorithm accepted; defaults to the key's bound `alg`. */
  algorithm?: JwsAlgorithm;
  /**
   * The absolute URL of the Node-side refresh endpoint (`POST {basePath}/refresh`). Default: at
   * `origin` when it is set; without either, an expired token is not refreshed here.
   */
  refreshUrl?: string;
  /** How long the refresh endpoint may take (default `'5s'`): then 503, never access. */
  refreshTimeout?: Duration;
  /** The `fetch` used for the refresh (default: the global one). */
  fetch?: typeof fetch;
}

/** The object {@link createEdgeAuth} returns: `Auth`'s request-side methods, optimistic. */
export interface EdgeAuth {
  /**
   * Signature and claims of the access token, never revocation; an expired one is refreshed through
   * `refreshUrl` (the result's headers then carry the new cookies and `Cache-Control: no-store`).
   * Never throws: every internal failure is a 503 result.
   */
  authenticate(request: Request | AuthRequest): Promise<AuthResult>;
  /** As `auth.handles`: whether a request-target is one of the auth endpoints. */
  handles(target: string): boolean;
  readonly transport: Transport;
  readonly basePath: string;
}

const REQUIRED = ['sub', 'iat', 'exp', 'jti', 'sid', 'auth_time'];

/** The refresh endpoint's URL: configured, or at the configured origin; never from the request. */
function refreshTarget(config: EdgeAuthConfig, origin: string | undefined, basePath: string): URL | undefined {
  if (config.refreshUrl === undefined) return origin === undefined ? undefined : new URL(`${basePath}/refresh`, origin);
  let url: URL | undefined;
  try {
    url = new URL(config.refreshUrl);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw invalidOption(`refreshUrl must be an absolute http(s) URL; got ${JSON.stringify(config.refreshUrl)}`, 'point it at the refresh endpoint of the Node side, e.g. https://app.example.com/auth/refresh');
  }
  return url;
}

/**
 * Creates the optimistic check for an Edge runtime. Pair it with a full check on the Node side
 * (`auth.authenticate` in the route, `getAuth()` in `@tessera/next`): revocation is only seen there.
 *
 * @example
 * ```ts
 * const edge = createEdgeAuth({
 *   keys: importSecret(process.env.TESSERA_SECRET!, { alg: 'HS256' }),
 *   issuer: 'https://app.example.com', audience: 'app', origin: 'https://app.example.com',
 *   cookies: { refreshPath: '/' },     // the refresh cookie must reach the middleware
 * });
 * const result = await edge.authenticate(request); // claims, or a 401; refreshed via https://app.example.com/auth/refresh
 * ```
 */
export function createEdgeAuth(config: EdgeAuthConfig): EdgeAuth {
  if (typeof config !== 'object' || config === null) throw invalidOption('createEdgeAuth needs a configuration object', 'call createEdgeAuth({ keys, issuer, audience, origin })');
  const keyAlg = isKey(config.keys) ? (config.keys.alg as JwsAlgorithm | undefined) : undefined;
  const alg = config.algorithm ?? keyAlg;
  if (alg === undefined) throw invalidOption('createEdgeAuth needs the algorithm: the keys are not bound to one', "add algorithm: 'HS256' (the one createAuth signs with)");
  if (typeof config.issuer !== 'string' || config.issuer === '') throw invalidOption('issuer must be a non-empty string', 'use the same issuer as createAuth');
  const transport = config.transport ?? 'cookie';
  const basePath = (config.basePath ?? '/auth').replace(/(.)\/$/, '$1');
  const origin = config.origin === undefined ? undefined : normalizeOrigin(config.origin, 'origin');
  const allowed = (config.allowedOrigins ?? []).map((o, i) => normalizeOrigin(o, `allowedOrigins[${i}]`));
  if (origin !== undefined && !allowed.includes(origin)) allowed.unshift(origin);
  const refreshUrl = transport === 'bearer' ? undefined : refreshTarget(config, origin, basePath);
  const timeout = parseDuration(config.refreshTimeout ?? '5s', 'refreshTimeout') * 1000;
  const logger = config.logger ?? { warn: (message: string) => console.warn(message) };
  const settings: SourceSettings = {
    cfg: {
      transport, accessTtl: 0, tokenSources: { ...config.tokenSources },
      cookies: resolveCookieConfig(config.cookies, { origin, trustProxy: config.trustProxy === true, basePath }),
    },
  };
  const options = { algorithms: [alg], issuer: config.issuer, audience: config.audience, clockTolerance: config.clockTolerance ?? '5s', requiredClaims: REQUIRED, typ: 'JWT' };
  const prepared = config.now === undefined ? createVerifier({ keys: config.keys, ...options }) : undefined;
  const verify = async (token: string): Promise<JwtClaims> => (prepared !== undefined ? await prepared(token) : await verifyJwt(token, config.keys, { ...options, currentDate: config.now!() })).payload;

  const routes = { cfg: { basePath, jwksPath: config.jwksPath === false ? undefined : config.jwksPath ?? '/.well-known/jwks.json' } };
  const fail = (error: JoseError, headers?: Headers): AuthResult => ({ ok: false, error, response: failure(error, headers) });

  /** POSTs our refresh cookie (and nothing else) to the configured endpoint, with the configured Origin. */
  async function refresh(request: AuthRequest, cookies: ReadonlyMap<string, string>, url: URL): Promise<AuthResult> {
    const name = planFor(settings, request, 0).refresh.name;
    const pairs = [...cookies].filter(([n]) => n === name || n.startsWith(`${name}.`)).map(([n, v]) => `${n}=${v}`);
    const res = await (config.fetch ?? fetch)(url, {
      method: 'POST', redirect: 'manual', cache: 'no-store', signal: AbortSignal.timeout(timeout),
      headers: { cookie: pairs.join('; '), origin: origin ?? url.origin, accept: 'application/json' },
    });
    const lines = new Headers();
    for (const line of res.headers.getSetCookie()) lines.append('set-cookie', line);
    if (res.status === 401 || res.status === 403) {
      const code = await res.json().then((b: { error?: unknown }) => String(b.error), () => 'no JSON body');
      return fail(new JoseError('ERR_AUTH_REFRESH_INVALID', `the refresh endpoint refused the refresh token (${res.status} ${code.slice(0, 64)})`, {
        hint: 'sign in again',
      }), lines);
    }
    await res.body?.cancel();
    if (res.status !== 200) throw new Error(`the refresh endpoint ${url.origin}${url.pathname} answered ${res.status}`);
    // The new access token, read and verified as a request carrying the new cookies would be.
    const after = parseCookies({ method: 'GET', url: request.url, headers: { get: (h) => (h === 'cookie' ? cookieHeaderAfter(null, lines) ?? null : null) } });
    const found = findInHead(settings, { method: 'GET', url: request.url, headers: { get: () => null } }, after);
    if (found?.via !== 'cookie') throw new Error(`the refresh endpoint ${url.origin}${url.pathname} answered 200 without the access cookie`);
    const claims = asAccessClaims(await verify(found.token));
    lines.set('cache-control', 'no-store');
    return { ok: true, claims, headers: lines };
  }

  async function run(request: AuthRequest): Promise<AuthResult> {
    let cookies: ReadonlyMap<string, string> = new Map();
    if (transport !== 'bearer') cookies = parseCookies(request);
    let error: JoseError;
    let viaCookie = false;
    try {
      const found = findInHead(settings, request, cookies);
      viaCookie = found?.via === 'cookie';
      const refused = viaCookie ? checkCsrf(request, allowed) : undefined;
      if (refused !== undefined) return fail(refused);
      if (found === undefined) throw new JoseError('ERR_TOKEN_MISSING', 'the request carries no access token', { hint: 'sign in first' });
      return { ok: true, claims: asAccessClaims(await verify(found.token)), headers: noResultHeaders() };
    } catch (err) {
      if (!(err instanceof JoseError) || isInternalError(err)) throw err;
      error = err;
    }
    const canRefresh = (error.code === 'ERR_JWT_EXPIRED' && viaCookie) || error.code === 'ERR_TOKEN_MISSING';
    const token = canRefresh && refreshUrl !== undefined ? readChunked(planFor(settings, request, 0).refresh.name, cookies, settings.cfg.cookies) : undefined;
    if (token === undefined) return fail(error);
    const refused = checkCsrf(request, allowed);
    if (refused !== undefined) return fail(refused);
    return refresh(request, cookies, refreshUrl!);
  }

  return Object.freeze({
    transport,
    basePath,
    handles: (target: string) => isEndpoint(routes, target),
    async authenticate(request: Request | AuthRequest): Promise<AuthResult> {
      try {
        return await run(request);
      } catch (err) {
        const error = asDenial(err, 'the Edge check');
        const cause = err instanceof Error ? ` (cause: ${err.name}: ${err.message})` : '';
        logger.warn(`[tessera] ${error.message}${cause}`);
        return fail(error);
      }
    },
  });
}
