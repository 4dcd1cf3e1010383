/**
 * The options of {@link createRedisStore}, and their validation: a value the store cannot use is
 * refused at start-up with `ERR_JOSE_INVALID_OPTION` naming the option, never at the first request.
 */
import { JoseError } from '@tessera/jwt-core';
import type { RedisClientLike, RedisClusterLike } from './client.js';

/** Options shared by both ways of giving the store its Redis. */
export interface RedisStoreCommonOptions {
  /**
   * Prefix of every key (`tessera:{u:…}rt:…`; the hash tag in braces follows it): letters, digits
   * and `:_.-`, 1 to 64 characters. Default `tessera:`. Give each application (or test run) its own.
   */
  keyPrefix?: string;
  /**
   * Milliseconds a call waits for Redis before it fails with `ERR_AUTH_UNAVAILABLE` (the auth layer
   * answers 503 with Retry-After). Default 500; between 10 and 60000.
   */
  commandTimeout?: number;
  /**
   * The clock deciding expiry (NumericDate seconds are taken from it). Default: the system clock.
   * Tests inject one; `rotateRefresh` uses the `now` the auth layer passes.
   */
  now?: () => Date;
}

/** A client the application created and connected; the store never closes it. */
export interface RedisStoreClientOptions extends RedisStoreCommonOptions {
  /** node-redis `createClient()` or `createCluster()`, connected by the application. */
  client: RedisClientLike | RedisClusterLike;
}

/** A URL: the store creates, connects and (on `close()`) closes its own client. */
export interface RedisStoreUrlOptions extends RedisStoreCommonOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…` (TLS). */
  url: string;
  /**
   * Milliseconds one connection attempt may take before the client gives up and retries.
   * Default 2000.
   */
  connectTimeout?: number;
}

/** Options of {@link createRedisStore}: a client or a URL, not both. */
export type RedisStoreOptions = RedisStoreClientOptions | RedisStoreUrlOptions;

/** The validated options. */
export interface ResolvedOptions {
  keyPrefix: string;
  commandTimeout: number;
  now: () => number;
}

export const DEFAULT_KEY_PREFIX = 'tessera:';
export const DEFAULT_COMMAND_TIMEOUT = 500;
const PREFIX = /^[A-Za-z0-9:_.-]{1,64}$/;

/** `ERR_JOSE_INVALID_OPTION` for one option of the Redis store. */
export function invalidOption(message: string, hint: string): JoseError {
  return new JoseError('ERR_JOSE_INVALID_OPTION', `createRedisStore: ${message}`, { hint, reason: 'invalid_option' });
}

/** Checks a millisecond option: an integer within [min, max], or the default when absent. */
export function milliseconds(name: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalidOption(`${name} must be an integer number of milliseconds from ${min} to ${max}; got ${JSON.stringify(value)}`, `pass ${name}: ${fallback} (the default) or leave it out`);
  }
  return value;
}

/** Validates what both kinds of options share. */
export function resolveOptions(options: RedisStoreOptions): ResolvedOptions {
  const keyPrefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
  // Braces would change the hash tag (the Redis Cluster slot); glob characters would break SCAN.
  if (typeof keyPrefix !== 'string' || !PREFIX.test(keyPrefix)) {
    throw invalidOption(`keyPrefix must be 1 to 64 letters, digits or ':_.-'; got ${JSON.stringify(keyPrefix)}`, `pass keyPrefix: '${DEFAULT_KEY_PREFIX}' (the default) or another name such as 'myapp:auth:'`);
  }
  const commandTimeout = milliseconds('commandTimeout', options.commandTimeout, DEFAULT_COMMAND_TIMEOUT, 10, 60_000);
  const clock = options.now;
  if (clock !== undefined && typeof clock !== 'function') {
    throw invalidOption(`now must be a function returning a Date; got ${typeof clock}`, 'leave now out to use the system clock');
  }
  const now = clock === undefined ? (): number => Math.floor(Date.now() / 1000) : (): number => Math.floor(clock().getTime() / 1000);
  return { keyPrefix, commandTimeout, now };
}
