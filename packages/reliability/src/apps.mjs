/**
 * The example apps under test, started as `npm start` does (`node src/server.mjs` in the app's
 * folder) on a free port of 127.0.0.1, with two additions for the measurements: `--expose-gc` and
 * the heap probe preloaded (heap-probe.mjs), reached over an IPC channel, so no app needs a
 * test-only route. Readiness is `GET /` answering 200, as in `@tessera/test-vectors/apps`.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort } from '@tessera/test-vectors/apps';

const ROOT = new URL('../../../apps/', import.meta.url);

/** The apps by short name: their folder and label. */
export const APPS = {
  node: { name: 'apps/node-http', dir: fileURLToPath(new URL('node-http/', ROOT)) },
  koa: { name: 'apps/koa-api', dir: fileURLToPath(new URL('koa-api/', ROOT)) },
  next: { name: 'apps/next-web', dir: fileURLToPath(new URL('next-web/', ROOT)) },
};

const PROBE = fileURLToPath(new URL('./heap-probe.mjs', import.meta.url));
const HEAP = 'tessera-reliability:heap';
const MAX_OUTPUT = 64 * 1024;
const NOT_INHERITED = /^(PORT|HOST|TRANSPORT|NODE_ENV|REDIS_URL|TESSERA_.*)$/;

/** The app's short name checked, with its folder; next-web must have been built (`next build`). */
export function appInfo(app) {
  const info = APPS[app];
  if (info === undefined) throw new RangeError(`unknown app "${app}": one of ${Object.keys(APPS).join(', ')}`);
  if (app === 'next' && !existsSync(`${info.dir}.next/BUILD_ID`)) {
    throw new Error('apps/next-web has no production build: run `npx --yes pnpm@10 turbo run build --filter=@tessera/example-next-web` first');
  }
  return info;
}

/**
 * Starts `app` ('node', 'koa' or 'next') with `env` (the contract's variables; PORT and HOST are
 * chosen here) and resolves once it serves: `{ url, port, child, output(), heap(), stop() }`.
 * `heap()` resolves to the heap in use after a full GC, in bytes; `stop()` sends SIGTERM, then
 * SIGKILL after `graceMs`, and resolves once it has exited.
 */
export async function startApp(app, { env = {}, readyMs = 30_000 } = {}) {
  const { dir, name } = appInfo(app);
  const port = await freePort();
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !NOT_INHERITED.test(k)));
  const child = spawn(process.execPath, ['--expose-gc', '--import', PROBE, 'src/server.mjs'], {
    cwd: dir,
    env: { ...inherited, NEXT_TELEMETRY_DISABLED: '1', ...env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  const collect = (chunk) => { if (output.length < MAX_OUTPUT) output += chunk.toString('utf8').slice(0, MAX_OUTPUT - output.length); };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let exit;
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve((exit = { code, signal }))));
  child.once('error', (error) => { output += `\n${error.message}`; });

  const heap = () => new Promise((resolve, reject) => {
    if (exit !== undefined) return reject(new Error(`${name} has exited`));
    const timer = setTimeout(() => done(new Error(`${name} did not report its heap within 10 s`)), 10_000);
    const onMessage = (m) => { if (m?.type === HEAP) done(undefined, m.heapUsed); };
    const done = (error, value) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      if (error) reject(error);
      else resolve(value);
    };
    child.on('message', onMessage);
    child.send({ type: HEAP });
  });

  const stop = async (graceMs = 5000) => {
    if (exit !== undefined) return exit;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
    return exit;
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyMs;
  while (Date.now() < deadline) {
    if (exit !== undefined) throw new Error(`${name} exited (${exit.code ?? exit.signal}) before it was ready; it printed:\n${output}`);
    try {
      const res = await fetch(`${url}/`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) return { name, url, port, child, output: () => output, heap, stop, exited };
    } catch {
      // not listening yet
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 100))]);
  }
  await stop();
  throw new Error(`${name} was not ready within ${readyMs} ms; it printed:\n${output}`);
}
