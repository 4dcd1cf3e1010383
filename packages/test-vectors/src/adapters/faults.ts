/**
 * Parts of the auth layer that break on demand, for the fail-closed cases (STYLE.md: every adapter
 * has a test that an internal error gives 401/503, never access). Each works until switched on;
 * then it throws or rejects with an error whose message carries {@link SECRET_MARKER}, like a
 * driver error quoting a connection string.
 */
import { SECRET_MARKER } from './expect.js';
import type { Fault } from './types.js';

const failure = (what: string) => new Error(`${what}: connect ECONNREFUSED 10.0.0.9:6379 (${SECRET_MARKER})`);

/** The auth config members a fault replaces, and its switch. */
export interface FaultParts {
  config: Record<string, unknown>;
  setBroken(on: boolean): void;
}

type Callbacks = Record<'authenticate' | 'loadUser' | 'claims', (...args: any[]) => unknown>;

/** The parts of `fault` around the working `store`, signing key and user callbacks. */
export function faultParts(fault: Fault | undefined, parts: { store: object; key: unknown; callbacks: Callbacks }): FaultParts {
  let broken = false;
  const setBroken = (on: boolean) => void (broken = on);
  switch (fault) {
    case undefined:
      return { config: {}, setBroken: () => { throw new Error('this scenario has no fault to break'); } };
    case 'store-rejects':
    case 'store-throws': {
      // Every method, whatever the store interface holds: a Proxy over the working store.
      const store = new Proxy(parts.store, {
        get(target, name, receiver) {
          const value: unknown = Reflect.get(target, name, receiver);
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            if (!broken) return (value as (...a: unknown[]) => unknown).apply(target, args);
            if (fault === 'store-throws') throw failure(`store.${String(name)}`);
            return Promise.reject(failure(`store.${String(name)}`));
          };
        },
      });
      return { config: { store }, setBroken };
    }
    case 'key-ring': {
      const key = parts.key;
      const ring = {
        signingKey: key,
        get keys() {
          return [key];
        },
        jwks() {
          if (broken) throw failure('keyRing.jwks');
          return { keys: [] };
        },
        select() {
          return broken ? Promise.reject(failure('keyRing.select')) : Promise.resolve([key]);
        },
      };
      return { config: { keys: ring }, setBroken };
    }
    case 'load-user':
      return { config: { loadUser: (sub: string) => (broken ? Promise.reject(failure('loadUser')) : parts.callbacks.loadUser(sub)) }, setBroken };
    case 'claims':
      return {
        config: {
          claims: (user: unknown) => {
            if (broken) throw failure('claims');
            return parts.callbacks.claims(user);
          },
        },
        setBroken,
      };
    case 'authenticate':
      return {
        config: {
          authenticate: (credentials: unknown, request: unknown) => {
            if (broken) throw failure('authenticate');
            return parts.callbacks.authenticate(credentials, request);
          },
        },
        setBroken,
      };
  }
}

/** What each fault breaks, for case titles. */
export const FAULT_TITLES: Readonly<Record<Fault, string>> = {
  'store-rejects': 'a store whose every method rejects',
  'store-throws': 'a store whose every method throws synchronously',
  'key-ring': "a key ring whose select rejects and whose jwks() throws",
  'load-user': 'a loadUser callback that rejects',
  claims: 'a claims callback that throws',
  authenticate: 'an authenticate (credentials) callback that throws',
};
