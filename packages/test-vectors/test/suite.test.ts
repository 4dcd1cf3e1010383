/**
 * The suite's own checks: the data loads and normalizes, ids are unique, every negative case
 * names its source and code, the generator reproduces the committed file, and checkOutcome
 * refuses what it should (so a harness built on it cannot pass by accident).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkOutcome, loadVectors, negativeVectors, rfcVectors, toVerifyOptions, type VerifyCase } from '../src/index.js';

const CODES = new Set([
  'ERR_JWS_INVALID', 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED', 'ERR_JOSE_ALG_NOT_ALLOWED', 'ERR_JOSE_NOT_SUPPORTED',
  'ERR_JOSE_INVALID_OPTION', 'ERR_JWT_INVALID', 'ERR_JWT_EXPIRED', 'ERR_JWT_NOT_YET_VALID', 'ERR_JWT_CLAIM_VALIDATION_FAILED',
  'ERR_JWK_INVALID', 'ERR_JWKS_NO_MATCHING_KEY',
]);

describe('the suite', () => {
  const suite = loadVectors();

  it('has every RFC verification case, including the compact forms derived from RFC 7520 4.5-4.8', () => {
    expect(suite.rfc.map((c) => c.id)).toEqual([
      'rfc7515-A.1', 'rfc7515-A.2', 'rfc7515-A.3', 'rfc7515-A.4', 'rfc7515-A.5',
      'rfc7519-3.1', 'rfc7519-3.1-expired', 'rfc7519-3.1-expired-default-tolerance', 'rfc7519-6.1',
      'rfc7520-4.1', 'rfc7520-4.2', 'rfc7520-4.3', 'rfc7520-4.4',
      'rfc7520-4.5-reattached', 'rfc7520-4.5-detached', 'rfc7520-4.6-compact', 'rfc7520-4.7-compact',
      'rfc7520-4.8-signature-1-compact', 'rfc7520-4.8-signature-2-compact', 'rfc7520-4.8-signature-3-compact',
      'rfc8037-A.4', 'rfc8037-A.5',
    ]);
    expect(suite.signing.map((c) => c.id)).toEqual(['rfc7515-A.2', 'rfc8037-A.4', 'rfc7520-4.1', 'rfc7520-4.4']);
    expect(suite.thumbprints.map((c) => [c.id, c.thumbprint])).toEqual([
      ['rfc7638-3.1', 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs'], ['rfc8037-A.3', 'kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k'],
    ]);
    expect(suite.jwk).toHaveLength(7);
  });

  it('keeps ids unique and every case complete', () => {
    const all = [...suite.rfc, ...suite.negative];
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
    for (const c of all) {
      expect(c.source.length, c.id).toBeGreaterThan(5);
      if (!c.expect.ok) expect(CODES.has(c.expect.code), `${c.id}: ${c.expect.code}`).toBe(true);
      for (const k of c.keys.keys) expect(typeof k.alg, `${c.id}: key alg`).toBe('string');
    }
  });

  it('never hands a private key to a verifier', () => {
    for (const c of [...suite.rfc, ...suite.negative]) {
      for (const k of c.keys.keys) expect(['d', 'p', 'q', 'dp', 'dq', 'qi'].filter((m) => m in k), c.id).toEqual([]);
    }
  });

  it('has negative cases for every error code of issue 2, and positive controls', () => {
    const codes = new Set(suite.negative.flatMap((c) => (c.expect.ok ? [] : [c.expect.code])));
    expect([...CODES].filter((c) => !codes.has(c))).toEqual([]);
    expect(suite.negative.filter((c) => c.expect.ok).length).toBeGreaterThanOrEqual(20);
    expect(suite.negative.length).toBeGreaterThanOrEqual(140);
  });

  it('is plain JSON, so it can be passed into an isolated VM', () => {
    expect(JSON.parse(JSON.stringify(suite))).toEqual(suite);
  });

  it('reproduces vectors/negative/jwt.json from its generator', () => {
    const script = fileURLToPath(new URL('../scripts/generate-negative.mjs', import.meta.url));
    expect(() => execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' })).not.toThrow();
  });
});

describe('checkOutcome', () => {
  const okCase = rfcVectors().find((c) => c.id === 'rfc7519-3.1')!;
  const negCase = negativeVectors().find((c) => c.id === 'neg-expired')!;
  const joseError = (code: string, message = 'token expired at 2026-09-21T13:13:20Z', claim?: string) =>
    Object.assign(new Error(message), { name: 'JoseError', code, claim });

  it('accepts the expected payload and refuses a different one', () => {
    expect(checkOutcome(okCase, { ok: true, payload: { ...(okCase.expect as { payload: object }).payload } })).toBeNull();
    expect(checkOutcome(okCase, { ok: true, payload: { iss: 'joe' } })).toMatch(/payload differs/);
    expect(checkOutcome(okCase, { ok: false, error: joseError('ERR_JWT_EXPIRED') })).toMatch(/expected success/);
  });

  it('compares JWS payloads as UTF-8 text', () => {
    const c = rfcVectors().find((v) => v.id === 'rfc8037-A.5')!;
    expect(checkOutcome(c, { ok: true, payload: new TextEncoder().encode('Example of Ed25519 signing') })).toBeNull();
    expect(checkOutcome(c, { ok: true, payload: new TextEncoder().encode('Example') })).toMatch(/payload differs/);
  });

  it('requires the code, the claim, a JoseError, and a message free of secrets', () => {
    expect(checkOutcome(negCase, { ok: false, error: joseError('ERR_JWT_EXPIRED', undefined, 'exp') })).toBeNull();
    expect(checkOutcome(negCase, { ok: true, payload: {} })).toMatch(/succeeded/);
    expect(checkOutcome(negCase, { ok: false, error: joseError('ERR_JWS_INVALID') })).toMatch(/expected ERR_JWT_EXPIRED, got ERR_JWS_INVALID/);
    expect(checkOutcome(negCase, { ok: false, error: joseError('ERR_JWT_EXPIRED', undefined, 'nbf') })).toMatch(/claim/);
    expect(checkOutcome(negCase, { ok: false, error: Object.assign(new Error('x'), { code: 'ERR_JWT_EXPIRED', claim: 'exp' }) })).toMatch(/JoseError/);
    const secret = negCase.keys.keys[0]!.k as string;
    expect(checkOutcome(negCase, { ok: false, error: joseError('ERR_JWT_EXPIRED', `bad key ${secret}`, 'exp') })).toMatch(/key material/);
    expect(checkOutcome(negCase, { ok: false, error: joseError('ERR_JWT_EXPIRED', `token ${negCase.token}`, 'exp') })).toMatch(/token/);
    expect(checkOutcome(negCase, { ok: false, error: 'boom' })).toMatch(/thrown string/);
  });

  it('requires the message to name the cause when the case lists facts', () => {
    const c = negativeVectors().find((v) => v.id === 'neg-kid-unknown')!;
    expect(c.expect).toMatchObject({ messageIncludes: ['hs256-k9', 'hs256-k1', 'hs256-k2'] });
    const err = (message: string) => ({ ok: false as const, error: joseError('ERR_JWKS_NO_MATCHING_KEY', message) });
    expect(checkOutcome(c, err("no key with kid 'HS256-K9'; known kids: hs256-k1, hs256-k2"))).toBeNull();
    expect(checkOutcome(c, err('no matching key'))).toMatch(/does not name "hs256-k9"/);
  });

  it('turns currentDate into a Date and merges extra options', () => {
    const c: VerifyCase = negCase;
    const o = toVerifyOptions(c.options, { backend: 'noble' });
    expect(o.currentDate).toEqual(new Date(1_790_000_000_000));
    expect(o.backend).toBe('noble');
    expect(o.algorithms).toEqual(['HS256']);
  });
});
