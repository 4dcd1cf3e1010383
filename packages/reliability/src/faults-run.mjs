#!/usr/bin/env node
/**
 * Runs the fault scenarios of docs/reliability.md ("JWKS down", "Key rotation", "Clock jump") on
 * one app, a list, or all three, and prints each report as the Markdown the doc holds. Exit code 1
 * when a property failed. Every run is bounded by --seconds and --requests.
 *
 *   node src/faults-run.mjs --scenario=jwks-down --app=all --mode=all --seconds=20
 *   node src/faults-run.mjs --scenario=key-rotation --app=koa --seconds=16
 *   node src/faults-run.mjs --scenario=clock-jump --app=next --seconds=20
 */
import { parseArgs } from 'node:util';
import { APPS } from './apps.mjs';

const SCENARIOS = {
  'jwks-down': async () => {
    const m = await import('./scenarios/jwks-down.mjs');
    return { run: m.jwksDown, format: m.formatJwksDown, modes: m.MODES };
  },
  'key-rotation': async () => {
    const m = await import('./scenarios/key-rotation.mjs');
    return { run: m.keyRotation, format: m.formatKeyRotation };
  },
  'clock-jump': async () => {
    const m = await import('./scenarios/clock-jump.mjs');
    return { run: m.clockJump, format: m.formatClockJump };
  },
};

const { values } = parseArgs({
  options: {
    scenario: { type: 'string' },
    app: { type: 'string', default: 'all' },
    mode: { type: 'string', default: 'all' },
    seconds: { type: 'string', default: '20' },
    requests: { type: 'string', default: '1000000' },
    connections: { type: 'string', default: '8' },
    json: { type: 'boolean', default: false },
  },
});
const load = SCENARIOS[values.scenario];
if (load === undefined) {
  console.error(`--scenario must be one of ${Object.keys(SCENARIOS).join(', ')}; got ${JSON.stringify(values.scenario)}`);
  process.exit(2);
}
const apps = values.app === 'all' ? Object.keys(APPS) : values.app.split(',');
if (apps.some((a) => APPS[a] === undefined)) {
  console.error(`--app must be node, koa, next, a comma-separated list of them, or all; got ${values.app}`);
  process.exit(2);
}
const { run, format, modes } = await load();
// --mode: the endpoint's failure, for jwks-down only (refused, 500, slow, or all).
const runModes = modes === undefined ? [undefined] : values.mode === 'all' ? modes : values.mode.split(',');
let failed = false;
for (const app of apps) {
  for (const mode of runModes) {
    console.log(`${values.scenario}${mode ? ` (${mode})` : ''} on ${APPS[app].name}, started ${new Date().toISOString()}, up to ${values.seconds} s and ${values.requests} requests, ${values.connections} connections`);
    const result = await run({ app, mode, seconds: Number(values.seconds), requests: Number(values.requests), connections: Number(values.connections), log: console.log });
    console.log(format(result));
    if (values.json) console.log(JSON.stringify(result, null, 2));
    if (result.failures.length > 0) {
      failed = true;
      console.log(`FAILED:\n  ${result.failures.join('\n  ')}`);
    }
  }
}
process.exit(failed ? 1 : 0);
