/**
 * A private `redis-server` for the Redis scenario: on a free port of 127.0.0.1, persisting to an
 * append-only file in its own temporary folder (`--appendonly yes --dir <tmp>`), so that it can be
 * killed with SIGKILL mid-load and started again on the same port and folder, where it reloads the
 * AOF. `stop()` kills it and removes the folder; the process is killed if the test process exits
 * first. `REDIS_SERVER` names another binary (default `redis-server` on the PATH).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@tessera/test-vectors/apps';

const BINARY = process.env.REDIS_SERVER ?? 'redis-server';

/** Resolves true when the server at `port` answers PING within `ms`. */
export function pings(port, ms = 500) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const done = (ok) => { clearTimeout(timer); socket.destroy(); resolve(ok); };
    const timer = setTimeout(() => done(false), ms);
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d) => done(d.toString('latin1').startsWith('+PONG')));
    socket.on('error', () => done(false));
  });
}

function launch(port, dir) {
  const child = spawn(BINARY, ['--port', String(port), '--bind', '127.0.0.1', '--appendonly', 'yes', '--appendfsync', 'everysec', '--save', '', '--dir', dir, '--daemonize', 'no', '--loglevel', 'warning'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { if (stderr.length < 4096) stderr += d; });
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', (error) => resolve({ error }));
  });
  return { child, exited, stderr: () => stderr };
}

/**
 * Starts it and resolves once it answers PING (within `readyMs`): `{ url, port, dir, kill(),
 * restart(), stop() }`. `kill()` sends SIGKILL and resolves once it is gone; `restart()` starts it
 * again on the same port and folder and resolves once it answers PING.
 */
export async function startRedis({ readyMs = 5000 } = {}) {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'tessera-reliability-redis-'));
  let current;
  const killOnExit = () => current?.child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const up = async () => {
    current = launch(port, dir);
    const deadline = Date.now() + readyMs;
    for (;;) {
      const exit = await Promise.race([current.exited, new Promise((r) => setTimeout(() => r(undefined), 50))]);
      if (exit?.error) throw new Error(`could not start ${BINARY}: ${exit.error.code === 'ENOENT' ? 'not installed (install redis-server or set REDIS_SERVER to its path)' : exit.error.message}`);
      if (exit !== undefined) throw new Error(`${BINARY} --port ${port} exited (${exit.code ?? exit.signal}): ${current.stderr().trim().slice(-500)}`);
      if (await pings(port, 200)) return;
      if (Date.now() > deadline) {
        current.child.kill('SIGKILL');
        throw new Error(`${BINARY} --port ${port} did not answer PING within ${readyMs} ms`);
      }
    }
  };
  const kill = async () => {
    current.child.kill('SIGKILL');
    await current.exited;
  };
  await up();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    kill,
    restart: up,
    stop: async () => {
      process.off('exit', killOnExit);
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
