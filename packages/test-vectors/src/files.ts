/** Reading the data files from the package's `vectors/` folder (Node, Bun, Deno: node:fs). */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RawFiles } from './rfc.js';

// src/ and dist/ are both one level below the package root, next to vectors/.
const ROOT = new URL('../vectors/', import.meta.url);

/** Absolute path of the `vectors/` folder. */
export function vectorsDir(): string {
  return fileURLToPath(ROOT);
}

/** One data file, parsed; `path` is relative to `vectors/` (e.g. `rfc7515.json`, `wycheproof/ed25519_test.json`). */
export function readVectorFile(path: string): unknown {
  if (path.includes('..')) throw new Error(`vector path must stay inside vectors/: ${path}`);
  return JSON.parse(readFileSync(new URL(path, ROOT), 'utf8'));
}

/** The files the JWS/JWT suite is built from, parsed, keyed by path under `vectors/`. */
export function readSuiteFiles(): RawFiles {
  const raw: RawFiles = {};
  for (const name of ['rfc7515.json', 'rfc7519.json', 'rfc7638.json', 'rfc8037.json', 'negative/jwt.json']) raw[name] = readVectorFile(name);
  for (const name of readdirSync(new URL('rfc7520-cookbook/', ROOT))) {
    if (/^[34]_\d/.test(name)) raw[`rfc7520-cookbook/${name}`] = readVectorFile(`rfc7520-cookbook/${name}`);
  }
  return raw;
}
