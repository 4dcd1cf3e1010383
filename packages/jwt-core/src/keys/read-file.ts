/**
 * Reading the `*_FILE` variables of the config loader without importing Node: node:fs is found at
 * run time through `process.getBuiltinModule` (like node:crypto in lib/backends/runtime.ts), so the
 * core still bundles for the Edge runtime, where the caller passes its own `readFile` (or uses the
 * plain variables, since there is no file system).
 */
import { invalidOption } from '../lib/errors.js';

/** Returns the file's content; may be async. */
export type ReadFile = (path: string) => string | Uint8Array | Promise<string | Uint8Array>;

interface FsPromises { readFile(path: string, encoding: 'utf8'): Promise<string> }

export const readFileDefault: ReadFile = (path) => {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const fs = typeof proc?.getBuiltinModule === 'function' ? (proc.getBuiltinModule('node:fs') as { promises?: FsPromises } | undefined) : undefined;
  if (fs?.promises === undefined) {
    throw invalidOption(`cannot read ${path}: this runtime has no file system`, 'pass the readFile option, or put the key itself in the variable without _FILE');
  }
  return fs.promises.readFile(path, 'utf8');
};
