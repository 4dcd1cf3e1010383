/** openStore (store.mjs): memory without REDIS_URL; with it, a start that fails fast and names Redis when it is down. */
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { openStore } from '../src/store.mjs';

/** A port on 127.0.0.1 nothing listens on right now. */
async function closedPort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('openStore', () => {
  it("keeps sessions in this process's memory without REDIS_URL", async () => {
    const sessions = await openStore({});
    expect(sessions.label).toMatch(/^this process's memory/);
    expect(typeof sessions.store.rotateRefresh).toBe('function');
    await sessions.close();
  });

  it('rejects within the connect timeout when Redis is unreachable, naming Redis and REDIS_URL but not the password', async () => {
    const port = await closedPort();
    const started = Date.now();
    const error = await openStore({ redisUrl: `redis://user:s3cret-pw@127.0.0.1:${port}`, redisPrefix: 'unreachable:' }).then(() => undefined, (e) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe(`Redis at 127.0.0.1:${port} (REDIS_URL) did not accept a connection within 2000 ms`);
    expect(error.hint).toContain('REDIS_URL');
    expect(`${error.message} ${error.hint} ${error.cause?.message}`).not.toContain('s3cret-pw');
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
