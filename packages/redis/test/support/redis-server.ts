/**
 * A private `redis-server` a test starts, stops and restarts on a free port of its own, so it can
 * break Redis without touching the shared one. Every server started here is stopped by `stop()`;
 * a test file calls it in afterAll.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';

/** A free TCP port on 127.0.0.1 (the OS picks it; it is free again once we close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Answers PING within `ms`, or throws. */
export async function waitForPing(port: number, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const client = createClient({ socket: { host: '127.0.0.1', port, connectTimeout: 500, reconnectStrategy: false } });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.ping();
      await client.close();
      return;
    } catch (err) {
      client.destroy();
      if (Date.now() > deadline) throw new Error(`redis-server on 127.0.0.1:${port} did not answer PING within ${ms} ms`, { cause: err });
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** One private redis-server. */
export class RedisServer {
  readonly dir: string;
  private process: ChildProcess | undefined;

  private constructor(readonly port: number, private readonly extra: string[]) {
    this.dir = mkdtempSync(join(tmpdir(), 'tessera-redis-'));
  }

  /** Starts a server on a free port; `extra` are more `redis-server` arguments. */
  static async start(extra: string[] = []): Promise<RedisServer> {
    const server = new RedisServer(await freePort(), extra);
    await server.restart();
    return server;
  }

  /** The process id of the running server (to freeze it with SIGSTOP). */
  get pid(): number {
    if (this.process?.pid === undefined) throw new Error(`redis-server on port ${this.port} is not running`);
    return this.process.pid;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts it again on the same port and directory (after `kill`). */
  async restart(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir, ...this.extra];
    const child = spawn('redis-server', args, { stdio: 'ignore' });
    this.process = child;
    await waitForPing(this.port);
  }

  /** Stops it with `signal` (SIGTERM: a clean shutdown that writes the AOF; SIGKILL: a crash) and waits for the exit. */
  async kill(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }

  /** Stops it and removes its directory. */
  async stop(): Promise<void> {
    await this.kill('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }
}
