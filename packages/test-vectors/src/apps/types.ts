/**
 * The example apps' contract as checks (apps/README.md): one black-box test that fits every example
 * app (node-http, koa-api, next-web), whatever its framework. A check talks to a running app over
 * real HTTP with `fetch` only; it knows nothing of the app's code and nothing of `@tessera/jwt-core`.
 */

/** How tokens travel (the app's `TRANSPORT`). */
export type AppTransport = 'cookie' | 'bearer' | 'split';

/** The running app under test and the settings it was started with. */
export interface AppTarget {
  /** Where the app listens, e.g. `http://127.0.0.1:3000` (no trailing slash). */
  baseUrl: string;
  /** Its `TRANSPORT`. */
  transport: AppTransport;
  /** Its `TESSERA_ORIGIN`: the public origin and the tokens' issuer (default: `baseUrl`). */
  origin?: string;
  /** Its `TESSERA_ACCESS_TTL` in seconds (default 600, the contract's `10m`). */
  accessTtlSeconds?: number;
  /** The `kid` of the signing key it was given, when the runner set `TESSERA_SIGNING_KEY`: the JWKS must publish it. */
  signingKid?: string;
}

/** A target with every default filled in. */
export interface ResolvedTarget {
  baseUrl: string;
  transport: AppTransport;
  origin: string;
  accessTtlSeconds: number;
  signingKid: string | undefined;
}

/** One part of the contract. */
export interface AppCheck {
  /** Short and unique: becomes the test name. */
  name: string;
  /** The transports it applies to (default: all three). */
  transports?: readonly AppTransport[];
  /** Walks this part of the contract; null when the app kept it, else what went wrong. */
  run(target: ResolvedTarget): Promise<string | null>;
}

/** A start-up that must fail: the environment to add, and the variable the message must name. */
export interface StartupFailureCase {
  env: Readonly<Record<string, string>>;
  variable: string;
  why: string;
  /** Text of the value the app's output must not repeat (a password in a URL). */
  secret?: string;
}
