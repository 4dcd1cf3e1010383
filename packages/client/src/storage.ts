/**
 * Where the bearer transport keeps its tokens. The default is this client's memory: the tokens are
 * gone when the page or process is, and no script of another origin or extension reads them from
 * disk. A storage shared by several clients (tabs sharing `localStorage`, say) lets them share one
 * session; the client then re-reads it before refreshing, so two never refresh the same token.
 */

/** The tokens of a session, as the bearer transport's login and refresh return them. */
export interface StoredTokens {
  accessToken: string;
  refreshToken: string;
  /** When the access token expires, in ms since the epoch (by this machine's clock). */
  accessExpiresAt: number;
  /** When the refresh token expires, in ms since the epoch. */
  refreshExpiresAt: number;
  /** The access token's claims, as the server returned them. */
  claims: Record<string, unknown>;
}

/** Pluggable token storage (may be async, e.g. React Native's secure storage). */
export interface TokenStorage {
  get(): StoredTokens | null | undefined | Promise<StoredTokens | null | undefined>;
  set(tokens: StoredTokens): void | Promise<void>;
  clear(): void | Promise<void>;
}

/** Storage in this client's memory (the default). */
export function memoryStorage(): TokenStorage {
  let tokens: StoredTokens | null = null;
  return {
    get: () => (tokens === null ? null : { ...tokens }),
    set: (next) => {
      tokens = { ...next };
    },
    clear: () => {
      tokens = null;
    },
  };
}
