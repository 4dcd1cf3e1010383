/** The settings every example app reads (config.mjs): the shared-store ones, REDIS_URL and its companions. */
import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig, trustedIssuersFor } from '../src/config.mjs';

const KEY = { TESSERA_SIGNING_KEY: '{"kty":"EC"}' }; // only its presence is checked here (loadKeyRing reads it)

function refusal(env) {
  try {
    readConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error;
  }
  throw new Error('readConfig accepted the settings');
}

describe('readConfig: one instance (no REDIS_URL)', () => {
  it('keeps sessions in memory: no Redis settings, the default grace window', () => {
    expect(readConfig({})).toEqual({
      port: 3000, host: '127.0.0.1', transport: 'cookie', origin: undefined, accessTokenTtl: '10m', accessTokenTtlSeconds: 600,
      refreshReuseGrace: '10s', redisUrl: undefined, redisPrefix: undefined, trustedIssuer: undefined,
    });
  });

  it('refuses TESSERA_REDIS_PREFIX without REDIS_URL instead of ignoring it', () => {
    const error = refusal({ TESSERA_REDIS_PREFIX: 'x:' });
    expect(error.variable).toBe('TESSERA_REDIS_PREFIX');
    expect(error.message).toContain('REDIS_URL is not');
  });
});

describe('readConfig: REDIS_URL', () => {
  it('accepts redis:// and rediss:// URLs, with the default or a given key prefix', () => {
    expect(readConfig({ REDIS_URL: 'redis://127.0.0.1:6379', ...KEY })).toMatchObject({ redisUrl: 'redis://127.0.0.1:6379', redisPrefix: 'tessera-example:' });
    expect(readConfig({ REDIS_URL: 'rediss://user:pw@redis.example:6380/2', TESSERA_REDIS_PREFIX: 'run-42:', TESSERA_SIGNING_KEY_FILE: '/k.pem' }))
      .toMatchObject({ redisUrl: 'rediss://user:pw@redis.example:6380/2', redisPrefix: 'run-42:' });
  });

  it.each([
    ['not a URL', 'not a url s3cret-pw'],
    ['another scheme', 'http://user:s3cret-pw@redis.example:6379'],
    ['no host', 'redis://'],
    ['a path', 'redis://user:s3cret-pw@redis.example:6379/db/x'],
    ['a query', 'redis://user:s3cret-pw@redis.example:6379?password=s3cret-pw'],
  ])('refuses %s, naming REDIS_URL and never repeating the value (it may hold a password)', (_, value) => {
    const error = refusal({ REDIS_URL: value, ...KEY });
    expect(error.variable).toBe('REDIS_URL');
    expect(error.message).toMatch(/^REDIS_URL must be/);
    expect(`${error.message} ${error.hint}`).not.toContain('s3cret-pw');
  });

  it('requires a shared signing key, naming both variables: a generated key would differ per instance', () => {
    const error = refusal({ REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(error.variable).toBe('TESSERA_SIGNING_KEY');
    expect(error.message).toContain('TESSERA_SIGNING_KEY or TESSERA_SIGNING_KEY_FILE');
    expect(error.message).toContain('differ per instance');
  });

  it('refuses a key prefix Redis keys should not carry', () => {
    for (const prefix of ['', 'with space', '{tag}', 'x'.repeat(65)]) {
      expect(refusal({ REDIS_URL: 'redis://127.0.0.1:6379', TESSERA_REDIS_PREFIX: prefix, ...KEY }).variable).toBe('TESSERA_REDIS_PREFIX');
    }
  });
});

describe('readConfig: TESSERA_REFRESH_GRACE', () => {
  it('takes 0s (no grace) to 5m', () => {
    expect(readConfig({ TESSERA_REFRESH_GRACE: '0s' }).refreshReuseGrace).toBe('0s');
    expect(readConfig({ TESSERA_REFRESH_GRACE: '1s' }).refreshReuseGrace).toBe('1s');
    expect(readConfig({ TESSERA_REFRESH_GRACE: '5m' }).refreshReuseGrace).toBe('5m');
  });

  it.each(['6m', '1d', '10', '-1s', 'soon'])('refuses %j, naming the variable', (value) => {
    const error = refusal({ TESSERA_REFRESH_GRACE: value });
    expect(error.variable).toBe('TESSERA_REFRESH_GRACE');
    expect(error.message).toContain('from 0s to 5m');
  });
});

describe('readConfig: the trusted issuer (TESSERA_TRUSTED_*)', () => {
  const IDP = { TESSERA_TRUSTED_ISSUER: 'https://login.example.com/', TESSERA_TRUSTED_JWKS_URL: 'https://login.example.com/jwks' };

  it('reads the provider with the defaults, and gives createAuth its trustedIssuers', () => {
    const { trustedIssuer } = readConfig(IDP);
    expect(trustedIssuer).toEqual({ issuer: 'https://login.example.com/', jwksUrl: 'https://login.example.com/jwks', audience: 'tessera-example-api', timeout: '5s', maxAge: '10m', maxStale: '6h' });
    expect(trustedIssuersFor(trustedIssuer)).toEqual([{
      issuer: 'https://login.example.com/', jwksUrl: 'https://login.example.com/jwks', audience: 'tessera-example-api',
      jwks: { timeout: '5s', maxCacheAge: '10m', minCacheAge: '60s', maxStale: '6h' },
    }]);
    const short = readConfig({ ...IDP, TESSERA_TRUSTED_JWKS_MAX_AGE: '2s', TESSERA_TRUSTED_JWKS_MAX_STALE: '0s' }).trustedIssuer;
    expect(trustedIssuersFor(short)[0].jwks).toMatchObject({ maxCacheAge: '2s', minCacheAge: '2s', maxStale: '0s' });
    expect(trustedIssuersFor(undefined)).toBeUndefined();
  });

  it.each([
    [{ TESSERA_TRUSTED_JWKS_URL: 'https://login.example.com/jwks' }, 'TESSERA_TRUSTED_JWKS_URL', 'TESSERA_TRUSTED_ISSUER is not'],
    [{ TESSERA_TRUSTED_JWKS_TIMEOUT: '2s' }, 'TESSERA_TRUSTED_JWKS_TIMEOUT', 'TESSERA_TRUSTED_ISSUER is not'],
    [{ TESSERA_TRUSTED_ISSUER: 'https://login.example.com/' }, 'TESSERA_TRUSTED_JWKS_URL', 'must be set with TESSERA_TRUSTED_ISSUER'],
    [{ ...IDP, TESSERA_TRUSTED_JWKS_URL: 'ftp://login.example.com/jwks' }, 'TESSERA_TRUSTED_JWKS_URL', 'https URL'],
    [{ ...IDP, TESSERA_TRUSTED_ISSUER: 'an issuer' }, 'TESSERA_TRUSTED_ISSUER', 'without spaces'],
    [{ ...IDP, TESSERA_TRUSTED_JWKS_TIMEOUT: '2h' }, 'TESSERA_TRUSTED_JWKS_TIMEOUT', 'from 1s to 1m'],
    [{ ...IDP, TESSERA_TRUSTED_JWKS_MAX_STALE: 'forever' }, 'TESSERA_TRUSTED_JWKS_MAX_STALE', 'from 0s to 7d'],
  ])('refuses %j naming %s', (env, variable, text) => {
    const error = refusal(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(text);
  });
});
