/**
 * `createRedisStore`: the `AuthStore` of `@tessera/jwt-core/server` on Redis (a single server or
 * Redis Cluster), for a farm of instances sharing sessions and revocations.
 */
import { JoseError } from '@tessera/jwt-core';
import type { AccessState, AuthStore, RefreshRecord, RotateOutcome } from '@tessera/jwt-core/server';
import { addressOfUrl, describeClient, sender, type AnyRedisClient } from './client.js';
import { createCommands } from './commands.js';
import { connectUrl, type OwnClient } from './connect.js';
import { createKeys } from './keys.js';
import { invalidOption, milliseconds, resolveOptions, type RedisStoreOptions } from './options.js';
import { fromFields, toFields } from './records.js';
import { INSERT, ROTATE } from './scripts/refresh.js';
import { RAISE_EPOCH, REVOKE } from './scripts/revocation.js';

/** The Redis store: an {@link AuthStore} that can also release the client it created. */
export interface RedisStore extends AuthStore {
  /**
   * Closes the client the store created from `url`. A client the application passed is left
   * open (the application owns it). Idempotent.
   */
  close(): Promise<void>;
  /**
   * Waits until the client the store created from `url` is connected, at most `connectTimeout`
   * ms, then throws `ERR_AUTH_UNAVAILABLE` naming the server. Optional: without it the first calls
   * fail fast (503) until Redis answers. With a client the application passed, resolves at once.
   */
  ready(): Promise<void>;
}

const live = (until: unknown, now: number): boolean => typeof until === 'string' && Number(until) > now;

/** The epoch in `"<epoch> <expiresAt>"`, or undefined when absent or expired at `now`. */
function epochOf(value: unknown, now: number): number | undefined {
  if (typeof value !== 'string') return undefined;
  const [epoch, expires] = value.split(' ');
  return Number(expires) > now ? Number(epoch) : undefined;
}

/** The client to use (the application's, or one created from the URL) and how messages name it. */
function clientOf(options: RedisStoreOptions): { own?: OwnClient; client: AnyRedisClient; server: string; connectTimeout: number } {
  const hasClient = 'client' in options && options.client !== undefined;
  const hasUrl = 'url' in options && options.url !== undefined;
  if (hasClient === hasUrl) {
    throw invalidOption(hasClient ? 'pass client or url, not both' : 'pass client (a node-redis client the application connected) or url', "pass { url: 'redis://127.0.0.1:6379' } or { client: createClient(…) } after await client.connect()");
  }
  if (hasClient) {
    const client = (options as { client: unknown }).client;
    if (client === null || typeof client !== 'object' || typeof (client as { sendCommand?: unknown }).sendCommand !== 'function') {
      throw invalidOption('client must be a node-redis client (createClient() or createCluster())', "pass the client from import { createClient } from 'redis'");
    }
    return { client: client as AnyRedisClient, server: describeClient(client as AnyRedisClient), connectTimeout: 0 };
  }
  const { url, connectTimeout } = options as { url: unknown; connectTimeout?: unknown };
  if (typeof url !== 'string' || !/^rediss?:\/\//.test(url)) {
    // The URL itself is never shown: it may hold a password.
    throw invalidOption(`url must be a redis:// or rediss:// URL; got ${typeof url === 'string' ? 'a string with another scheme (or none)' : typeof url}`, "pass url: 'redis://127.0.0.1:6379'");
  }
  const timeout = milliseconds('connectTimeout', connectTimeout, 2000, 10, 60_000);
  const created = connectUrl(url, timeout);
  return { own: created, client: created.client, server: `Redis at ${addressOfUrl(url)}`, connectTimeout: timeout };
}

/**
 * Creates the Redis store. Every multi-step write is one Lua script (rotation with reuse detection
 * and the grace rule, revocations, the user epoch's atomic max), run by EVALSHA; `checkAccess`,
 * asked on every authenticated request, is one MGET. Every key expires with what it describes.
 * When Redis does not answer within `commandTimeout`, a call throws `ERR_AUTH_UNAVAILABLE` naming
 * the server, and the auth layer answers 503 with Retry-After.
 *
 * @example
 * ```ts
 * import { createClient } from 'redis';
 * import { createAuth } from '@tessera/jwt-core/server';
 * import { createRedisStore } from '@tessera/redis';
 *
 * // A URL: the store creates its client (no offline queue, reconnects by itself).
 * const store = createRedisStore({ url: process.env.REDIS_URL!, keyPrefix: 'myapp:' });
 * const auth = createAuth({ ...config, store });
 *
 * // Or a client the application connected (createClient or createCluster); the store never closes it.
 * const client = await createClient({ url: process.env.REDIS_URL }).connect();
 * const shared = createRedisStore({ client });
 * ```
 */
export function createRedisStore(options: RedisStoreOptions): RedisStore {
  if (options === null || typeof options !== 'object') throw invalidOption('options must be an object', "pass { url: 'redis://127.0.0.1:6379' }");
  const { keyPrefix, commandTimeout, now } = resolveOptions(options);
  const { own: created, client, server, connectTimeout } = clientOf(options);
  const keys = createKeys(keyPrefix);
  const redis = createCommands(sender(client), server, commandTimeout);

  const revoke = async (operation: string, key: string, until: number): Promise<void> => {
    await redis.script(operation, REVOKE, [key], [String(now()), String(until)]);
  };

  return {
    async insertRefresh(record) {
      const key = keys.refresh(record.hash);
      await redis.script('insertRefresh', INSERT, [key], [String(now()), String(record.expiresAt), ...toFields(record)]);
    },
    async findRefresh(hash) {
      const record = fromFields(hash, await redis.call('findRefresh', keys.refresh(hash), true, ['HGETALL', keys.refresh(hash)]));
      return record !== undefined && record.expiresAt > now() ? record : undefined;
    },
    async rotateRefresh(req): Promise<RotateOutcome> {
      const family = req.child.family;
      const reply = await redis.script('rotateRefresh', ROTATE, [keys.refresh(req.hash), keys.refresh(req.child.hash), keys.family(family)], [
        String(req.now), String(req.graceSeconds), String(req.maxGraceUses), family, String(req.child.expiresAt), ...toFields(req.child),
      ]);
      const [status, grace, ...fields] = reply as [string, number, ...string[]];
      if (status === 'missing') return { status };
      const record = fromFields(req.hash, fields) as RefreshRecord;
      if (status === 'rotated') return { status, record, grace: grace === 1 };
      return { status: status as 'revoked' | 'reused', record };
    },
    revokeFamily: (family, until) => revoke('revokeFamily', keys.family(family), until),
    async isFamilyRevoked(family) {
      return live(await redis.call('isFamilyRevoked', keys.family(family), true, ['GET', keys.family(family)]), now());
    },
    revokeAccessToken: (jti, until) => revoke('revokeAccessToken', keys.access(jti), until),
    async isAccessTokenRevoked(jti) {
      return live(await redis.call('isAccessTokenRevoked', keys.access(jti), true, ['GET', keys.access(jti)]), now());
    },
    // One MGET, one round trip: the three keys share the store's hash slot, so it is one command
    // on a cluster too, and the three answers are one moment's (a command is atomic).
    async checkAccess(query): Promise<AccessState> {
      const jti = keys.access(query.jti);
      const reply = await redis.call('checkAccess', jti, true, ['MGET', jti, keys.family(query.family), keys.epoch(query.sub)]);
      const [access, family, epoch] = reply as [unknown, unknown, unknown];
      const t = now();
      return { revoked: live(access, t), familyRevoked: live(family, t), userEpoch: epochOf(epoch, t) };
    },
    async getUserEpoch(sub) {
      return epochOf(await redis.call('getUserEpoch', keys.epoch(sub), true, ['GET', keys.epoch(sub)]), now());
    },
    async raiseUserEpoch(sub, epoch, ttlSeconds) {
      await redis.script('raiseUserEpoch', RAISE_EPOCH, [keys.epoch(sub)], [String(now()), String(epoch), String(ttlSeconds)]);
    },
    async ready() {
      if (created === undefined || (await created.ready(connectTimeout))) return;
      throw new JoseError('ERR_AUTH_UNAVAILABLE', `${server} did not accept a connection within ${connectTimeout} ms (connectTimeout)`, {
        hint: `check that ${server} is running and reachable from this host; the store keeps reconnecting in the background`,
        reason: 'internal',
      });
    },
    async close() {
      await created?.close();
    },
  };
}
