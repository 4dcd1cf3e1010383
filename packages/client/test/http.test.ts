/**
 * Over real HTTP, in each transport, with access tokens that live seconds: after expiry, 50
 * concurrent calls cause exactly one refresh request (counted by the server) and all succeed;
 * after logout-all from another device, the next calls end the session once (one refresh
 * attempt, `onSessionEnd` called once), and nothing retries in a loop.
 *
 * Against the test API (the core's defaults: the refresh cookie reaches /auth only, so refreshing
 * is the client's job) and against the example app `apps/node-http`, in all three transports.
 * The example app lets the refresh cookie reach every route (`cookies.refreshPath: '/'`), so in
 * its cookie transports the server refreshes the 50 calls itself (one shared rotation) and the
 * client sends no refresh request at all.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchApp, type LaunchedApp } from '@tessera/test-vectors/apps';
import { createAuthClient } from '@tessera/client';
import { browserFetch } from './support/jar.js';
import { startServer } from './support/server.js';

const APP_DIR = fileURLToPath(new URL('../../../apps/node-http/', import.meta.url));
const ADA = { username: 'ada', password: 'correct horse battery staple' };
const GRACE = { username: 'grace', password: 'hopper-1906-cobol' };
/**
 * The example app's clock tolerance is 5 s: its bearer tokens are refused 1 s + 5 s after issue
 * (its cookies go at Max-Age, 1 s). The test API has no tolerance and 2 s tokens.
 */
const expiredAfterMs = (kind: 'app' | 'test', transport: string): number => (kind === 'test' ? 2_500 : transport === 'bearer' ? 6_500 : 1_500);
/**
 * Refresh requests the client sends for the 50 calls: one, or where the server refreshes every
 * route itself, none or one (a call whose access cookie the server had just replaced).
 */
const clientRefreshes = (kind: 'app' | 'test', transport: string): number[] => (kind === 'app' && transport !== 'bearer' ? [0, 1] : [1]);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const targets = [
  ...(['bearer', 'cookie', 'split'] as const).map((transport) => ({ name: `the test API (${transport})`, transport, kind: 'test' as const })),
  ...(['bearer', 'cookie', 'split'] as const).map((transport) => ({ name: `apps/node-http (TRANSPORT=${transport})`, transport, kind: 'app' as const })),
];

for (const { name, transport, kind } of targets) {
  describe(`against ${name}`, () => {
    let app: { url: string; stop(): Promise<void> } | undefined;
    let count: ((path: string) => number) | undefined;

    beforeAll(async () => {
      if (kind === 'app') {
        const launched: LaunchedApp = await launchApp({ command: [process.execPath, 'src/server.mjs'], cwd: APP_DIR, env: { TRANSPORT: transport, TESSERA_ACCESS_TTL: '1s' } });
        app = { url: launched.url, stop: () => launched.stop() };
      } else {
        const server = await startServer(transport);
        app = { url: server.url, stop: () => server.close() };
        count = server.count;
      }
    }, 30_000);

    afterAll(async () => {
      await app?.stop();
    });

    it('after expiry, 50 concurrent calls cause one refresh; after logout-all elsewhere, the session ends once', async () => {
      if (app === undefined) throw new Error('the server did not start');
      // Session 1 (ada): expires, then 50 calls at once.
      const wire = browserFetch(app.url);
      const client = createAuthClient({ baseUrl: app.url, transport, fetch: wire.fetch, refreshMargin: 0, crossTab: false });
      await client.signIn(ADA);
      expect((await client.fetch('/api/me')).status).toBe(200);
      // Session 2 (grace), ended by grace's logout-all from another device.
      const ended = vi.fn();
      const wire2 = browserFetch(app.url);
      const victim = createAuthClient({ baseUrl: app.url, transport, fetch: wire2.fetch, refreshMargin: 0, crossTab: false, onSessionEnd: ended });
      await victim.signIn(GRACE);
      const other = createAuthClient({ baseUrl: app.url, transport, fetch: browserFetch(app.url).fetch, crossTab: false });
      await other.signIn(GRACE);

      await sleep(expiredAfterMs(kind, transport));
      await other.signOutEverywhere();
      const refreshesBefore = count?.('/auth/refresh') ?? 0;

      const answers = await Promise.all(Array.from({ length: 50 }, () => client.fetch('/api/me')));
      expect(answers.map((r) => r.status)).toEqual(Array(50).fill(200));
      expect((await answers[0]!.json()).claims.sub).toBe('u-ada');
      expect(clientRefreshes(kind, transport)).toContain(wire.count('/auth/refresh'));
      // The server saw one refresh request from this client (the test API counts them itself).
      if (count !== undefined) expect(count('/auth/refresh') - refreshesBefore).toBe(1);

      const refused = await Promise.all(Array.from({ length: 50 }, () => victim.fetch('/api/me')));
      expect(refused.map((r) => r.status)).toEqual(Array(50).fill(401));
      expect(await victim.fetch('/api/me').then((r) => r.status)).toBe(401);
      expect(wire2.count('/auth/refresh')).toBe(1);
      if (count !== undefined) expect(count('/auth/refresh') - refreshesBefore).toBe(2);
      expect(ended).toHaveBeenCalledTimes(1);
      expect(ended.mock.calls[0]![0]).toMatchObject({ code: 'ERR_JWT_REVOKED' });
      expect(await victim.session()).toBeNull();
    }, 30_000);
  });
}
