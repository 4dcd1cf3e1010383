/**
 * The security regression suite (issue 7), run against the core: one `describe` per advisory with
 * its ID in the title, and under it, for each crypto backend forced in turn, the negative vectors
 * that reproduce the advisory as data and the checks that attempt the attack through the API.
 * Algorithms a backend lacks (RSA on noble) are skipped there, visibly. HTTP-layer advisories run
 * once, on the backend the auth layer selects. Runs in the node and edge vitest projects.
 */
import { describe, expect, it } from 'vitest';
import { negativeVectors, type VerifyCase } from '../../../test-vectors/src/index.js';
import { securityCases, securityContext, skipReason, type SecurityBackend } from '../../../test-vectors/src/security/index.js';
import { BACKEND_GAPS, reachesBackend, verifyCase } from '../vectors/harness.js';
import { api, setNow } from './api.js';

const BACKENDS: readonly SecurityBackend[] = ['node', 'webcrypto', 'noble'];
const vectors = new Map<string, VerifyCase>(negativeVectors().map((c) => [c.id, c]));

for (const c of securityCases()) {
  const ids = [c.id, ...c.aliases].join(' / ');
  describe(`${ids}: ${c.title}`, () => {
    const runs: (SecurityBackend | undefined)[] = c.area === 'http' ? [undefined] : [...BACKENDS];
    for (const backend of runs) {
      describe(`[${backend ?? 'auto'}]`, () => {
        const ctx = securityContext(api, backend, { setNow });
        for (const id of c.vectors) {
          const v = vectors.get(id);
          const gap = v !== undefined && backend !== undefined && BACKEND_GAPS[backend].includes(v.alg) && reachesBackend(v);
          it.skipIf(gap)(`vector ${id}`, async () => {
            expect(v, `negative vector ${id} exists`).toBeDefined();
            expect(await verifyCase(v!, backend ?? 'auto')).toBeNull();
          });
        }
        for (const check of c.checks) {
          const reason = skipReason(check, ctx, api);
          it.skipIf(reason !== null)(`${check.name}${reason === null ? '' : ` (skipped: ${reason})`}`, async () => {
            expect(await check.run(api, ctx)).toBeNull();
          });
        }
      });
    }
  });
}
