#!/usr/bin/env node
/**
 * `npm start`: the example web app with the settings every example app reads (apps/README.md):
 * PORT, HOST, TRANSPORT, TESSERA_ORIGIN, TESSERA_ACCESS_TTL, TESSERA_REFRESH_GRACE, REDIS_URL,
 * TESSERA_REDIS_PREFIX and the signing key variables, checked before Next.js starts: a value it
 * cannot use stops it with a message naming the variable (exit 1). Needs `npm run build` first.
 */
import { serverMain } from '@tessera/example-common/main';
import { startServer } from './app.mjs';

await serverMain(startServer);
