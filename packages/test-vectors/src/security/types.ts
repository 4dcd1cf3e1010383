/**
 * The security regression suite: one case per published JWT/JOSE advisory (CVE or GHSA), each
 * reproduced against the implementation under test. A case names the advisory, says what went
 * wrong in the affected library (in our words, from the advisory's description), says how the
 * implementation must behave, and carries checks that attempt the attack.
 *
 * The suite holds no implementation: a runner passes the functions to attack as a
 * {@link SecurityApi}, so the core and every adapter run the same cases. Everything here is
 * runtime-agnostic (Web Crypto, TextEncoder, Request/Response): it runs in Node and on the Edge.
 */

/** The crypto backends a runner may force; `undefined` lets the implementation choose. */
export type SecurityBackend = 'node' | 'webcrypto' | 'noble';

/**
 * The functions the checks call, typed loosely so that any implementation with the core's shape
 * fits (method syntax on purpose: parameters are compared bivariantly). `server` is optional:
 * HTTP-layer cases are skipped when a runner has no auth layer to attack.
 */
export interface SecurityApi {
  signJwt(claims: object, key: unknown, options: object): Promise<string>;
  verifyJwt(token: string, keys: unknown, options: object): Promise<{ header: object; payload: object }>;
  signJws(payload: Uint8Array | string, key: unknown, options: object): Promise<string>;
  verifyJws(token: string, keys: unknown, options: object): Promise<{ header: object; payload: Uint8Array }>;
  createVerifier(options: object): (token: string, context?: unknown) => Promise<{ header: object; payload: object }>;
  importJwk(jwk: object, options?: object): unknown;
  importPem(pem: string, options: object): unknown;
  importSecret(secret: string | Uint8Array, options: object): unknown;
  exportJwk(key: unknown, options?: object): object;
  generateKeyPair(alg: string, options?: object): Promise<{ privateKey: unknown; publicKey: unknown }>;
  generateSecret(alg: string, options?: object): unknown;
  createKeySet(keys: unknown, options?: object): unknown;
  createRemoteKeySet(url: string, options?: object): unknown;
  encryptJwe(plaintext: Uint8Array | string, key: unknown, options: object): Promise<string>;
  decryptJwe(token: string, keys: unknown, options: object): Promise<{ header: object; plaintext: Uint8Array }>;
  server?: SecurityServerApi;
}

/** The auth layer (`@tessera/jwt-core/server`), for the HTTP-layer cases. */
export interface SecurityServerApi {
  createAuth(config: object): SecurityAuth;
  createMemoryStore(options?: object): object;
}

/** What the HTTP-layer checks use of an auth instance. */
export interface SecurityAuth {
  handle(request: Request): Promise<Response | null>;
  authenticate(request: Request): Promise<{ ok: true; claims: object } | { ok: false; error: { code: string }; response: Response }>;
}

/** Per-run state a runner gives each check. */
export interface SecurityContext {
  /** The backend forced for this run (passed as `backend` to sign/verify/encrypt/decrypt), or undefined. */
  readonly backend: SecurityBackend | undefined;
  /**
   * A key pair for `spec`, generated once per run and shared by the checks (RSA generation is slow):
   * an algorithm (`'RS256'`, `'EdDSA'`, `'ECDH-ES'`) or an ECDH-ES algorithm and curve (`'ECDH-ES+P-384'`).
   */
  keyPair(spec: string): Promise<{ privateKey: unknown; publicKey: unknown }>;
  /**
   * Set the wall clock (ms since the epoch) seen by `Date.now()`, or restore the real one with
   * `undefined`. Runners back it with their fake timers; checks that need it are skipped without it.
   */
  setNow?: (ms: number | undefined) => void;
}

/** What a check expects, for the index (SECURITY.md) and for messages. */
export type SecurityExpectation =
  | { refused: string }
  | { accepted: true }
  | { behaviour: string };

/** One attempt at the attack. */
export interface SecurityCheck {
  /** Short, unique within the case: becomes the test name. */
  name: string;
  expect: SecurityExpectation;
  /** JWS/JWE algorithms the check needs from the backend (RSA is not on noble). */
  algs?: readonly string[];
  /** Needs `api.server`. */
  server?: boolean;
  /** Needs `ctx.setNow`. */
  clock?: boolean;
  /** Attempt the attack; resolves to null when the implementation resisted it, else what went wrong. */
  run(api: SecurityApi, ctx: SecurityContext): Promise<string | null>;
}

/** The areas of the suite, in the order of issue 7. */
export type SecurityArea = 'algorithms' | 'signatures' | 'claims' | 'keys' | 'jwe' | 'cache' | 'http';

/** One advisory. */
export interface SecurityCase {
  /** The advisory ID (`CVE-2015-9235`, `GHSA-ww5h-9m49-7xx4`), or a stable name for a class of attack without one. */
  id: string;
  /** Other IDs for the same flaw, covered by the same case. */
  aliases: readonly string[];
  area: SecurityArea;
  title: string;
  /** What went wrong in the affected library, in our words. */
  summary: string;
  /** How Tessera is protected, in one line. */
  protection: string;
  /** Where the advisory was read. */
  references: readonly string[];
  /** Negative vectors (`@tessera/test-vectors` `negativeVectors()` ids) that reproduce the case as plain data. */
  vectors: readonly string[];
  checks: readonly SecurityCheck[];
}
