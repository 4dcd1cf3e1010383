/**
 * The suite's own bookkeeping: every advisory issue 7 names is a case, each case is complete,
 * every negative vector it cites exists and is a refusal, and SECURITY.md maps every case to the
 * test that runs it. Node-only: it reads SECURITY.md from the repository.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { negativeVectors } from '../../../test-vectors/src/index.js';
import { securityCase, securityCases } from '../../../test-vectors/src/security/index.js';
import { DEFAULT_LIMITS } from '../../src/lib/limits.js';

/** Every ID of issue 7, "Known vulnerabilities to reproduce". */
const ISSUE_7_IDS = [
  'CVE-2015-9235', 'CVE-2016-10555', 'CVE-2016-1000223', 'CVE-2022-23539', 'CVE-2022-23540', 'CVE-2022-23541', 'CVE-2020-15084',
  'CVE-2023-48223', 'GHSA-ww5h-9m49-7xx4', 'GHSA-g3jj-5cmm-3hxx', 'CVE-2026-22817', 'CVE-2026-22818',
  'CVE-2020-28042', 'CVE-2022-21449', 'CVE-2025-65945', 'DER-instead-of-P1363', 'Ed25519-non-canonical-S',
  'CVE-2025-62610', 'CVE-2025-30144', 'CVE-2026-44459', 'GHSA-5hjw-83fp-phq9', 'GHSA-687g-22h4-j4w4', 'CVE-2026-35042',
  'CVE-2026-44351', 'GHSA-8wpc-h4q6-8fxv', 'CVE-2018-0114', 'jku-x5u-never-fetched',
  'CVE-2021-29443', 'CVE-2021-29445', 'CVE-2021-29446', 'CVE-2022-36083', 'CVE-2024-28176', 'ECDH-ES-invalid-curve', 'JWE-truncated-tag',
  'CVE-2026-35039', 'GHSA-x937-hj6v-793p',
  'GHSA-8fpg-xm3f-6cx3', 'CVE-2025-29927', 'GHSA-392p-2q2v-4372', 'CVE-2025-61928',
];

const cases = securityCases();

/** The plain-JSON index of the suite (vectors/security/advisories.json), for tools that do not run JavaScript. */
function jsonIndex(): unknown {
  return {
    format: 'tessera-security-index/1',
    source: 'generated from securityCases() in packages/test-vectors/src/security; regenerate with UPDATE_SECURITY_INDEX=1 npx vitest run --project node test/security/index.node.test.ts (in packages/jwt-core)',
    cases: cases.map((c) => ({
      id: c.id, aliases: c.aliases, area: c.area, title: c.title, summary: c.summary, protection: c.protection,
      references: c.references, vectors: c.vectors,
      checks: c.checks.map((k) => ({ name: k.name, expect: k.expect, ...(k.algs === undefined ? {} : { algs: k.algs }), ...(k.server === true ? { server: true } : {}), ...(k.clock === true ? { clock: true } : {}) })),
    })),
  };
}

describe('the security suite', () => {
  it('has a case for every advisory of issue 7', () => {
    expect(ISSUE_7_IDS.filter((id) => securityCase(id) === undefined)).toEqual([]);
  });

  it('keeps IDs unique and every case complete', () => {
    const ids = cases.flatMap((c) => [c.id, ...c.aliases]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of cases) {
      expect(c.title.length, c.id).toBeGreaterThan(10);
      // Titles and protections are cells of the SECURITY.md table: a '|' would split them.
      expect(`${c.title}${c.protection}`, c.id).not.toContain('|');
      expect(c.summary.length, c.id).toBeGreaterThan(40);
      expect(c.protection.length, c.id).toBeGreaterThan(30);
      expect(c.references.length, c.id).toBeGreaterThan(0);
      expect(c.checks.length, c.id).toBeGreaterThan(0);
      const names = c.checks.map((k) => k.name);
      expect(new Set(names).size, c.id).toBe(names.length);
    }
  });

  it('is published as plain JSON in vectors/security/advisories.json, in step with the code', () => {
    const file = new URL('../../../test-vectors/vectors/security/advisories.json', import.meta.url);
    const text = `${JSON.stringify(jsonIndex(), null, 2)}\n`;
    const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
    if (env.UPDATE_SECURITY_INDEX === '1') writeFileSync(file, text);
    expect(readFileSync(file, 'utf8'), 'regenerate: UPDATE_SECURITY_INDEX=1 npx vitest run --project node test/security/index.node.test.ts').toBe(text);
  });

  it('cites only negative vectors that exist and expect a refusal', () => {
    const byId = new Map(negativeVectors().map((v) => [v.id, v]));
    for (const c of cases) {
      for (const id of c.vectors) {
        expect(byId.has(id), `${c.id} cites ${id}`).toBe(true);
        expect(byId.get(id)!.expect.ok, `${c.id} cites ${id}`).toBe(false);
      }
    }
  });
});

describe('SECURITY.md', () => {
  const doc = readFileSync(new URL('../../../../SECURITY.md', import.meta.url), 'utf8');

  it('maps every case to its test: the describe title, in a table row', () => {
    expect(doc).toContain('packages/jwt-core/test/security/advisories.test.ts');
    for (const c of cases) {
      const title = `${[c.id, ...c.aliases].join(' / ')}: ${c.title}`;
      const row = doc.split('\n').find((line) => line.startsWith(`| ${[c.id, ...c.aliases].join(' / ')} |`));
      expect(row, c.id).toBeDefined();
      expect(row, c.id).toContain(`\`${title}\``);
      expect(row, c.id).toContain(c.protection);
    }
  });

  it('states every default limit', () => {
    for (const v of [DEFAULT_LIMITS.maxTokenLength, DEFAULT_LIMITS.maxHeaderBytes, DEFAULT_LIMITS.maxJsonDepth, DEFAULT_LIMITS.maxKeysInSet, DEFAULT_LIMITS.maxClockTolerance, 310000, 262144]) {
      expect(doc).toContain(String(v));
    }
    for (const name of ['maxTokenLength', 'maxHeaderBytes', 'maxJsonDepth', 'maxKeysTried', 'maxKeys', 'maxResponseBytes', 'maxPbes2Count', 'clockTolerance', 'FUZZ_RUNS']) {
      expect(doc).toContain(name);
    }
  });
});
