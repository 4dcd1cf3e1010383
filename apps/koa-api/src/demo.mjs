#!/usr/bin/env node
/**
 * `npm run demo`: the demo walk every example app shares (apps/README.md), on this app: exits 0
 * when every step behaved as expected, 1 otherwise.
 */
import { demoMain } from '@tessera/example-common/demo';
import { startServer } from './app.mjs';

demoMain({ startServer, title: 'Koa + @tessera/koa', folder: 'koa-api' });
