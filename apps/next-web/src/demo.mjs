#!/usr/bin/env node
/**
 * `npm run demo`: the demo walk every example app shares (apps/README.md), on this app's API
 * routes (the pages are for a browser): exits 0 when every step behaved as expected, 1 otherwise.
 * Needs `npm run build` first.
 */
import { demoMain } from '@tessera/example-common/demo';
import { startServer } from './app.mjs';

demoMain({ startServer, title: 'Next.js 16 + @tessera/next', folder: 'next-web' });
