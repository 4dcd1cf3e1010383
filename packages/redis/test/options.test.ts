/**
 * Options the store cannot use are refused at creation with ERR_JOSE_INVALID_OPTION naming the
 * option; no connection is made for them.
 */
import { describe, expect, it } from 'vitest';
import { JoseError } from '@tessera/jwt-core';
import { createRedisStore } from '../src/index.js';
import type { RedisStoreOptions } from '../src/index.js';

const fakeClient = { sendCommand: async () => null };

function refusal(options: unknown): JoseError {
  try {
    createRedisStore(options as RedisStoreOptions);
  } catch (err) {
    expect(err).toBeInstanceOf(JoseError);
    return err as JoseError;
  }
  throw new Error('createRedisStore accepted the options');
}

describe('createRedisStore validates its options', () => {
  it.each([
    ['neither client nor url', {}, 'pass client'],
    ['both client and url', { client: fakeClient, url: 'redis://127.0.0.1:6379' }, 'not both'],
    ['a client that is not a node-redis client', { client: {} }, 'client must be a node-redis client'],
    ['a url that is not redis://', { url: 'http://127.0.0.1:6379' }, 'url must be a redis:// or rediss:// URL'],
    ['a key prefix with a brace (it would change the hash tag)', { client: fakeClient, keyPrefix: 'app{x}:' }, 'keyPrefix must be'],
    ['an empty key prefix', { client: fakeClient, keyPrefix: '' }, 'keyPrefix must be'],
    ['a commandTimeout of 0', { client: fakeClient, commandTimeout: 0 }, 'commandTimeout must be an integer'],
    ['a fractional commandTimeout', { client: fakeClient, commandTimeout: 12.5 }, 'commandTimeout must be an integer'],
    ['a connectTimeout in seconds as a string', { url: 'redis://127.0.0.1:6379', connectTimeout: '2' }, 'connectTimeout must be an integer'],
    ['a clock that is not a function', { client: fakeClient, now: 5 }, 'now must be a function'],
    ['no options at all', undefined, 'options must be an object'],
  ])('refuses %s', (_, options, message) => {
    const err = refusal(options);
    expect(err.code).toBe('ERR_JOSE_INVALID_OPTION');
    expect(err.message).toContain(message);
    expect(err.hint).toBeTruthy();
  });

  it('never shows the password of a refused URL', () => {
    for (const url of ['http://user:s3cret@127.0.0.1:6379', 'u:s3cret@127.0.0.1:6379']) {
      const err = refusal({ url });
      expect(`${err.message} ${err.hint}`).not.toContain('s3cret');
    }
  });

  it('takes a client without contacting Redis at creation', () => {
    let calls = 0;
    createRedisStore({ client: { sendCommand: async () => { calls++; return null; } } });
    expect(calls).toBe(0);
  });
});
