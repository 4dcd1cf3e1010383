/**
 * A private `redis-server` for the Redis store's HTTP row: on a free port of 127.0.0.1, without
 * persistence (`--save '' --appendonly no`), started by the bench and stopped at the end. Private so
 * that Redis's own `INFO commandstats` counts only the calls of the server under test: any other
 * client of a shared Redis would add its own.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { openRedis } from './resp.mjs';

const BINARY = process.env.BENCH_REDIS_SERVER ?? 'redis-server';

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * Start it; resolves to `{ url, stop() }` once it answers PING, or rejects within `timeoutMs` with
 * the reason (binary missing, exited, not answering). The process is killed when this one exits,
 * whatever the path, and `stop()` may be called any number of times.
 */
export async function startPrivateRedis({ timeoutMs = 5000 } = {}) {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const child = spawn(BINARY, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--loglevel', 'warning'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  let exited;
  const closed = new Promise((r) => child.once('close', (code, signal) => { exited = signal ?? code; r(); }));
  child.stderr.on('data', (d) => { err += d; });
  let spawnError;
  child.once('error', (e) => { spawnError = e; });
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  const stop = async () => {
    process.off('exit', kill);
    if (exited === undefined && spawnError === undefined) child.kill('SIGTERM');
    if (spawnError === undefined) await closed;
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (spawnError !== undefined) {
      await stop();
      throw new Error(`could not start ${BINARY}: ${spawnError.code === 'ENOENT' ? 'not installed (set BENCH_REDIS_SERVER to its path)' : spawnError.message}`);
    }
    if (exited !== undefined) {
      await stop();
      throw new Error(`${BINARY} --port ${port} exited (${exited}): ${err.trim().slice(-500)}`);
    }
    try {
      const redis = await openRedis(url, { timeoutMs: 500 });
      const pong = await redis.send('PING');
      await redis.close();
      if (pong === 'PONG') return { url, port, stop };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${BINARY} --port ${port} did not answer PING within ${timeoutMs} ms`);
    }
    await sleep(50);
  }
}
