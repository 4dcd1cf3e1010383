/**
 * What every handler of one `createAuth` instance shares: the resolved configuration, the core
 * bridge, and the clock in NumericDate seconds.
 */
import { epochSeconds } from '../lib/time.js';
import type { ResolvedConfig } from './config.js';
import { createJoseBridge, type JoseBridge } from './jose.js';
import { asDenial, failure, statusOf } from './responses.js';
import type { JoseError } from '../errors.js';

export interface AuthContext<User = unknown> {
  cfg: ResolvedConfig<User>;
  jose: JoseBridge;
  /** The injected clock, in NumericDate seconds. */
  now(): number;
  /** An internal failure as the JoseError that denies, logged once with its cause for the operator. */
  deny(err: unknown, what: string): JoseError;
  /** Logs `message` once per `key` for this auth instance (configuration problems seen at run time). */
  warnOnce(key: string, message: string): void;
  /**
   * The response refusing a request: the client gets a hint written for it; the error's own
   * (operator) hint of a 4xx goes to `logger.info`, when the logger has one (5xx go through `deny`).
   */
  refuse(error: JoseError, headers?: Headers): Response;
}

export function createContext<User>(cfg: ResolvedConfig<User>, realClock: boolean): AuthContext<User> {
  const jose = createJoseBridge({
    signingKey: cfg.signingKey, verifyKeys: cfg.verifyKeys, alg: cfg.alg, issuer: cfg.issuer, audience: cfg.audience,
    accessTtl: cfg.accessTtl, clockTolerance: cfg.clockTolerance, now: realClock ? undefined : cfg.now,
  });
  const warned = new Set<string>();
  return {
    cfg, jose,
    warnOnce(key, message) {
      if (warned.has(key)) return;
      warned.add(key);
      cfg.logger.warn(message);
    },
    now: () => epochSeconds(cfg.now()),
    refuse(error, headers) {
      // 5xx were logged by deny(), with their cause.
      if (cfg.logger.info !== undefined && error.hint !== undefined && statusOf(error) < 500) {
        cfg.logger.info(`[tessera] refused (${error.code}): ${error.message}; operator hint: ${error.hint}`);
      }
      return failure(error, headers);
    },
    deny(err, what) {
      const e = asDenial(err, what);
      if (e.code === 'ERR_AUTH_UNAVAILABLE') {
        const cause = (e as { cause?: unknown }).cause;
        const detail = cause instanceof Error ? ` (cause: ${cause.name}: ${cause.message})` : '';
        cfg.logger.warn(`[tessera] ${e.message}${detail}`);
      }
      return e;
    },
  };
}
