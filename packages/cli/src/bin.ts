#!/usr/bin/env node
/** The `tessera` executable. */
import { processIo } from './lib/io.js';
import { run } from './main.js';

process.exitCode = await run(process.argv.slice(2), processIo());
