/**
 * The shared Redis at 127.0.0.1:6379 (`.ci/run` starts it when it is installed): a connected
 * client, a key prefix unique to the test file's run, and the deletion of that prefix's keys.
 */
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';

export const SHARED_URL = 'redis://127.0.0.1:6379';

/** A client that fails at once rather than reconnect (a test wants the error, not a wait). */
export function newClient(url: string) {
  const client = createClient({ url, socket: { connectTimeout: 2000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  return client;
}

export type TestClient = ReturnType<typeof newClient>;

/** A connected client, or an Error saying Redis is not reachable and how to start it. */
export async function connectShared(url = SHARED_URL): Promise<TestClient> {
  const client = newClient(url);
  try {
    await client.connect();
    return client;
  } catch (err) {
    throw new Error(
      `Redis at ${url.replace('redis://', '')} is not reachable (${(err as Error).message}). The @tessera/redis tests need it: ` +
        "start it with `redis-server --port 6379 --save '' --appendonly no --daemonize yes` (apt-get install redis-server), or run the tests through .ci/run, which starts it.",
      { cause: err },
    );
  }
}

/** A key prefix no other run uses: `tessera-test-<hex>:`. */
export function uniquePrefix(): string {
  return `tessera-test-${randomBytes(6).toString('hex')}:`;
}

/** Every key under the store's prefix (its keys are `prefix{…}…`). */
export async function keysOf(client: TestClient, prefix: string): Promise<string[]> {
  const found: string[] = [];
  for await (const batch of client.scanIterator({ MATCH: `${prefix}{*`, COUNT: 1000 })) found.push(...batch);
  return found;
}

/** Deletes every key under the prefix. */
export async function deleteKeys(client: TestClient, prefix: string): Promise<void> {
  const keys = await keysOf(client, prefix);
  for (let i = 0; i < keys.length; i += 1000) await client.unlink(keys.slice(i, i + 1000));
}
