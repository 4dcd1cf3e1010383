/**
 * One refresh for many calls. Calls that fail together share the refresh in flight; a call whose
 * refusal arrives after a refresh finished (here or in another tab) does not start another: it
 * was sent with the old token, so it is only retried. Across tabs the refresh runs under the
 * origin's lock and checks again, inside it, whether another tab refreshed meanwhile.
 */
import { AuthClientError, refusalError } from './errors.js';
import type { ResolvedOptions, SessionEnd } from './options.js';
import type { SessionState } from './session.js';
import type { Tabs } from './tabs.js';

/** What a call knew when it was sent. */
export interface Marker {
  /** This client's refresh count then. */
  generation: number;
  /** When it was sent, or when its expiry knowledge dates from (ms). */
  sentAt: number;
  /** bearer: the access token it carried. */
  token: string | undefined;
}

/** `ok`: the session is fresh (refreshed now, or by someone else since the marker); else it ended. */
export type RefreshResult = { ok: true; refreshed: boolean } | { ok: false; end: SessionEnd };

export interface Refresher {
  generation(): number;
  /** Refreshes unless a refresh happened since `marker`. Throws on a failure that does not end the session (network, 5xx). */
  ensureFresh(marker: Marker): Promise<RefreshResult>;
}

function network(err: unknown): AuthClientError {
  return new AuthClientError('ERR_CLIENT_NETWORK', `the refresh request failed: ${err instanceof Error ? err.message : String(err)}`, {
    hint: 'the server could not be reached; the session is kept, try again', cause: err,
  });
}

export function createRefresher(o: ResolvedOptions, state: SessionState, tabs: Tabs): Refresher {
  let generation = 0;
  let inflight: Promise<RefreshResult> | undefined;

  const changedSince = async (m: Marker): Promise<boolean> => {
    if (generation !== m.generation || tabs.lastRefresh() > m.sentAt) return true;
    return o.transport === 'bearer' && (await state.current()).token !== m.token;
  };

  const request = async (): Promise<Request | undefined> => {
    if (o.transport !== 'bearer') return new Request(o.refreshUrl, { method: 'POST', credentials: o.credentials });
    const tokens = await o.storage.get();
    if (!tokens) return undefined;
    return new Request(o.refreshUrl, {
      method: 'POST', credentials: 'omit',
      headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refresh_token: tokens.refreshToken }),
    });
  };

  const refreshNow = async (): Promise<RefreshResult> => {
    const req = await request();
    if (req === undefined) return { ok: false, end: { code: 'ERR_CLIENT_NO_SESSION', message: 'there is no refresh token: sign in first' } };
    const response = await o.fetch(req).catch((err: unknown) => Promise.reject(network(err)));
    if (response.ok) {
      const session = await state.adopt(await response.json().catch(() => null));
      generation += 1;
      tabs.post({ type: 'refreshed', at: Date.now(), expiresAt: session.expiresAt });
      return { ok: true, refreshed: true };
    }
    const error = await refusalError(response, 'the refresh was refused');
    // 400/401: this refresh token will never work again (expired, revoked, reused, missing).
    // Anything else (403 from a CSRF check, 429, 5xx) says nothing about the session: keep it.
    if (response.status === 400 || response.status === 401) return { ok: false, end: { code: error.code, message: error.message, hint: error.hint } };
    throw error;
  };

  return {
    generation: () => generation,
    async ensureFresh(marker) {
      if (inflight !== undefined) return inflight;
      if (await changedSince(marker)) return { ok: true, refreshed: false };
      inflight ??= tabs
        .exclusive(async () => ((await changedSince(marker)) ? { ok: true as const, refreshed: false } : refreshNow()))
        .finally(() => {
          inflight = undefined;
        });
      return inflight;
    },
  };
}
