/**
 * The example web app on Next.js 16 (App Router) through @tessera/next, with the contract every
 * example app keeps (apps/README.md). This file is the Node side that `npm start` runs: it loads
 * the key, opens the session store and hashes the users once, hands createAuth's options and the
 * key variables to the Next.js bundles (src/slot.mjs; lib/auth.ts builds the auth object there),
 * and serves the production build (`next build`) with Next.js's own request handler. The routes,
 * pages and the proxy are in app/, lib/ and proxy.ts. `startServer` is what `npm start` and the
 * demo run.
 */
import { fileURLToPath } from 'node:url';
import next from 'next';
import { createAuth } from '@tessera/jwt-core/server';
import { allowedOriginsFor } from '@tessera/example-common/routes';
import { trustedIssuersFor } from '@tessera/example-common/config';
import { serve } from '@tessera/example-common/serve';
import { openStore } from '@tessera/example-common/store';
import { createUserStore } from '@tessera/example-common/users';
import { loadKeys } from './keys.mjs';
import { countRefreshes } from './refresh-count.mjs';
import { install } from './slot.mjs';

/** The app's folder: where `next build` left `.next/`. */
export const APP_DIR = fileURLToPath(new URL('..', import.meta.url));

/** Next.js's production server for the build in `dir`; fails with a hint when there is no build. */
async function nextHandler(dir) {
  const app = next({ dev: false, dir });
  try {
    await app.prepare();
  } catch (error) {
    throw Object.assign(new Error(`Next.js could not load the production build in ${dir}.next (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`, { cause: error }), {
      hint: 'build it first: `npm run build` in apps/next-web, or `npx --yes pnpm@10 run start:next` at the repository root, which builds and starts it',
    });
  }
  return app.getRequestHandler();
}

/**
 * Builds the app for the public `origin` (also the tokens' issuer). The options are the other
 * example apps' (`now` the clock the demo moves, `users`, `logger`, `transport`,
 * `accessTokenTtl`, `refreshReuseGrace`, `redisUrl`, `redisPrefix`), plus `dir`, the folder of the
 * Next.js build (default: this app's).
 */
export async function createApp({ origin, now, users, logger, transport = 'cookie', accessTokenTtl = '10m', refreshReuseGrace = '10s', redisUrl, redisPrefix, trustedIssuer, dir = APP_DIR } = {}) {
  const directory = users ?? (await createUserStore());
  // TESSERA_SIGNING_KEY(_FILE) when set; otherwise, outside production and without REDIS_URL, an
  // in-memory development key and a loud warning (its tokens die with the process).
  const { ring: keyRing, keyEnv } = await loadKeys({ warn: (m) => (logger ?? console).warn(m) });
  // REDIS_URL set: sessions in Redis, shared by every instance using it. Unset: in this process's memory.
  const sessions = await openStore({ redisUrl, redisPrefix, now });
  const counted = countRefreshes(sessions.store);
  // What createAuth is given, here and in the bundles: lib/auth.ts builds its own auth object from
  // it with the core Next.js bundled, sharing this store and these users, with the keys of keyEnv.
  const authOptions = {
    keys: keyRing,
    issuer: origin,
    audience: 'tessera-example-api',
    origin,
    allowedOrigins: allowedOriginsFor(origin),
    transport,
    accessTokenTtl,
    refreshTokenTtl: '14d',
    // A spent refresh token still rotates for parallel requests (tabs) within this window (at most 8
    // more times); used again after it, it revokes the whole session (theft is assumed).
    refreshReuseGrace,
    // The refresh cookie reaches the proxy and every page and route, so an expired access token is
    // refreshed in the same request that found it expired.
    cookies: { refreshPath: '/' },
    authenticate: ({ username, password }) => directory.verify(username, password),
    loadUser: (sub) => directory.find(sub),
    claims: (user) => ({ sub: user.id, name: user.username, roles: user.roles, permissions: user.permissions }),
    store: counted.store,
    // TESSERA_TRUSTED_*: an external identity provider's access tokens are accepted too, checked
    // against its JWKS (cached; stale keys serve up to TESSERA_TRUSTED_JWKS_MAX_STALE while it fails).
    ...(trustedIssuer ? { trustedIssuers: trustedIssuersFor(trustedIssuer) } : {}),
    ...(now ? { now } : {}),
    ...(logger ? { logger } : {}),
  };
  try {
    // Built here too, so that a setting the core refuses stops the start, before Next.js loads.
    const auth = createAuth(authOptions);
    const { keys: _nativeKeys, ...shared } = authOptions; // a key object of this copy of the core: the bundles load their own
    install({ authOptions: shared, keyEnv, handles: (target) => auth.handles(target), origin, transport: auth.transport, accessTokenTtl, refreshes: counted.refreshes, now: now ?? (() => new Date()) });
    const handle = await nextHandler(dir);
    // Next.js's server is left open when the app closes (the process ends soon after): closing it
    // breaks the next Next.js server started in the same process (Next.js 16.5 throws "Cannot call
    // waitUntil() on an AwaiterOnce that was already awaited"), and the tests start several.
    return { auth, users: directory, sessions, handler: (req, res) => void handle(req, res) };
  } catch (error) {
    await sessions.close();
    throw error;
  }
}

/**
 * Starts the app on `host:port` (port 0 picks a free one) and resolves once it serves, with `url`,
 * `origin`, `auth`, `users`, `sessions` and `close()`. `origin` defaults to `http://host:port`.
 */
export function startServer(options = {}) {
  return serve(createApp, options);
}
