/**
 * Starting an example app the way `npm start` does, in a child process, for the contract test.
 * The one Node-only file of `@tessera/test-vectors/apps` (child processes, a free port): the checks
 * themselves use `fetch` only. Readiness is `GET /` answering 200, polled a bounded number of times;
 * an app that exits first rejects with its output, which is how start-up refusals are tested.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** How to start the app. */
export interface LaunchOptions {
  /** The program and its arguments, e.g. `[process.execPath, 'src/server.mjs']`. */
  command: readonly [string, ...string[]];
  /** The app's folder. */
  cwd: string;
  /**
   * The contract's variables for this run. PORT defaults to a free port, HOST to 127.0.0.1; the
   * runner's own PORT, HOST, TRANSPORT, NODE_ENV and TESSERA_* are not inherited.
   */
  env?: Readonly<Record<string, string>>;
  /** Readiness polls of `GET /` (default 100), `pollIntervalMs` apart (default 100). */
  maxPolls?: number;
  pollIntervalMs?: number;
}

/** A running app. */
export interface LaunchedApp {
  /** `http://HOST:PORT`. */
  url: string;
  port: number;
  child: ChildProcess;
  /** What it printed so far (stdout and stderr, interleaved, at most 64 KiB). */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs` (default 5000); resolves when it has exited. */
  stop(graceMs?: number): Promise<void>;
}

/** The app exited before it was ready. */
export class AppStartError extends Error {
  constructor(readonly exitCode: number | null, readonly signal: NodeJS.Signals | null, readonly output: string) {
    super(`the app exited (${exitCode === null ? `signal ${String(signal)}` : `code ${exitCode}`}) before it was ready; it printed:\n${output}`);
    this.name = 'AppStartError';
  }
}

const NOT_INHERITED = /^(PORT|HOST|TRANSPORT|NODE_ENV|TESSERA_.*)$/;
const MAX_OUTPUT = 64 * 1024;

/** A port free on 127.0.0.1 right now (the OS picks it; it is released before the app binds it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Starts the app and resolves once `GET /` answers 200; rejects with {@link AppStartError} when it
 * exits first, or with an Error (after stopping it) when it is not ready after the last poll.
 *
 * @example
 * ```ts
 * const app = await launchApp({ command: [process.execPath, 'src/server.mjs'], cwd: appDir, env: { TRANSPORT: 'bearer' } });
 * try {
 *   expect(await runAppContract({ baseUrl: app.url, transport: 'bearer' })).toEqual([]);
 * } finally {
 *   await app.stop();
 * }
 * ```
 */
export async function launchApp(options: LaunchOptions): Promise<LaunchedApp> {
  const host = options.env?.['HOST'] ?? '127.0.0.1';
  const port = options.env?.['PORT'] ?? String(await freePort());
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !NOT_INHERITED.test(name)));
  const env = { ...inherited, ...options.env, HOST: host, PORT: port };
  const [program, ...args] = options.command;
  const child = spawn(program, args, { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer): void => {
    if (output.length < MAX_OUTPUT) output += chunk.toString('utf8').slice(0, MAX_OUTPUT - output.length);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', (error) => {
      output += `\n${error.message}`;
      resolve({ code: null, signal: null });
    });
  });
  let done = false;
  void exited.then(() => (done = true));

  const stop = async (graceMs = 5000): Promise<void> => {
    if (done) return;
    child.kill('SIGTERM');
    let timer: ReturnType<typeof setTimeout> | undefined;
    const killed = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve();
      }, graceMs);
    });
    await Promise.race([exited, killed]);
    clearTimeout(timer);
    await exited;
  };

  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const maxPolls = options.maxPolls ?? 100;
  const interval = options.pollIntervalMs ?? 100;
  for (let poll = 0; poll < maxPolls; poll++) {
    if (done) {
      const { code, signal } = await exited;
      throw new AppStartError(code, signal, output);
    }
    try {
      const response = await fetch(`${url}/`, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.status === 200) return { url, port: Number(port), child, output: () => output, stop };
    } catch {
      // not listening yet
    }
    // The next poll after the interval, or at once when the app exits meanwhile.
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, interval))]);
  }
  await stop();
  throw new Error(`the app was not ready after ${maxPolls} polls of ${url}/; it printed:\n${output}`);
}
