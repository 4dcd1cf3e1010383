#!/usr/bin/env node
/**
 * `npm start`: the example API with the settings every example app reads (apps/README.md): PORT,
 * HOST, TRANSPORT, TESSERA_ORIGIN, TESSERA_ACCESS_TTL and the signing key variables. It prints curl
 * commands for every flow; a value it cannot use stops it with a message naming the variable.
 */
import { serverMain } from '@tessera/example-common/main';
import { startServer } from './app.mjs';

await serverMain(startServer);
