/**
 * Durability, stated: revocations made before a Redis restart hold after it when Redis keeps an
 * append-only file (`appendonly yes`, https://redis.io/docs/latest/operate/oss_and_stack/management/persistence/),
 * and are lost without persistence, so revoked sessions come back: the README's advice, shown.
 * A private redis-server per case, restarted with SIGTERM (a clean shutdown, which writes the AOF)
 * on the same port and directory; the store is the same object across the restart.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createRedisStore, type RedisStore } from '../src/index.js';
import { eventually } from './support/eventually.js';
import { RedisServer } from './support/redis-server.js';

const T = 1_800_000_000;
let server: RedisServer | undefined;
let store: RedisStore | undefined;

afterEach(async () => {
  await store?.close();
  await server?.stop();
  store = undefined;
  server = undefined;
});

const record = { hash: 'h1', family: 'f1', sub: 'u1', signedInAt: T, issuedAt: T, expiresAt: T + 600, familyExpiresAt: T + 3600 };

/** Logs out (a jti and a family), logs a user out everywhere and uses a refresh token; restarts Redis. */
async function revokeThenRestart(persistence: string[]): Promise<RedisStore> {
  server = await RedisServer.start(persistence);
  const s = createRedisStore({ url: server.url, keyPrefix: 'durable:', now: () => new Date(T * 1000) });
  store = s;
  await eventually(() => s.insertRefresh(record));
  expect((await s.rotateRefresh({ hash: 'h1', child: { ...record, hash: 'h2' }, now: T, graceSeconds: 0, maxGraceUses: 0 })).status).toBe('rotated');
  await s.revokeAccessToken({ jti: 'j1', sub: 'u1' }, T + 600);
  await s.revokeFamily({ family: 'f9', sub: 'u1' }, T + 600);
  await s.raiseUserEpoch('u1', T, 600);
  await server.kill('SIGTERM');
  await server.restart();
  await eventually(() => s.checkAccess({ jti: 'j1', family: 'f9', sub: 'u1' }));
  return s;
}

describe('revocations across a Redis restart', () => {
  it('with appendonly yes: the revoked token, family and epoch still hold, and the used refresh token is still used', async () => {
    const s = await revokeThenRestart(['--appendonly', 'yes', '--appendfsync', 'everysec']);
    expect(await s.checkAccess({ jti: 'j1', family: 'f9', sub: 'u1' })).toEqual({ revoked: true, familyRevoked: true, userEpoch: T });
    // A replay of the rotated token is reuse (theft), not a fresh first use.
    expect((await s.rotateRefresh({ hash: 'h1', child: { ...record, hash: 'h3' }, now: T, graceSeconds: 0, maxGraceUses: 0 })).status).toBe('reused');
  });

  it('without persistence: every revocation is gone after the restart (what the README warns about)', async () => {
    const s = await revokeThenRestart(['--appendonly', 'no', '--save', '']);
    expect(await s.checkAccess({ jti: 'j1', family: 'f9', sub: 'u1' })).toEqual({ revoked: false, familyRevoked: false, userEpoch: undefined });
    expect(await s.findRefresh('h1')).toBeUndefined();
  });
});
