/**
 * The one place where the Node side of the app (src/app.mjs, run by `npm start`) hands what it
 * built at start-up (createAuth's options with the key ring, the session store and the users; the
 * settings; the refresh counter) to the code Next.js bundled (proxy.ts, lib/auth.ts, the pages and
 * route handlers). Next.js compiles the proxy and the routes into bundles of their own, so a
 * module-level variable would exist once per bundle; a global keyed by a registered symbol exists
 * once per process, and every bundle sees the same store.
 */
const SLOT = Symbol.for('@tessera/example-next-web');

/** Makes `example` ({ authOptions, origin, transport, accessTokenTtl, refreshes(sid), now }) the app's, for this process. */
export function install(example) {
  globalThis[SLOT] = example;
}

/** What `install` was given; throws when the app was not started by `npm start` (src/server.mjs). */
export function current() {
  const example = globalThis[SLOT];
  if (example === undefined) {
    throw new Error('the auth layer is not set up in this process: start apps/next-web with `npm start` (node src/server.mjs), which reads the settings and opens the session store before Next.js serves; `next start` alone does not');
  }
  return example;
}
