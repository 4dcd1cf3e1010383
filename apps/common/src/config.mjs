/**
 * The environment every example app reads (apps/README.md): PORT, HOST, TRANSPORT, TESSERA_ORIGIN,
 * TESSERA_ACCESS_TTL, TESSERA_REFRESH_GRACE, REDIS_URL with TESSERA_REDIS_PREFIX, and the trusted
 * external issuer (TESSERA_TRUSTED_*, trusted-issuer.mjs), read once at start-up. A value that
 * cannot be used stops the start with a ConfigError naming the variable; nothing is silently
 * replaced by a default. The signing key variables (TESSERA_SIGNING_KEY,
 * TESSERA_SIGNING_KEY_FILE, ...) are read by the core's loadKeyRing; here only their presence is
 * checked, because several instances sharing a Redis must share the key too.
 */
import { isIP } from 'node:net';
import { ConfigError, shown, TTL, UNIT_SECONDS } from './config-error.mjs';
import { readTrustedIssuer } from './trusted-issuer.mjs';

export { ConfigError } from './config-error.mjs';
export { trustedIssuersFor } from './trusted-issuer.mjs';

const TRANSPORTS = ['cookie', 'bearer', 'split'];
const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const WILDCARDS = new Set(['0.0.0.0', '::']);
// The core accepts access tokens from 1 second to 1 day (and refresh tokens, 14 days here, must outlive them).
const TTL_MAX = 86_400;

function readPort(value) {
  if (value === undefined) return 3000;
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65_535) {
    throw new ConfigError('PORT', `PORT must be a port number from 0 to 65535; got ${shown(value)}`, 'e.g. PORT=3000 (0 picks a free port)');
  }
  return Number(value);
}

function readHost(value) {
  if (value === undefined) return '127.0.0.1';
  if (isIP(value) === 0 && !HOSTNAME.test(value)) {
    throw new ConfigError('HOST', `HOST must be an IP address or a host name to listen on; got ${shown(value)}`, 'e.g. HOST=127.0.0.1 (the default), HOST=::1, or HOST=0.0.0.0 in a container');
  }
  return value;
}

function readTransport(value) {
  if (value === undefined) return 'cookie';
  if (!TRANSPORTS.includes(value)) {
    throw new ConfigError('TRANSPORT', `TRANSPORT must be cookie, bearer or split; got ${shown(value)}`, 'cookie for browsers (the default), bearer for API clients, split for browser apps that read their claims');
  }
  return value;
}

function readOrigin(value, host) {
  if (value === undefined) {
    if (WILDCARDS.has(host)) {
      throw new ConfigError('TESSERA_ORIGIN', `TESSERA_ORIGIN must be set when HOST=${host}: the app listens on every interface, so its listening address is not the origin clients use, and the origin is also the tokens' issuer`,
        'set TESSERA_ORIGIN to the public origin, e.g. TESSERA_ORIGIN=https://api.example.com, the same on every instance');
    }
    return undefined; // http://HOST:PORT, known once the server listens (PORT=0 picks the port)
  }
  let url;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username !== '' || url.password !== '' || url.pathname !== '/' || url.search !== '' || url.hash !== '' || value.endsWith('/')) {
    throw new ConfigError('TESSERA_ORIGIN', `TESSERA_ORIGIN must be an http(s) origin, scheme://host[:port] with no path, query or trailing slash; got ${shown(value)}`, 'e.g. TESSERA_ORIGIN=https://api.example.com');
  }
  return url.origin;
}

function readAccessTtl(value) {
  if (value === undefined) return { text: '10m', seconds: 600 };
  const m = TTL.exec(value);
  const seconds = m === null ? NaN : Number(m[1]) * UNIT_SECONDS[m[2]];
  if (!(seconds >= 1 && seconds <= TTL_MAX)) {
    throw new ConfigError('TESSERA_ACCESS_TTL', `TESSERA_ACCESS_TTL must be a whole number with a unit s, m, h or d, from 1s to 1d; got ${shown(value)}`, 'e.g. TESSERA_ACCESS_TTL=2s to watch tokens expire, 10m (the default) otherwise');
  }
  return { text: value, seconds };
}

// The core accepts a grace window of at most 5 minutes (refreshReuseGrace); 0s turns it off.
const GRACE_MAX = 300;

function readRefreshGrace(value) {
  if (value === undefined) return '10s';
  const m = TTL.exec(value);
  const seconds = m === null ? NaN : Number(m[1]) * UNIT_SECONDS[m[2]];
  if (!(seconds >= 0 && seconds <= GRACE_MAX)) {
    throw new ConfigError('TESSERA_REFRESH_GRACE', `TESSERA_REFRESH_GRACE must be a whole number with a unit s, m, h or d, from 0s to 5m; got ${shown(value)}`, 'e.g. TESSERA_REFRESH_GRACE=10s (the default): how long a spent refresh token may still be used by parallel requests; 0s turns the grace off');
  }
  return value;
}

// Where the host is shown, never the rest of the URL: it may hold a user name and a password.
function readRedisUrl(value) {
  if (value === undefined) return undefined;
  let url;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  const hint = 'e.g. REDIS_URL=redis://127.0.0.1:6379, or rediss://user:password@host:6380/0 for TLS (the value is not repeated here: it may hold a password)';
  if (url === undefined) throw new ConfigError('REDIS_URL', 'REDIS_URL must be a redis:// or rediss:// URL; got a value that is not a URL', hint);
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new ConfigError('REDIS_URL', `REDIS_URL must be a redis:// or rediss:// URL; got a URL with the scheme ${shown(url.protocol.slice(0, 20))}`, hint);
  }
  if (url.hostname === '' || !/^(\/\d{0,2})?$/.test(url.pathname) || url.search !== '' || url.hash !== '') {
    throw new ConfigError('REDIS_URL', 'REDIS_URL must be redis[s]://[user:password@]host[:port][/db], with a host and nothing after the database number', hint);
  }
  return value;
}

const PREFIX = /^[A-Za-z0-9:_.-]{1,64}$/;

function readRedisPrefix(value, redisUrl) {
  if (value === undefined) return 'tessera-example:';
  if (redisUrl === undefined) {
    throw new ConfigError('TESSERA_REDIS_PREFIX', 'TESSERA_REDIS_PREFIX is set but REDIS_URL is not: without REDIS_URL the sessions live in memory and no prefix is used', 'set REDIS_URL too, or unset TESSERA_REDIS_PREFIX');
  }
  if (!PREFIX.test(value)) {
    throw new ConfigError('TESSERA_REDIS_PREFIX', `TESSERA_REDIS_PREFIX must be 1 to 64 letters, digits or :_.-; got ${shown(value)}`, 'e.g. TESSERA_REDIS_PREFIX=tessera-example: (the default), one per application sharing a Redis');
  }
  return value;
}

// Several instances sharing one Redis must sign with one key: a generated development key differs per process.
function requireSharedKey(env) {
  if (env.TESSERA_SIGNING_KEY === undefined && env.TESSERA_SIGNING_KEY_FILE === undefined) {
    throw new ConfigError('TESSERA_SIGNING_KEY', 'REDIS_URL is set, so the sessions are shared by several instances, and they must sign with one key: set TESSERA_SIGNING_KEY or TESSERA_SIGNING_KEY_FILE (a generated development key would differ per instance, and one instance would refuse the tokens of another)',
      'set TESSERA_SIGNING_KEY_FILE=/path/to/key.pem (a PKCS#8 PEM or a JWK), the same on every instance');
  }
}

/**
 * Reads the app's settings from `env` (default `process.env`). Throws a ConfigError naming the
 * variable for any value it cannot use.
 *
 * @example
 * ```js
 * const config = readConfig({ PORT: '0', TRANSPORT: 'bearer', TESSERA_ACCESS_TTL: '2s' });
 * // { port: 0, host: '127.0.0.1', transport: 'bearer', origin: undefined, accessTokenTtl: '2s', accessTokenTtlSeconds: 2,
 * //   refreshReuseGrace: '10s', redisUrl: undefined, redisPrefix: undefined, trustedIssuer: undefined }
 * ```
 */
export function readConfig(env = process.env) {
  const port = readPort(env.PORT);
  const host = readHost(env.HOST);
  const transport = readTransport(env.TRANSPORT);
  const origin = readOrigin(env.TESSERA_ORIGIN, host);
  const ttl = readAccessTtl(env.TESSERA_ACCESS_TTL);
  const refreshReuseGrace = readRefreshGrace(env.TESSERA_REFRESH_GRACE);
  const redisUrl = readRedisUrl(env.REDIS_URL);
  const redisPrefix = readRedisPrefix(env.TESSERA_REDIS_PREFIX, redisUrl);
  if (redisUrl !== undefined) requireSharedKey(env);
  const trustedIssuer = readTrustedIssuer(env);
  return {
    port, host, transport, origin, accessTokenTtl: ttl.text, accessTokenTtlSeconds: ttl.seconds, refreshReuseGrace,
    redisUrl, redisPrefix: redisUrl === undefined ? undefined : redisPrefix, trustedIssuer,
  };
}
