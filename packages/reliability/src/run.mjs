#!/usr/bin/env node
/**
 * Runs one scenario on one app (or all three), long or short, and prints its report: a Markdown
 * table row for docs/reliability.md and, with --json, the whole report. Exit code 1 when a property
 * failed. Every run is bounded: --seconds (default 20) and --requests (default 1,000,000);
 * --warmup (seconds of load before a saturation run's heap baseline, default 1).
 *
 *   node src/run.mjs --scenario=saturation --app=node --seconds=120
 *   node src/run.mjs --scenario=saturation --app=koa --requests=1000000 --seconds=900
 *   node src/run.mjs --scenario=redis-kill --app=all --seconds=60
 *   node src/run.mjs --scenario=malformed-http --app=next
 */
import { parseArgs } from 'node:util';
import { APPS } from './apps.mjs';
import { formatReport } from './format.mjs';

const SCENARIOS = {
  saturation: async () => (await import('./scenarios/saturation.mjs')).saturation,
  'redis-kill': async () => (await import('./scenarios/redis-kill.mjs')).redisKill,
  'malformed-http': async () => (await import('./scenarios/malformed-http.mjs')).malformedHttp,
};

const { values } = parseArgs({
  options: {
    scenario: { type: 'string' },
    app: { type: 'string', default: 'all' },
    seconds: { type: 'string', default: '20' },
    requests: { type: 'string', default: '1000000' },
    connections: { type: 'string', default: '8' },
    warmup: { type: 'string', default: '1' },
    json: { type: 'boolean', default: false },
  },
});

const scenario = SCENARIOS[values.scenario];
if (scenario === undefined) {
  console.error(`--scenario must be one of ${Object.keys(SCENARIOS).join(', ')}; got ${JSON.stringify(values.scenario)}`);
  process.exit(2);
}
const apps = values.app === 'all' ? Object.keys(APPS) : values.app.split(',');
const unknown = apps.filter((a) => APPS[a] === undefined);
if (unknown.length > 0) {
  console.error(`--app must be node, koa, next, a comma-separated list of them, or all; got ${unknown.join(', ')}`);
  process.exit(2);
}
const run = await scenario();
let failed = false;
for (const app of apps) {
  const started = new Date().toISOString();
  console.log(`${values.scenario} on ${APPS[app].name} (started ${started}, up to ${values.seconds} s and ${values.requests} requests, ${values.connections} connections)`);
  const result = await run({ app, seconds: Number(values.seconds), requests: Number(values.requests), connections: Number(values.connections), warmupSeconds: Number(values.warmup), log: console.log });
  console.log(formatReport(values.scenario, result));
  if (values.json) console.log(JSON.stringify(result, null, 2));
  if (result.failures.length > 0) {
    failed = true;
    console.log(`FAILED:\n  ${result.failures.join('\n  ')}`);
  }
}
process.exit(failed ? 1 : 0);
