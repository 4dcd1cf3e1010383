/**
 * Finding the runtime's native crypto without importing anything: node:crypto through
 * `process.getBuiltinModule` (Node >= 20.16; also Bun and Deno), and WebCrypto through
 * `globalThis.crypto.subtle`. On the Edge runtime and in browsers only WebCrypto is there.
 *
 * Lookups are lazy, so a test or benchmark can hide node:crypto before the first operation.
 */

/** The part of node:crypto the backends use, typed structurally (the core cannot import Node types). */
export interface NodeCrypto {
  createHmac(hash: string, key: unknown): { update(data: Uint8Array | string, encoding?: 'latin1'): { digest(): Uint8Array; digest(enc: 'base64url'): string } };
  createSecretKey(key: Uint8Array): NodeKeyObject;
  createPublicKey(input: unknown): NodeKeyObject;
  createPrivateKey(input: unknown): NodeKeyObject;
  sign(hash: string | null, data: Uint8Array, key: unknown): Uint8Array;
  verify(hash: string | null, data: Uint8Array, key: unknown, signature: Uint8Array): boolean;
  timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean;
  randomBytes(n: number): Uint8Array;
  generateKeyPairSync(type: string, options: unknown): { publicKey: NodeKeyObject; privateKey: NodeKeyObject };
  createCipheriv(alg: string, key: unknown, iv: Uint8Array | null, options?: unknown): NodeCipher;
  createDecipheriv(alg: string, key: unknown, iv: Uint8Array | null, options?: unknown): NodeCipher;
  publicEncrypt(key: unknown, data: Uint8Array): Uint8Array;
  privateDecrypt(key: unknown, data: Uint8Array): Uint8Array;
  diffieHellman(options: { privateKey: NodeKeyObject; publicKey: NodeKeyObject }): Uint8Array;
  pbkdf2Sync(password: Uint8Array, salt: Uint8Array, iterations: number, keylen: number, digest: string): Uint8Array;
  createHash(alg: string): { update(data: Uint8Array): { digest(): Uint8Array } };
  constants: Record<string, number>;
}

/**
 * Options that make node:crypto's key generation return both halves as JWKs. Exporting a generated
 * KeyObject afterwards can deadlock Node 20: a garbage collection during the export finalizes the
 * generating job, whose destructor waits for the key's lock that the export holds. Encoded by the
 * job itself, no KeyObject shares the job's key. Use it for every generated key.
 */
export const NODE_JWK_ENCODING = { publicKeyEncoding: { format: 'jwk' }, privateKeyEncoding: { format: 'jwk' } } as const;

export interface NodeKeyObject {
  readonly type: 'secret' | 'public' | 'private';
  readonly asymmetricKeyType?: string;
  export(options?: unknown): unknown;
}

export interface NodeCipher {
  update(data: Uint8Array): Uint8Array;
  final(): Uint8Array;
  setAAD?(aad: Uint8Array, options?: unknown): NodeCipher;
  setAuthTag?(tag: Uint8Array): NodeCipher;
  getAuthTag?(): Uint8Array;
  setAutoPadding?(on: boolean): NodeCipher;
}

let nodeCryptoCache: NodeCrypto | null | undefined;

/** node:crypto when the runtime provides it, else undefined. */
export function nodeCrypto(): NodeCrypto | undefined {
  if (nodeCryptoCache === undefined) {
    const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    let mod: unknown;
    try {
      mod = typeof proc?.getBuiltinModule === 'function' ? proc.getBuiltinModule('node:crypto') : undefined;
    } catch {
      mod = undefined;
    }
    nodeCryptoCache = mod && typeof (mod as NodeCrypto).createHmac === 'function' ? (mod as NodeCrypto) : null;
  }
  return nodeCryptoCache ?? undefined;
}

/** WebCrypto's SubtleCrypto when the runtime provides it, else undefined. */
export function subtle(): SubtleCrypto | undefined {
  const c = (globalThis as { crypto?: Crypto }).crypto;
  return c !== undefined && typeof c.subtle === 'object' && c.subtle !== null ? c.subtle : undefined;
}

// Small draws (CEKs, IVs, salts, jti) are served from a pool filled by one call to the CSPRNG: a
// call costs ~3 µs on Node whatever its size, and every JWE encryption draws at least twice.
const POOL_BYTES = 1024;
const POOLED_MAX = 64;
let pool: Uint8Array | undefined;
let poolOffset = POOL_BYTES;

/** Cryptographically secure random bytes from whichever source the runtime has, in memory of their own. */
export function randomBytes(n: number): Uint8Array {
  if (n > POOLED_MAX) return fillRandom(new Uint8Array(n));
  if (pool === undefined || poolOffset + n > POOL_BYTES) {
    pool = fillRandom(pool ?? new Uint8Array(POOL_BYTES));
    poolOffset = 0;
  }
  const out = pool.slice(poolOffset, poolOffset + n);
  // Handed-out bytes are erased from the pool: no draw is given twice or kept after use.
  pool.fill(0, poolOffset, poolOffset + n);
  poolOffset += n;
  return out;
}

function fillRandom(out: Uint8Array): Uint8Array {
  const c = (globalThis as { crypto?: Crypto }).crypto;
  if (c !== undefined && typeof c.getRandomValues === 'function') {
    // getRandomValues fills at most 65536 bytes per call.
    for (let o = 0; o < out.length; o += 65536) c.getRandomValues(out.subarray(o, Math.min(out.length, o + 65536)));
    return out;
  }
  const node = nodeCrypto();
  if (node !== undefined) {
    out.set(node.randomBytes(out.length));
    return out;
  }
  throw new Error('no secure random source: the runtime has neither crypto.getRandomValues nor node:crypto');
}

/**
 * For tests and the benchmark's Edge mode: behave as if node:crypto were absent (`true`), or look
 * it up again (`false`). Not exported from the package entry point.
 */
export function hideNodeCrypto(hidden: boolean): void {
  nodeCryptoCache = hidden ? null : undefined;
}
