/**
 * Runs Wycheproof signature/MAC files against each backend. The loader is imported from the
 * test-vectors package's source (a relative path, so no build of @tessera/test-vectors is needed).
 */
import { describe, expect, it } from 'vitest';
import {
  loadWycheproofSignatureFile,
  type WycheproofSignatureCase,
  type WycheproofSignatureFileName,
} from '../../../test-vectors/src/wycheproof/signatures.js';
import type { Jwk } from '../../src/lib/types.js';
import type { SignatureBackend, VerifyFn } from '../../src/lib/backends/types.js';
import { BACKENDS } from './fixtures.js';

type Outcome = boolean | 'key-refused';

/** Verify every case of `cases` on `backend`; one verifier per distinct key. */
async function run(backend: SignatureBackend, cases: readonly WycheproofSignatureCase[]): Promise<Outcome[]> {
  const verifiers = new Map<string, VerifyFn | 'key-refused'>();
  const out: Outcome[] = [];
  for (const c of cases) {
    const id = `${c.alg}${JSON.stringify(c.jwk)}`;
    let verify = verifiers.get(id);
    if (verify === undefined) {
      try {
        verify = backend.verifier(c.alg, c.jwk as Jwk);
      } catch {
        verify = 'key-refused';
      }
      verifiers.set(id, verify);
    }
    if (verify === 'key-refused') {
      out.push('key-refused');
      continue;
    }
    try {
      out.push(await verify(c.msg, c.sig));
    } catch {
      // WebCrypto imports at first use: a refused key shows up here.
      out.push('key-refused');
    }
  }
  return out;
}

/**
 * One describe block per file: every `valid` case accepted and every `invalid` case refused by
 * each backend that implements the algorithm; `acceptable` cases must get the same answer from
 * every backend (the answer itself is the backend's choice; see the report in the expectation).
 */
export function wycheproofSuite(file: WycheproofSignatureFileName, expected: { cases: number; excluded: number; acceptable: Record<string, Outcome> }): void {
  describe(file, () => {
    const loaded = loadWycheproofSignatureFile(file);
    const alg = loaded.cases[0]!.alg;
    const outcomes = new Map<string, Outcome[]>();

    it('loads every test of the file; groups left out are exactly the non-JOSE ones', () => {
      expect(loaded.cases.length).toBe(expected.cases);
      expect(loaded.excluded.reduce((n, g) => n + g.tests, 0)).toBe(expected.excluded);
      expect(loaded.cases.length + expected.excluded).toBe(loaded.numberOfTests);
      for (const g of loaded.excluded) expect(g.reason).toMatch(/truncated \d+-bit tag/);
      expect(new Set(loaded.cases.map((c) => c.alg))).toEqual(new Set([alg]));
    });

    for (const backend of BACKENDS) {
      if (!backend.available(alg)) {
        it(`${backend.name}: does not implement ${alg}, so it cannot run these cases`, () => {
          expect(backend.name).toBe('noble');
          expect(alg).toMatch(/^(RS|PS)/);
        });
        continue;
      }
      it(`${backend.name}: accepts every valid case and refuses every invalid one`, async () => {
        const got = await run(backend, loaded.cases);
        outcomes.set(backend.name, got);
        const wrong = loaded.cases
          .map((c, i) => ({ c, got: got[i]! }))
          .filter(({ c, got }) => (c.result === 'valid' && got !== true) || (c.result === 'invalid' && got === true))
          .map(({ c, got }) => `tcId ${c.tcId} (${c.result}, ${c.flags.join('|')}: ${c.comment}) -> ${String(got)}`);
        expect(wrong).toEqual([]);
        const acceptable = Object.fromEntries(
          loaded.cases.flatMap((c, i) => (c.result === 'acceptable' ? [[`${c.tcId}:${c.flags.join('|')}`, got[i]!]] : [])),
        );
        expect(acceptable).toEqual(expected.acceptable);
      }, 60_000);
    }
  });
}
