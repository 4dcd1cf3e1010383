/**
 * `createRedisStore`: the `AuthStore` of `@tessera/jwt-core/server` on Redis (a single server or
 * Redis Cluster), for a farm of instances sharing sessions and revocations.
 */
import { JoseError } from '@tessera/jwt-core';
import type { AccessQuery, AccessState, AuthStore, RefreshRecord, RotateOutcome } from '@tessera/jwt-core/server';
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
  /** One MGET, so always a promise (`AuthStore.checkAccess` also allows a synchronous answer). */
  checkAccess(query: AccessQuery): Promise<AccessState>;
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

/** A user's tag as `keys.user` writes it. */
const USER_TAG = /^\{u:[A-Za-z0-9_-]{16}\}$/;

const live = (until: unknown, now: number): boolean => typeof until === 'string' && Number(until) > now;

/** The epoch in `"<epoch> <expiresAt>"`, or undefined when absent or expired at `now`. */
function epochOf(value: unknown, now: number): number | undefined {
  if (typeof value !== 'string') return undefined;
  const [epoch, expires] = value.split(' ');
  return Number(expires) > now ? Number(epoch) : undefined;
}

/** A value under the store's prefix that it did not write: deny (503) rather than guess. */
function corrupt(operation: string, key: string): JoseError {
  return new JoseError('ERR_AUTH_UNAVAILABLE', `the auth store's ${operation} found a value it did not write at ${key}`, {
    hint: 'another program writes under this keyPrefix: give the store a prefix of its own (keyPrefix)',
    reason: 'internal',
  });
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
  // Which user a refresh token belongs to, kept in the token's own slot with the token's lifetime.
  const setOwner = async (operation: string, record: RefreshRecord, user: string, t: number): Promise<void> => {
    const key = keys.owner(record.hash);
    const ttl = Math.ceil(record.expiresAt - t);
    await redis.call(operation, key, false, ttl > 0 ? ['SET', key, user, 'EX', String(ttl)] : ['DEL', key]);
  };

  return {
    // Two keys in two slots (the owner, the record); a failure of either throws (the sign-in gets
    // a 503) and what the other wrote expires with the token.
    async insertRefresh(record) {
      const user = keys.user(record.sub);
      const t = now();
      await Promise.all([
        setOwner('insertRefresh', record, user, t),
        redis.script('insertRefresh', INSERT, [keys.refresh(user, record.hash)], [String(t), String(record.expiresAt), ...toFields(record)]),
      ]);
    },
    // Two round trips: the owner (the user's tag), then the record in that user's slot.
    async findRefresh(hash) {
      const user = await redis.call('findRefresh', keys.owner(hash), true, ['GET', keys.owner(hash)]);
      if (user === null || user === undefined) return undefined;
      if (typeof user !== 'string' || !USER_TAG.test(user)) throw corrupt('findRefresh', keys.owner(hash));
      const record = fromFields(hash, await redis.call('findRefresh', keys.refresh(user, hash), true, ['HGETALL', keys.refresh(user, hash)]));
      return record !== undefined && record.expiresAt > now() ? record : undefined;
    },
    // The child's owner is written first, so a child the script stores is always found; when the
    // script stores none, the owner is removed again (or expires with the child's lifetime).
    async rotateRefresh(req): Promise<RotateOutcome> {
      const { family, sub } = req.child;
      const user = keys.user(sub);
      await setOwner('rotateRefresh', req.child, user, req.now);
      const reply = await redis.script('rotateRefresh', ROTATE, [keys.refresh(user, req.hash), keys.refresh(user, req.child.hash), keys.family(user, family)], [
        String(req.now), String(req.graceSeconds), String(req.maxGraceUses), family, String(req.child.expiresAt), ...toFields(req.child),
      ]);
      const [status, grace, ...fields] = reply as [string, number, ...string[]];
      if (status !== 'rotated') await redis.call('rotateRefresh', keys.owner(req.child.hash), false, ['DEL', keys.owner(req.child.hash)]).catch(() => undefined);
      if (status === 'missing') return { status };
      const record = fromFields(req.hash, fields) as RefreshRecord;
      if (status === 'rotated') return { status, record, grace: grace === 1 };
      return { status: status as 'revoked' | 'reused', record };
    },
    revokeFamily: ({ family, sub }, until) => revoke('revokeFamily', keys.family(keys.user(sub), family), until),
    async isFamilyRevoked({ family, sub }) {
      const key = keys.family(keys.user(sub), family);
      return live(await redis.call('isFamilyRevoked', key, true, ['GET', key]), now());
    },
    revokeAccessToken: ({ jti, sub }, until) => revoke('revokeAccessToken', keys.access(keys.user(sub), jti), until),
    async isAccessTokenRevoked({ jti, sub }) {
      const key = keys.access(keys.user(sub), jti);
      return live(await redis.call('isAccessTokenRevoked', key, true, ['GET', key]), now());
    },
    // One MGET, one round trip: the three keys share the user's hash slot, so it is one command
    // on a cluster too, and the three answers are one moment's (a command is atomic).
    async checkAccess(query): Promise<AccessState> {
      const user = keys.user(query.sub);
      const jti = keys.access(user, query.jti);
      const reply = await redis.call('checkAccess', jti, true, ['MGET', jti, keys.family(user, query.family), keys.epoch(user)]);
      const [access, family, epoch] = reply as [unknown, unknown, unknown];
      const t = now();
      return { revoked: live(access, t), familyRevoked: live(family, t), userEpoch: epochOf(epoch, t) };
    },
    async getUserEpoch(sub) {
      const key = keys.epoch(keys.user(sub));
      return epochOf(await redis.call('getUserEpoch', key, true, ['GET', key]), now());
    },
    async raiseUserEpoch(sub, epoch, ttlSeconds) {
      await redis.script('raiseUserEpoch', RAISE_EPOCH, [keys.epoch(keys.user(sub))], [String(now()), String(epoch), String(ttlSeconds)]);
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
