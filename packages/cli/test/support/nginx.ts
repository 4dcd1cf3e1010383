/**
 * Debian's nginx, started by a test on 127.0.0.1 with a generated configuration (its own prefix
 * directory, no daemon, no root), in front of app instances the test runs. `.ci/run` installs
 * nginx when it is missing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createTcpServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CANDIDATES = ['/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx'];

/** The nginx binary, or a failure that says how to get it. */
export function nginxBinary(): string {
  const found = CANDIDATES.find((p) => existsSync(p));
  if (found === undefined) throw new Error('nginx is missing: the doctor tests behind a real proxy need Debian\'s nginx (apt-get install -y nginx; .ci/run installs it)');
  return found;
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}: ${log()}`);
    const open = await new Promise<boolean>((r) => {
      const socket = connect(port, '127.0.0.1', () => { socket.destroy(); r(true); });
      socket.on('error', () => r(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`nginx did not listen on ${port}: ${log()}`);
}

export interface Nginx {
  url: string;
  stop(): Promise<void>;
}

/**
 * Start nginx with `http` as the body of its http block (server and upstream blocks); `{port}` in
 * it is replaced by the port nginx listens on.
 *
 * @example
 * ```ts
 * const proxy = await startNginx(`server { listen 127.0.0.1:{port}; location / { proxy_pass http://127.0.0.1:${app}; } }`);
 * ```
 */
export async function startNginx(http: string): Promise<Nginx> {
  const binary = nginxBinary();
  const dir = mkdtempSync(join(tmpdir(), 'tessera-nginx-'));
  const port = await freePort();
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `${t}_temp_path ${join(dir, t)};`).join('\n  ');
  writeFileSync(join(dir, 'nginx.conf'), `daemon off;
master_process off;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 64; }
http {
  access_log off;
  ${temp}
  ${http.replaceAll('{port}', String(port))}
}
`);
  const child = spawn(binary, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  await waitForPort(port, child, () => stderr);
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
