// Entry bundled with the BUILT core (dist/) and the security suite by scripts/bundle-edge.mjs and
// evaluated inside an isolated EdgeVM (no process, Buffer or require). Plain JavaScript, like
// test/edge/vm-entry.js: it imports dist/, which does not exist before a build. Results cross the
// VM boundary as JSON strings.
import * as core from '../../dist/index.js';
import { createAuth, createMemoryStore } from '../../dist/server/index.js';
import { securityCases, securityContext, skipReason } from '../../../test-vectors/src/security/index.ts';

const api = { ...core, server: { createAuth, createMemoryStore } };
const realNow = Date.now;
/** The cache-expiry checks need a clock: Date.now is replaced inside this realm only. */
function setNow(ms) {
  Date.now = ms === undefined ? realNow : () => ms;
}

/** Run every check of every case on `backend` ('' = the core's choice); one result per check. */
async function runAll(backend) {
  const ctx = securityContext(api, backend || undefined, { setNow });
  const out = [];
  for (const c of securityCases()) {
    for (const check of c.checks) {
      const skip = skipReason(check, ctx, api);
      if (skip !== null) {
        out.push({ id: c.id, check: check.name, skipped: skip });
        continue;
      }
      try {
        out.push({ id: c.id, check: check.name, failure: await check.run(api, ctx) });
      } catch (e) {
        out.push({ id: c.id, check: check.name, failure: `threw ${e?.name}: ${e?.message}` });
      }
    }
  }
  return JSON.stringify(out);
}

globalThis.__tesseraSecurity = { runAll };
