/** Shared helpers of the JWE tests: vector files, backends, and the thrown JoseError. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { nobleJweCrypto } from '../../src/jwe/backends/noble.js';
import { nodeJweCrypto } from '../../src/jwe/backends/node.js';
import type { JweCrypto } from '../../src/jwe/backends/types.js';
import { webcryptoJweCrypto } from '../../src/jwe/backends/webcrypto.js';
export { rejection, thrown } from '../helpers/errors.js';

export const BACKENDS: readonly JweCrypto[] = [nodeJweCrypto, webcryptoJweCrypto, nobleJweCrypto];
export const BACKEND_NAMES = ['node', 'webcrypto', 'noble'] as const;

const VECTORS = new URL('../../../test-vectors/vectors/', import.meta.url);

/** A JSON vector file of @tessera/test-vectors, parsed. */
export function vectorFile<T = any>(name: string): T {
  return JSON.parse(readFileSync(fileURLToPath(new URL(name, VECTORS)), 'utf8')) as T;
}

export const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'hex'));
export const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
export const text = (b: Uint8Array): string => new TextDecoder().decode(b);

/** Replace segment `i` of a compact token. */
export function withSegment(token: string, i: number, value: string): string {
  const parts = token.split('.');
  parts[i] = value;
  return parts.join('.');
}

/** Flip one bit of byte `at` (negative: from the end) of the base64url segment `i`. */
export function flipBit(token: string, i: number, at: number): string {
  const parts = token.split('.');
  const bytes = Buffer.from(parts[i]!, 'base64url');
  const idx = at < 0 ? bytes.length + at : at;
  bytes[idx] = bytes[idx]! ^ 1;
  parts[i] = bytes.toString('base64url');
  return parts.join('.');
}
