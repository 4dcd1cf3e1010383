/**
 * The adapter conformance suite's types. The suite holds no implementation: a runner passes the
 * core's functions ({@link AdapterApi}) and the adapter's server factory ({@link StartAdapter}),
 * typed structurally (method syntax on purpose: parameters are compared bivariantly), so this
 * package needs no dependency on `@tessera/jwt-core` and every adapter runs the same cases.
 */

/** What the suite needs of an auth instance (`createAuth`'s result); the adapter uses the rest. */
export interface AuthLike {
  handle(request: Request): Promise<Response | null>;
  authenticate(request: Request): Promise<unknown>;
  readonly basePath: string;
  readonly transport: string;
}

/** The core functions the harness builds auth instances and keys with (`@tessera/jwt-core` names). */
export interface AdapterApi<A extends AuthLike = AuthLike> {
  /** `createAuth` from `@tessera/jwt-core/server`. */
  createAuth(config: object): A;
  /** `createMemoryStore` from `@tessera/jwt-core/server`. */
  createMemoryStore(options?: object): object;
  importSecret(secret: string | Uint8Array, options: { alg: string; kid?: string }): unknown;
  importJwk(jwk: object, options?: object): unknown;
  createKeySet(keys: unknown, options?: object): unknown;
  generateKeyPair(alg: string, options?: { kid?: string }): Promise<{ privateKey: unknown; publicKey: unknown }>;
}

/** What the suite gives an adapter's factory for one server. */
export interface AdapterSetup<A extends AuthLike = AuthLike> {
  /** Built by the suite with `createAuth`: serve its endpoints and protect the app routes with it. */
  auth: A;
  /** The adapter's own trust-proxy setting (node: the `trustProxy` option; Koa: `app.proxy`). */
  trustProxy: boolean;
  /** Where the adapter reports internal errors; the suite checks they are reported and never leaked. */
  onError(error: unknown): void;
}

/** A real server on 127.0.0.1 (port 0), serving the app contract (see the module's TSDoc). */
export interface RunningAdapter {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  /** Stops the server and drops its connections. */
  close(): Promise<void>;
}

/** The one thing an adapter package provides to run the suite. */
export type StartAdapter<A extends AuthLike = AuthLike> = (setup: AdapterSetup<A>) => Promise<RunningAdapter>;

/** A part of the auth layer that can be broken on demand, for the fail-closed cases. */
export type Fault =
  /** Every store method rejects (an unreachable Redis). */
  | 'store-rejects'
  /** Every store method throws synchronously (a broken client library). */
  | 'store-throws'
  /** The key ring's `select` rejects and its `jwks()` throws (a key service that is down). */
  | 'key-ring'
  /** `loadUser` rejects (a users database that is down). */
  | 'load-user'
  /** `claims` throws. */
  | 'claims'
  /** The `authenticate` (credentials) callback throws. */
  | 'authenticate';

/** How the harness configures the auth layer and the adapter for one server. */
export interface Scenario {
  /** Default `'cookie'`. */
  transport?: 'cookie' | 'bearer' | 'split';
  /** The adapter's trust-proxy setting, and `trustProxy` of the auth config (default false). */
  trustProxy?: boolean;
  /** The signing key: an HS256 secret (default) or an ES256 key pair (a JWKS with a public key). */
  signing?: 'HS256' | 'ES256';
  /** A part that `server.setFault(true)` breaks; working until then. */
  fault?: Fault;
  /** More `createAuth` options (cookies, tokenSources, maxBodyBytes, keys, now, ...), applied last. */
  config?: Record<string, unknown>;
}

/** A user of the test directory: `ada`/`pw-ada` (roles user) and `root`/`pw-root` (user, admin). */
export interface TestUser {
  id: string;
  username: string;
  password: string;
  roles: string[];
  /** `loadUser` returns null for a locked user (refresh is refused). */
  locked?: boolean;
  /** Extra claims put in the access token. */
  extra?: Record<string, unknown>;
}

/** Options of one request; `body` as given, `json` serialized with `content-type: application/json`. */
export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | ReadableStream<Uint8Array>;
  json?: unknown;
}

/** A parsed `Set-Cookie` line. */
export interface SetCookie {
  name: string;
  value: string;
  /** Lower-case attribute names; `true` for flags (`httponly`, `secure`). */
  attributes: Record<string, string | true>;
  /** The line as received. */
  line: string;
}

/** A response, read completely. */
export interface Reply {
  /** `GET /api/me`, for messages. */
  what: string;
  status: number;
  headers: Headers;
  /** Every `Set-Cookie` line, one entry per line (`getSetCookie()`). */
  cookies: SetCookie[];
  body: string;
  /** The body as a JSON object; throws naming the request when it is not one. */
  json(): Record<string, unknown>;
}

/** A browser-like client: a cookie jar honouring Path and Max-Age, `Origin` on unsafe methods. */
export interface Client {
  readonly jar: Map<string, { value: string; path: string }>;
  request(path: string, options?: RequestOptions): Promise<Reply>;
  /** `POST /auth/login` with a JSON body. */
  login(username: string, password: string): Promise<Reply>;
}

/** One running server of a scenario, as the cases see it. */
export interface TestServer {
  readonly url: string;
  readonly scenario: Scenario;
  /** Moves the injected clock of the auth layer (and of its store); nothing sleeps. */
  advance(seconds: number): void;
  now(): Date;
  /** The user directory behind `authenticate`/`loadUser`/`claims`, by user name (mutable). */
  readonly users: Map<string, TestUser>;
  /** What was passed to the adapter's `onError`. */
  readonly errors: unknown[];
  /** What the auth layer's logger received. */
  readonly warnings: string[];
  /** Breaks (or repairs) the scenario's {@link Fault}. */
  setFault(on: boolean): void;
  /** A new client; `origin` is sent on unsafe methods (default: the server's own; null sends none). */
  client(origin?: string | null): Client;
  /** One request without a cookie jar. */
  fetch(path: string, options?: RequestOptions): Promise<Reply>;
}

/** What the cases run against: a harness around one adapter. */
export interface AdapterHarness<A extends AuthLike = AuthLike> {
  readonly api: AdapterApi<A>;
  /** Builds the auth layer for `scenario`, starts the adapter, runs `body`, and always closes the server. */
  withServer<T>(scenario: Scenario, body: (server: TestServer) => Promise<T>): Promise<T>;
  /** A key pair of `alg`, generated once per harness (RSA is slow). */
  keyPair(alg: string): Promise<{ privateKey: unknown; publicKey: unknown }>;
}

/** One case: data plus `run`, which throws an Error naming what went wrong. */
export interface AdapterCase {
  /** Stable and unique: `lifecycle/cookie`, `fail-closed/store-rejects`, `vector/neg-alg-none`, ... */
  id: string;
  /** One line, unique: becomes the test name. */
  title: string;
  run(harness: AdapterHarness): Promise<void>;
}
