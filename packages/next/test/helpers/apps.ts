/**
 * The fixture Next.js apps: test/app copied three ways (`middleware.ts` on the Edge, `proxy.ts` on
 * Node, and without either, its lib/auth.ts swapped for the conformance suite's), built once per
 * test run by the global setup (`next build`, offline, telemetry off), and started per test file
 * with `next start` on 127.0.0.1 and a free port. Every server started is stopped.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export type Variant = 'edge' | 'node' | 'conformance';

const PKG = fileURLToPath(new URL('../..', import.meta.url));
const NEXT_BIN = `${PKG}node_modules/next/dist/bin/next`;

/** Where a variant is built. */
export function appDir(variant: Variant): string {
  return `${PKG}test/.apps/${variant}`;
}

/** The environment every fixture process gets: offline, no telemetry. */
function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production', ...extra };
}

/** Copies test/app into the variant's directory, with `@tessera/next` resolving to this package. */
export function prepare(variant: Variant): string {
  const dir = appDir(variant);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(`${PKG}test/app`, dir, { recursive: true });
  if (variant !== 'edge') rmSync(`${dir}/middleware.ts`);
  if (variant !== 'node') rmSync(`${dir}/proxy.ts`);
  if (variant === 'conformance') {
    cpSync(`${PKG}test/conformance/auth.ts`, `${dir}/lib/auth.ts`);
    cpSync(`${PKG}test/conformance/proxy.ts`, `${dir}/proxy.ts`);
  }
  // The package as an app installs it: its package.json and its build (dist/, a link), nothing else.
  mkdirSync(`${dir}/node_modules/@tessera/next`, { recursive: true });
  cpSync(`${PKG}package.json`, `${dir}/node_modules/@tessera/next/package.json`);
  symlinkSync(`${PKG}dist`, `${dir}/node_modules/@tessera/next/dist`, 'dir');
  return dir;
}

/** `next build` of a prepared variant; throws with Next.js's output when it fails. */
export function build(variant: Variant): void {
  const dir = appDir(variant);
  const result = spawnSync(process.execPath, [NEXT_BIN, 'build'], {
    cwd: dir, encoding: 'utf8', timeout: 300_000,
    env: env({ TESSERA_SECRET: 'build-time-secret-never-used-at-run-time-0123456789', TESSERA_ORIGIN: 'http://127.0.0.1:9' }),
  });
  if (result.status !== 0) throw new Error(`next build of the ${variant} fixture failed:\n${result.stdout}\n${result.stderr}`);
  if (!existsSync(`${dir}/.next/BUILD_ID`)) throw new Error(`next build of the ${variant} fixture left no .next/BUILD_ID`);
}

/** A free TCP port on 127.0.0.1. */
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

export interface StartedApp {
  url: string;
  /** What the server printed (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

/** `next start` of a built variant on 127.0.0.1, with `TESSERA_ORIGIN` its own URL. */
export async function start(variant: Variant, settings: Record<string, string>): Promise<StartedApp> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let out = '';
  const child: ChildProcess = spawn(process.execPath, [NEXT_BIN, 'start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: appDir(variant), env: env({ TESSERA_ORIGIN: url, ...settings }), stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => void (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => void (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await fetch(`${url}/`, { redirect: 'manual' });
      break;
    } catch {
      if (child.exitCode !== null || Date.now() > deadline) {
        await stop();
        throw new Error(`next start of the ${variant} fixture did not come up:\n${out}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { url, output: () => out, stop };
}
