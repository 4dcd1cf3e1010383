/**
 * Tabs of one origin share cookies (and may share token storage), so they must not refresh the
 * same session at once: a second rotation of a spent refresh token is reuse, and outside the
 * server's grace rule reuse revokes the session (better-auth #8512, supabase #18981). One refresh
 * at a time runs under a Web Lock (https://w3c.github.io/web-locks/); its result is announced on
 * a BroadcastChannel, and its time is kept in `localStorage` where there is one, so a tab that
 * waited for the lock sees, synchronously, that another refreshed after its call was sent. Where
 * these APIs do not exist (Node, React Native, old browsers) each is skipped: one client still
 * refreshes once for all its calls.
 */
import type { SessionEnd } from './options.js';

/** What tabs tell each other. */
export type TabMessage =
  | { type: 'refreshed'; at: number; expiresAt?: number }
  | { type: 'signed-in'; at: number }
  | { type: 'ended'; end: SessionEnd };

interface LockManagerLike {
  request<T>(name: string, callback: (lock: unknown) => Promise<T>): Promise<T>;
  request<T>(name: string, options: { ifAvailable: true }, callback: (lock: unknown) => Promise<T>): Promise<T>;
}

/** How long a tab that waited for the lock listens for the holder's result before refreshing itself. */
const HOLDER_RESULT_MS = 300;

interface ChannelLike {
  postMessage(message: unknown): void;
  close(): void;
  /** Node's BroadcastChannel keeps the process alive unless unref'd. */
  unref?(): void;
  onmessage: ((event: { data: unknown }) => void) | null;
}

interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The coordination of one client with the other tabs of its origin. */
export interface Tabs {
  /**
   * Runs `work` holding this origin's refresh lock for the endpoint (at once without Web Locks).
   * When another tab held the lock first, `work` runs only after that tab's result was heard
   * (its `refreshed` message), or {@link HOLDER_RESULT_MS} passed without one: the lock is
   * released before the message reaches the other tabs, so without this wait a tab would refresh
   * again with a token the holder had just rotated.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  /** Tells the other tabs; a refresh or sign-in is also recorded for {@link Tabs.lastRefresh}. */
  post(message: TabMessage): void;
  /** When a tab of this origin last completed a refresh or sign-in, as far as this one knows (ms). */
  lastRefresh(): number;
  close(): void;
}

function globalOf<T>(read: () => T | undefined): T | undefined {
  try {
    return read();
  } catch {
    // e.g. localStorage in a sandboxed iframe or with storage blocked throws a SecurityError.
    return undefined;
  }
}

/** Coordination for the refresh endpoint `key`; `onMessage` hears the other tabs. */
export function createTabs(key: string, enabled: boolean, onMessage: (message: TabMessage) => void): Tabs {
  const locks = enabled ? globalOf(() => (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks) : undefined;
  const storage = enabled ? globalOf(() => (globalThis as { localStorage?: StorageLike }).localStorage) : undefined;
  const Channel = enabled ? globalOf(() => (globalThis as { BroadcastChannel?: new (name: string) => ChannelLike }).BroadcastChannel) : undefined;
  const channel = Channel === undefined ? undefined : new Channel(`tessera:${key}`);
  const storageKey = `tessera:${key}:refreshed-at`;
  let heard = 0;
  let wake: (() => void) | undefined;
  /** Resolves when a refresh or sign-in newer than `since` is heard, or after `ms`. */
  const heardAfter = (since: number, ms: number): Promise<void> => new Promise((resolve) => {
    const done = (): void => { clearTimeout(timer); wake = undefined; resolve(); };
    const timer = setTimeout(done, ms);
    wake = () => { if (Math.max(heard, Number(globalOf(() => storage?.getItem(storageKey))) || 0) > since) done(); };
    wake();
  });

  const record = (at: number): void => {
    heard = Math.max(heard, at);
    globalOf(() => storage?.setItem(storageKey, String(heard)));
  };
  // In Node (a service, a test) an open channel would keep the process from exiting.
  channel?.unref?.();
  if (channel !== undefined) {
    channel.onmessage = (event) => {
      const message = event.data as TabMessage | null;
      if (message === null || typeof message !== 'object' || typeof message.type !== 'string') return;
      if (message.type !== 'ended') heard = Math.max(heard, Number(message.at) || 0);
      onMessage(message);
      wake?.();
    };
  }

  return {
    async exclusive(work) {
      if (locks === undefined) return work();
      const name = `tessera-refresh:${key}`;
      const taken: unique symbol = Symbol('taken');
      const first = await locks.request(name, { ifAvailable: true }, async (lock) => (lock === null ? taken : work()));
      if (first !== taken) return first as Awaited<ReturnType<typeof work>>;
      const asked = Date.now();
      return locks.request(name, async () => {
        if (channel !== undefined) await heardAfter(asked, HOLDER_RESULT_MS);
        return work();
      });
    },
    post(message) {
      if (message.type !== 'ended') record(message.at);
      channel?.postMessage(message);
    },
    lastRefresh: () => Math.max(heard, Number(globalOf(() => storage?.getItem(storageKey))) || 0),
    close: () => channel?.close(),
  };
}
