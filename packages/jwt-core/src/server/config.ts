/**
 * Validation and defaults of {@link AuthConfig}, once at start-up: every mistake is an
 * `ERR_JOSE_INVALID_OPTION` thrown by `createAuth`, never a surprise on the first request.
 */
import { invalidOption } from '../errors.js';
import { isKey, type Key } from '../jwk/key.js';
import { DEFAULT_LIMITS } from '../lib/limits.js';
import { epochSeconds, parseDuration } from '../lib/time.js';
import type { JwsAlgorithm } from '../types.js';
import { resolveCookieConfig, type CookieConfig } from './cookie-config.js';
import { normalizeOrigin } from './origins.js';
import { resolveStore } from './store-config.js';
import { warnGeneratedSigningKey } from './generated-key.js';
import { resolveDiagnostics, type DiagnosticsConfig } from './diagnostics-config.js';
import { resolveTrustedIssuers, type PreparedIssuer } from './trusted-issuers.js';
import type { AuthConfig, AuthLogger, AuthStore, Credentials, SigningKeyRing, TokenSourceOptions, Transport, UserClaims } from './types.js';

/** The configuration after validation, every default filled in. Durations in seconds. */
export interface ResolvedConfig<User = unknown> {
  signingKey: Key;
  verifyKeys: Key | SigningKeyRing;
  ring: SigningKeyRing | undefined;
  alg: JwsAlgorithm;
  issuer: string;
  audience: string | readonly string[];
  accessTtl: number;
  refreshTtl: number;
  sessionMaxAge: number;
  clockTolerance: number;
  authenticate: (credentials: Credentials, request: Request) => User | null | Promise<User | null>;
  loadUser: (sub: string) => User | null | Promise<User | null>;
  claims: (user: User) => UserClaims | Promise<UserClaims>;
  store: AuthStore;
  transport: Transport;
  basePath: string;
  jwksPath: string | undefined;
  origin: string | undefined;
  allowedOrigins: readonly string[];
  cookies: CookieConfig;
  tokenSources: TokenSourceOptions;
  /** NumericDate of the global "issued before" cut-off, or undefined. */
  invalidateBefore: () => number | undefined;
  graceSeconds: number;
  graceUses: number;
  maxBodyBytes: number;
  warnTokenBytes: number;
  now: () => Date;
  logger: AuthLogger;
  /** The diagnostic endpoint's settings, or undefined when it is off. */
  diagnostics?: DiagnosticsConfig | undefined;
  /** External providers by `iss` (`trustedIssuers`), or undefined when there are none. */
  trusted?: ReadonlyMap<string, PreparedIssuer> | undefined;
}

const TRANSPORTS: readonly Transport[] = ['cookie', 'bearer', 'split'];
const TOKEN_NAME = /^[A-Za-z0-9_-]{1,64}$/;

function fn<T>(value: T, name: string): T {
  if (typeof value !== 'function') throw invalidOption(`${name} must be a function; got ${typeof value}`, 'pass a function; AuthConfig documents each one\'s signature');
  return value;
}

function resolveKeys(keys: unknown, algorithm: JwsAlgorithm | undefined): { signingKey: Key; ring: SigningKeyRing | undefined; alg: JwsAlgorithm } {
  let signingKey: unknown;
  let ring: SigningKeyRing | undefined;
  if (isKey(keys)) {
    signingKey = keys;
  } else if (typeof keys === 'object' && keys !== null && 'signingKey' in keys && typeof (keys as SigningKeyRing).select === 'function') {
    ring = keys as SigningKeyRing;
    signingKey = ring.signingKey;
  }
  if (!isKey(signingKey)) {
    throw invalidOption('keys must be a key ring (createKeyRing) or a signing key (importJwk, importPem, importSecret, generateKeyPair, generateSecret)', 'build one with createKeyRing({ signing: key }) or pass a key from loadKeyRing(), importJwk or generateKeyPair');
  }
  if (signingKey.type === 'public' || signingKey.use !== 'sig') {
    throw invalidOption(`the signing key (kid ${signingKey.kid ?? 'none'}) is a ${signingKey.type} ${signingKey.use} key; signing needs a private or secret signature key`, 'sign with the private half of the key pair (or a secret), not the public key; verification-only keys go in the ring as verify keys');
  }
  const alg = algorithm ?? (signingKey.alg as JwsAlgorithm | undefined);
  if (alg === undefined) {
    throw invalidOption(`the signing key may be used with ${signingKey.algorithms.join(', ')}: choose one with the algorithm option`, 'add algorithm: \'ES256\' (for example), or import the key with alg set');
  }
  if (!signingKey.algorithms.includes(alg)) {
    throw invalidOption(`algorithm ${alg} does not fit the signing key, which is bound to ${signingKey.algorithms.join(', ')}`, 'choose an algorithm the key is bound to, or use a key made for that algorithm');
  }
  return { signingKey, ring, alg };
}

function resolvePath(value: string | undefined, fallback: string, name: string): string {
  const path = value ?? fallback;
  if (typeof path !== 'string' || !/^\/[A-Za-z0-9._~!$&'()*+,;=:@/-]*$/.test(path) || path.includes('//')) {
    throw invalidOption(`${name} must be an absolute URL path such as '/auth'; got ${JSON.stringify(path)}`, 'use an absolute path of URL characters, without // or a trailing ?');
  }
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

function boundedInt(value: number | undefined, fallback: number, min: number, max: number, name: string): number {
  const n = value ?? fallback;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw invalidOption(`${name} must be an integer from ${min} to ${max}; got ${String(n)}`, 'pass a whole number within the range, or leave the option out for its default');
  return n;
}

function resolveInvalidateBefore(value: AuthConfig['invalidateBefore']): () => number | undefined {
  if (value === undefined) return () => undefined;
  if (typeof value === 'function') {
    return () => {
      const d = value();
      return d instanceof Date && !Number.isNaN(d.getTime()) ? epochSeconds(d) : undefined;
    };
  }
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw invalidOption('invalidateBefore must be a valid Date or a function returning one', 'pass new Date(\'2026-01-01T00:00:00Z\'), or a function returning the current cut-off');
  const at = epochSeconds(value);
  return () => at;
}

function resolveSources(s: TokenSourceOptions | undefined): TokenSourceOptions {
  const out: TokenSourceOptions = {};
  for (const name of ['queryParam', 'formField', 'header'] as const) {
    const v = s?.[name];
    if (v === undefined) continue;
    if (typeof v !== 'string' || !TOKEN_NAME.test(v)) throw invalidOption(`tokenSources.${name} must be a name of letters, digits, '-' or '_'; got ${JSON.stringify(v)}`, 'use a plain header, query or field name such as access_token');
    out[name] = v;
  }
  return out;
}

/** Validates `config` and fills in the defaults (documented on {@link AuthConfig}). */
export function resolveConfig<User>(config: AuthConfig<User>): ResolvedConfig<User> {
  if (typeof config !== 'object' || config === null) throw invalidOption('createAuth needs a configuration object', 'call createAuth({ keys, issuer, audience, authenticate, loadUser, claims })');
  const { signingKey, ring, alg } = resolveKeys(config.keys, config.algorithm);
  if (typeof config.issuer !== 'string' || config.issuer === '') throw invalidOption('issuer must be a non-empty string', 'use the public origin of the app, e.g. https://app.example.com (the same on every instance)');
  const aud = config.audience;
  if (!(typeof aud === 'string' && aud !== '') && !(Array.isArray(aud) && aud.length > 0 && aud.every((a) => typeof a === 'string' && a !== ''))) {
    throw invalidOption('audience must be a non-empty string or a non-empty list of them', 'name the service the tokens are for, e.g. \'my-api\'');
  }
  const accessTtl = parseDuration(config.accessTokenTtl ?? '10m', 'accessTokenTtl');
  const refreshTtl = parseDuration(config.refreshTokenTtl ?? '14d', 'refreshTokenTtl');
  const sessionMaxAge = parseDuration(config.sessionMaxAge ?? '30d', 'sessionMaxAge');
  const clockTolerance = parseDuration(config.clockTolerance ?? '5s', 'clockTolerance');
  if (accessTtl < 1 || accessTtl > 86_400) throw invalidOption(`accessTokenTtl must be from 1s to 1d; got ${accessTtl}s`, 'short access tokens (5-15 minutes) limit what a stolen one is worth');
  if (refreshTtl <= accessTtl) throw invalidOption(`refreshTokenTtl (${refreshTtl}s) must be longer than accessTokenTtl (${accessTtl}s)`, 'a refresh token must outlive the access tokens it renews: e.g. 10m access, 14d refresh');
  if (sessionMaxAge < refreshTtl) throw invalidOption(`sessionMaxAge (${sessionMaxAge}s) must be at least refreshTokenTtl (${refreshTtl}s)`, 'sessionMaxAge caps a sign-in across rotations: make it at least refreshTokenTtl');
  if (clockTolerance > DEFAULT_LIMITS.maxClockTolerance) throw invalidOption(`clockTolerance must be at most ${DEFAULT_LIMITS.maxClockTolerance}s; got ${clockTolerance}s`, 'clock skew between servers is seconds; use \'5s\' to \'1m\'');
  const graceSeconds = parseDuration(config.refreshReuseGrace ?? '10s', 'refreshReuseGrace');
  if (graceSeconds > 300) throw invalidOption(`refreshReuseGrace must be at most 5m; got ${graceSeconds}s`, 'the grace window is for parallel requests and tabs, a few seconds');
  const transport = config.transport ?? 'cookie';
  if (!TRANSPORTS.includes(transport)) throw invalidOption(`transport must be 'cookie', 'bearer' or 'split'; got ${JSON.stringify(transport)}`, 'cookie for browsers, bearer for API clients, split for browsers whose scripts must read the claims');
  const now = config.now === undefined ? () => new Date() : fn(config.now, 'now');
  const logger: AuthLogger = config.logger ?? { warn: (message) => console.warn(message) };
  if (typeof logger.warn !== 'function') throw invalidOption('logger must have a warn(message) method', 'pass console, or an object with warn(message) and optionally info(message)');
  if (logger.info !== undefined && typeof logger.info !== 'function') throw invalidOption('logger.info must be a function or absent', 'pass an object with warn(message) and optionally info(message)');
  warnGeneratedSigningKey(signingKey, logger);
  const basePath = resolvePath(config.basePath, '/auth', 'basePath');
  const jwksPath = config.jwksPath === false ? undefined : resolvePath(config.jwksPath, '/.well-known/jwks.json', 'jwksPath');
  const origin = config.origin === undefined ? undefined : normalizeOrigin(config.origin, 'origin');
  const allowed = (config.allowedOrigins ?? []).map((o, i) => normalizeOrigin(o, `allowedOrigins[${i}]`));
  if (origin !== undefined && !allowed.includes(origin)) allowed.unshift(origin);
  // The real clock is the default store's own (no Date allocated per read).
  const store = resolveStore(config.store, config.now === undefined ? undefined : now);

  return {
    signingKey, ring, alg, verifyKeys: ring ?? signingKey,
    issuer: config.issuer, audience: aud,
    accessTtl, refreshTtl, sessionMaxAge, clockTolerance,
    authenticate: fn(config.authenticate, 'authenticate'),
    loadUser: fn(config.loadUser, 'loadUser'),
    claims: fn(config.claims, 'claims'),
    store, transport, basePath, jwksPath, origin, allowedOrigins: allowed,
    cookies: resolveCookieConfig(config.cookies, { origin, trustProxy: config.trustProxy === true, basePath }),
    tokenSources: resolveSources(config.tokenSources),
    invalidateBefore: resolveInvalidateBefore(config.invalidateBefore),
    graceSeconds,
    graceUses: boundedInt(config.refreshReuseGraceUses, 8, 0, 100, 'refreshReuseGraceUses'),
    maxBodyBytes: boundedInt(config.maxBodyBytes, 16_384, 256, 1_048_576, 'maxBodyBytes'),
    warnTokenBytes: boundedInt(config.warnTokenBytes, 6_144, 1_024, 65_536, 'warnTokenBytes'),
    now, logger,
    diagnostics: resolveDiagnostics(config.diagnostics),
    trusted: resolveTrustedIssuers(config.trustedIssuers, { issuer: config.issuer, audience: aud, clockTolerance, now: config.now === undefined ? undefined : now }),
  };
}
