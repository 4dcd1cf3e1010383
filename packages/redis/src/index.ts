/**
 * `@tessera/redis`: the shared {@link AuthStore} of `@tessera/jwt-core/server` on Redis, for apps
 * that run as several instances (one Redis, or Redis Cluster).
 */
export { createRedisStore } from './store.js';
export type { RedisStore } from './store.js';
export type { RedisStoreOptions, RedisStoreClientOptions, RedisStoreUrlOptions, RedisStoreCommonOptions } from './options.js';
export type { RedisClientLike, RedisClusterLike } from './client.js';
