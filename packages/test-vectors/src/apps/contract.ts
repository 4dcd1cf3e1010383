/**
 * The data every example app shares (apps/README.md): the routes, the demo users, the settings'
 * defaults, and the start-ups that must fail. Source: Tessera issue 10, item 7 (the example apps'
 * common contract); the users are those of apps/common/src/users.mjs.
 */
import type { StartupFailureCase } from './types.js';

/** The routes, as listed by `GET /` (`routes` maps each of these to a description). */
export const CONTRACT_ROUTES = [
  'GET /',
  'GET /api/me',
  'GET /api/admin',
  'POST /auth/login',
  'POST /auth/refresh',
  'POST /auth/logout',
  'POST /auth/logout-all',
  'GET /auth/session',
  'GET /.well-known/jwks.json',
] as const;

/** A demo account. The passwords are public: these are examples. */
export interface ContractUser {
  id: string;
  username: string;
  password: string;
  roles: readonly string[];
  permissions: readonly string[];
}

/** The demo users: `ada` is a user, `grace` an admin. */
export const CONTRACT_USERS: readonly [ContractUser, ContractUser] = [
  { id: 'u-ada', username: 'ada', password: 'correct horse battery staple', roles: ['user'], permissions: ['notes:read'] },
  { id: 'u-grace', username: 'grace', password: 'hopper-1906-cobol', roles: ['user', 'admin'], permissions: ['notes:read', 'users:manage'] },
];

/** The `aud` of every access token an example app issues. */
export const CONTRACT_AUDIENCE = 'tessera-example-api';

/** `TESSERA_ACCESS_TTL` when unset: 10 minutes. */
export const DEFAULT_ACCESS_TTL_SECONDS = 600;

/**
 * Settings an app must refuse at start-up (exit code not 0, a message naming the variable) instead
 * of ignoring them or falling back to a default.
 */
export const STARTUP_FAILURES: readonly StartupFailureCase[] = [
  { env: { TRANSPORT: 'carrier-pigeon' }, variable: 'TRANSPORT', why: 'not cookie, bearer or split' },
  { env: { TESSERA_ACCESS_TTL: 'forever' }, variable: 'TESSERA_ACCESS_TTL', why: 'not a duration' },
  { env: { TESSERA_ACCESS_TTL: '0s' }, variable: 'TESSERA_ACCESS_TTL', why: 'shorter than 1s' },
  { env: { TESSERA_ACCESS_TTL: '2d' }, variable: 'TESSERA_ACCESS_TTL', why: 'longer than 1d' },
  { env: { PORT: 'eighty' }, variable: 'PORT', why: 'not a port number' },
  { env: { PORT: '65536' }, variable: 'PORT', why: 'out of range' },
  { env: { HOST: 'not a host' }, variable: 'HOST', why: 'not an address or a host name' },
  { env: { HOST: '0.0.0.0' }, variable: 'TESSERA_ORIGIN', why: 'every interface without a public origin: the issuer cannot come from the listening address' },
  { env: { TESSERA_ORIGIN: 'ftp://files.example' }, variable: 'TESSERA_ORIGIN', why: 'not http(s)' },
  { env: { TESSERA_ORIGIN: 'https://app.example/path' }, variable: 'TESSERA_ORIGIN', why: 'an origin has no path' },
  { env: { TESSERA_SIGNING_KEY: 'not-a-key' }, variable: 'TESSERA_SIGNING_KEY', why: 'neither a PEM nor a JWK' },
  { env: { TESSERA_SIGNING_KEY_FILE: '/nonexistent/tessera-signing-key.pem' }, variable: 'TESSERA_SIGNING_KEY_FILE', why: 'the file cannot be read' },
  { env: { NODE_ENV: 'production' }, variable: 'TESSERA_SIGNING_KEY', why: 'no signing key in production' },
  { env: { TESSERA_REFRESH_GRACE: 'soon' }, variable: 'TESSERA_REFRESH_GRACE', why: 'not a duration' },
  { env: { TESSERA_REFRESH_GRACE: '6m' }, variable: 'TESSERA_REFRESH_GRACE', why: 'longer than 5m' },
  { env: { REDIS_URL: 'http://cache.internal:6379' }, variable: 'REDIS_URL', why: 'not redis:// or rediss://' },
  { env: { REDIS_URL: 'redis://admin:hunter2-secret@/0' }, variable: 'REDIS_URL', why: 'no host (and the password is not repeated)', secret: 'hunter2-secret' },
  { env: { REDIS_URL: 'redis://127.0.0.1:6379' }, variable: 'TESSERA_SIGNING_KEY', why: 'shared sessions without a shared signing key: a generated key would differ per instance' },
  { env: { TESSERA_REDIS_PREFIX: 'myapp:' }, variable: 'TESSERA_REDIS_PREFIX', why: 'a Redis prefix without REDIS_URL' },
  { env: { REDIS_URL: 'redis://127.0.0.1:6379', TESSERA_REDIS_PREFIX: '{tag}' }, variable: 'TESSERA_REDIS_PREFIX', why: 'braces are not allowed in a prefix' },
];
