/**
 * Every verification vector (RFC 7515/7519/7520/8037 and Tessera's negative vectors) on every
 * backend: selection ('auto') and each backend forced. A forced backend skips only the cases
 * that need an algorithm it lacks (BACKEND_GAPS: RSA on noble), and that skip list is asserted.
 */
import { describe, expect, it } from 'vitest';
import { negativeVectors, rfcVectors, toVerifyOptions } from '../../../test-vectors/src/index.js';
import { verifyJws, verifyJwt } from '../../src/index.js';
import { BACKEND_GAPS, BACKEND_MODES, RSA_ALGS, keyInput, skippedOn, verifyCase, verifyCaseWithCreateVerifier } from './harness.js';

const rfc = rfcVectors();
const negative = negativeVectors();
const all = [...rfc, ...negative];

for (const mode of BACKEND_MODES) {
  const skipped = new Set(skippedOn(mode, all).map((c) => c.id));
  describe(`backend: ${mode}`, () => {
    it.each(rfc.filter((c) => !skipped.has(c.id)).map((c) => [c.id, c] as const))('%s', async (_id, c) => {
      expect(await verifyCase(c, mode)).toBeNull();
    });
    it.each(negative.filter((c) => !skipped.has(c.id)).map((c) => [c.id, c] as const))('%s', async (_id, c) => {
      expect(await verifyCase(c, mode)).toBeNull();
    });
  });
}

describe('the pre-bound form: createVerifier, without and with its verified-token cache', () => {
  const jwtCases = all.filter((c) => c.kind === 'jwt');
  it.each(jwtCases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    expect(await verifyCaseWithCreateVerifier(c, 'auto')).toBeNull();
    expect(await verifyCaseWithCreateVerifier(c, 'auto', true)).toBeNull();
  });
});

describe('backend skip list', () => {
  it('skips nothing on auto, node and webcrypto', () => {
    for (const mode of ['auto', 'node', 'webcrypto'] as const) expect(skippedOn(mode, all)).toEqual([]);
  });

  it('skips on noble exactly the RSA cases that reach a signature check', () => {
    const ids = skippedOn('noble', all).map((c) => c.id);
    expect(ids).toEqual([
      'rfc7515-A.2', 'rfc7520-4.1', 'rfc7520-4.2', 'rfc7520-4.8-signature-1-compact',
      'ok-rs256', 'ok-ps256', 'neg-rs256-truncated', 'neg-rs256-zero',
    ]);
    expect(BACKEND_GAPS.noble).toEqual(RSA_ALGS);
  });

  it('refuses RSA on noble with ERR_JOSE_NOT_SUPPORTED rather than skipping silently', async () => {
    const refused = skippedOn('noble', all).filter((v) => v.expect.ok);
    expect(refused.length).toBeGreaterThanOrEqual(6);
    for (const c of refused) {
      const opts = toVerifyOptions(c.options, { backend: 'noble' }) as never;
      const verifying = c.kind === 'jwt' ? verifyJwt(c.token, keyInput(c), opts) : verifyJws(c.token, keyInput(c), opts);
      await expect(verifying, c.id).rejects.toMatchObject({ code: 'ERR_JOSE_NOT_SUPPORTED' });
    }
  });
});
