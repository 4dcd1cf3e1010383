/** Running the commands in-process with a frozen clock, captured output and temporary files. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { run } from '../../src/main.js';
import type { Io } from '../../src/lib/io.js';

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (for --json runs). */
  json: any;
}

export interface FakeIoOptions {
  now?: Date;
  env?: Record<string, string>;
  stdin?: string;
  color?: boolean;
  fetch?: typeof fetch;
}

/**
 * Run `tessera <argv>` in-process.
 *
 * @example
 * ```ts
 * const { code, json } = await tessera(['decode', '--json', token], { now: new Date(0) });
 * ```
 */
export async function tessera(argv: string[], options: FakeIoOptions = {}): Promise<Ran> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (t) => { stdout += t; },
    stderr: (t) => { stderr += t; },
    readStdin: async () => options.stdin ?? '',
    env: options.env ?? {},
    now: () => options.now ?? new Date(),
    color: options.color ?? false,
    fetch: options.fetch ?? globalThis.fetch,
  };
  const code = await run(argv, io);
  let json: unknown;
  if (argv.includes('--json')) json = JSON.parse(stdout);
  return { code, stdout, stderr, json };
}

/** A temporary directory for this test file, removed after it. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Write `content` (JSON for objects) to `name` in `dir` and return its path. */
export function writeIn(dir: string, name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

/** A compact JWS with the given header and claims and a dummy signature: for decode only. */
export function unsignedToken(header: object, claims: object | string): string {
  const b64 = (v: object | string) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
  return `${b64(header)}.${b64(claims)}.${Buffer.from('not-a-signature').toString('base64url')}`;
}
