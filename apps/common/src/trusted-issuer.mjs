/**
 * The trusted external issuer of the example apps (apps/README.md, TESSERA_TRUSTED_*): an identity
 * provider whose access tokens the apps accept next to their own, checked by the core against the
 * provider's JWKS (createAuth's `trustedIssuers`). Read once at start-up, like every setting.
 */
import { ConfigError, durationSeconds, shown } from './config-error.mjs';

// An external identity provider whose access tokens GET /api/* accepts too (createAuth's trustedIssuers).
const TRUSTED_DURATIONS = {
  TESSERA_TRUSTED_JWKS_TIMEOUT: { fallback: '5s', min: 1, max: 60, range: '1s to 1m', example: '5s (the default): the longest a request waits for the provider\'s JWKS' },
  TESSERA_TRUSTED_JWKS_MAX_AGE: { fallback: '10m', min: 1, max: 86_400, range: '1s to 1d', example: '10m (the default): the longest the provider\'s keys are used before they are fetched again' },
  TESSERA_TRUSTED_JWKS_MAX_STALE: { fallback: '6h', min: 0, max: 604_800, range: '0s to 7d', example: '6h (the default): how long expired keys still serve while the JWKS endpoint fails' },
};

function readTrustedDuration(env, name) {
  const { fallback, min, max, range, example } = TRUSTED_DURATIONS[name];
  const value = env[name];
  if (value === undefined) return fallback;
  if (env.TESSERA_TRUSTED_ISSUER === undefined) {
    throw new ConfigError(name, `${name} is set but TESSERA_TRUSTED_ISSUER is not: it configures the trusted issuer's JWKS`, 'set TESSERA_TRUSTED_ISSUER and TESSERA_TRUSTED_JWKS_URL too, or unset it');
  }
  const seconds = durationSeconds(value);
  if (!(seconds >= min && seconds <= max)) throw new ConfigError(name, `${name} must be a whole number with a unit s, m, h or d, from ${range}; got ${shown(value)}`, `e.g. ${name}=${example}`);
  return value;
}

/**
 * The trusted issuer of `env` (TESSERA_TRUSTED_ISSUER, TESSERA_TRUSTED_JWKS_URL,
 * TESSERA_TRUSTED_AUDIENCE, TESSERA_TRUSTED_JWKS_TIMEOUT, _MAX_AGE, _MAX_STALE), or undefined when
 * TESSERA_TRUSTED_ISSUER is unset. Throws a ConfigError naming the variable at fault.
 */
export function readTrustedIssuer(env) {
  const issuer = env.TESSERA_TRUSTED_ISSUER;
  const url = env.TESSERA_TRUSTED_JWKS_URL;
  const audience = env.TESSERA_TRUSTED_AUDIENCE;
  if (issuer === undefined) {
    const stray = url !== undefined ? 'TESSERA_TRUSTED_JWKS_URL' : audience !== undefined ? 'TESSERA_TRUSTED_AUDIENCE' : undefined;
    if (stray !== undefined) throw new ConfigError(stray, `${stray} is set but TESSERA_TRUSTED_ISSUER is not: it belongs to the trusted issuer`, 'set TESSERA_TRUSTED_ISSUER (the provider\'s iss) too, or unset it');
    for (const name of Object.keys(TRUSTED_DURATIONS)) readTrustedDuration(env, name);
    return undefined;
  }
  if (issuer === '' || issuer.length > 256 || /[^\x21-\x7E]/.test(issuer)) {
    throw new ConfigError('TESSERA_TRUSTED_ISSUER', `TESSERA_TRUSTED_ISSUER must be the provider's iss, 1 to 256 printable characters without spaces; got ${shown(issuer)}`, 'e.g. TESSERA_TRUSTED_ISSUER=https://login.example.com/ (exactly as the provider writes iss)');
  }
  let parsed;
  try {
    parsed = url === undefined ? undefined : new URL(url);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || parsed.username !== '' || parsed.password !== '') {
    throw new ConfigError('TESSERA_TRUSTED_JWKS_URL', url === undefined ? 'TESSERA_TRUSTED_JWKS_URL must be set with TESSERA_TRUSTED_ISSUER: the provider\'s keys are fetched from it' : `TESSERA_TRUSTED_JWKS_URL must be an https URL without credentials; got ${shown(url)}`,
      'e.g. TESSERA_TRUSTED_JWKS_URL=https://login.example.com/.well-known/jwks.json (http only on loopback, outside production)');
  }
  if (audience !== undefined && (audience === '' || audience.length > 256)) {
    throw new ConfigError('TESSERA_TRUSTED_AUDIENCE', `TESSERA_TRUSTED_AUDIENCE must be 1 to 256 characters; got ${shown(audience)}`, 'the aud the provider puts in tokens for this API; unset, tessera-example-api');
  }
  return {
    issuer, jwksUrl: parsed.href, audience: audience ?? 'tessera-example-api',
    timeout: readTrustedDuration(env, 'TESSERA_TRUSTED_JWKS_TIMEOUT'),
    maxAge: readTrustedDuration(env, 'TESSERA_TRUSTED_JWKS_MAX_AGE'),
    maxStale: readTrustedDuration(env, 'TESSERA_TRUSTED_JWKS_MAX_STALE'),
  };
}

/**
 * createAuth's `trustedIssuers` for the trusted issuer of the settings (`readConfig().trustedIssuer`),
 * or undefined without one. The provider's `Cache-Control: max-age` is used, capped at `maxAge`.
 *
 * @example
 * ```js
 * createAuth({ ...options, trustedIssuers: trustedIssuersFor(config.trustedIssuer) });
 * ```
 */
export function trustedIssuersFor(trusted) {
  if (trusted === undefined) return undefined;
  const maxAgeSeconds = durationSeconds(trusted.maxAge);
  return [{
    issuer: trusted.issuer, jwksUrl: trusted.jwksUrl, audience: trusted.audience,
    jwks: { timeout: trusted.timeout, maxCacheAge: trusted.maxAge, minCacheAge: `${Math.min(60, maxAgeSeconds)}s`, maxStale: trusted.maxStale },
  }];
}

