import { describe, expect, it } from 'vitest';
import { checkClaimTypes, validateClaims } from '../../src/jwt/claims.js';
import { normaliseTyp, parseClaimsOptions } from '../../src/jwt/options.js';
import type { JwtClaims } from '../../src/types.js';
import { thrown as error } from '../helpers/errors.js';

// 2026-11-22T10:00:00Z
const NOW = Date.UTC(2026, 10, 22, 10, 0, 0) / 1000;

const check = (claims: JwtClaims, options: Record<string, unknown> = {}, header: Record<string, unknown> = { alg: 'HS256' }) =>
  validateClaims(claims, header, parseClaimsOptions(options), NOW);

describe('claim types (CVE-2026-44459, CVE-2025-30144)', () => {
  it.each([
    ['exp', '123'], ['exp', null], ['exp', true], ['exp', [1]], ['exp', {}],
    ['nbf', '0'], ['nbf', false], ['iat', 'now'], ['iat', null],
  ])('refuses %s = %j as ERR_JWT_INVALID naming the claim', (claim, value) => {
    const err = error(() => checkClaimTypes({ [claim]: value }));
    expect(err.code).toBe('ERR_JWT_INVALID');
    expect(err.claim).toBe(claim);
    expect(err.message).toContain(`claim ${claim} must be a NumericDate`);
  });

  it('refuses non-finite NumericDates', () => {
    // JSON cannot carry them, but a claims object handed to signJwt can.
    expect(error(() => checkClaimTypes({ exp: Number.POSITIVE_INFINITY })).claim).toBe('exp');
    expect(error(() => checkClaimTypes({ nbf: Number.NaN })).claim).toBe('nbf');
  });

  it.each([['iss', ['a', 'b']], ['iss', 1], ['sub', {}], ['jti', 7]])('refuses %s = %j', (claim, value) => {
    const err = error(() => checkClaimTypes({ [claim]: value }));
    expect(err.code).toBe('ERR_JWT_INVALID');
    expect(err.claim).toBe(claim);
  });

  it('refuses aud that is not a string or an array of strings', () => {
    expect(error(() => checkClaimTypes({ aud: 1 })).claim).toBe('aud');
    expect(error(() => checkClaimTypes({ aud: ['a', 2] })).message).toMatch(/non-string member/);
    expect(error(() => checkClaimTypes({ aud: { a: 1 } })).code).toBe('ERR_JWT_INVALID');
  });

  it('accepts well-typed claims and leaves private claims alone', () => {
    expect(() => checkClaimTypes({ iss: 'i', sub: 's', aud: ['a'], exp: 1.5, nbf: 0, iat: 1, jti: 'j', role: ['x'], n: null })).not.toThrow();
  });
});

describe('exp, nbf, iat', () => {
  it('explains an expired token with the time and tolerance', () => {
    const err = error(() => check({ exp: NOW - 192 }));
    expect(err.code).toBe('ERR_JWT_EXPIRED');
    expect(err.claim).toBe('exp');
    expect(err.message).toBe('token expired 3m 12s ago at 2026-11-22T09:56:48Z; clock tolerance is 5s');
  });

  it('applies the clock tolerance at its boundary (RFC 7519 §4.1.4: now must be before exp)', () => {
    expect(() => check({ exp: NOW - 4 })).not.toThrow();
    expect(error(() => check({ exp: NOW - 5 })).code).toBe('ERR_JWT_EXPIRED');
    expect(error(() => check({ exp: NOW }, { clockTolerance: 0 })).code).toBe('ERR_JWT_EXPIRED');
    expect(() => check({ exp: NOW + 1 }, { clockTolerance: 0 })).not.toThrow();
    expect(() => check({ exp: NOW - 100 }, { clockTolerance: '2m' })).not.toThrow();
  });

  it('explains a token not yet valid', () => {
    const err = error(() => check({ nbf: NOW + 123 }));
    expect(err.code).toBe('ERR_JWT_NOT_YET_VALID');
    expect(err.claim).toBe('nbf');
    expect(err.message).toBe('token is not valid until 2026-11-22T10:02:03Z (in 2m 3s); clock tolerance is 5s');
    expect(() => check({ nbf: NOW + 5 })).not.toThrow();
  });

  it('refuses iat in the future beyond the tolerance', () => {
    const err = error(() => check({ iat: NOW + 60 }));
    expect(err.code).toBe('ERR_JWT_CLAIM_VALIDATION_FAILED');
    expect(err.claim).toBe('iat');
    expect(err.message).toMatch(/issued in the future/);
    // The fix, not only the cause: sync the clocks, or raise clockTolerance by the measured skew.
    expect(err.hint).toMatch(/^the issuer's clock is ahead of this server's \(or this one is behind\) by about 1m: sync both clocks with NTP/);
    expect(err.hint).toContain('raise clockTolerance just above it (at most 1h)');
    expect(() => check({ iat: NOW + 5 })).not.toThrow();
  });

  it('maxTokenAge requires iat and bounds the age', () => {
    const missing = error(() => check({}, { maxTokenAge: '1h' }));
    expect(missing.claim).toBe('iat');
    expect(missing.reason).toBe('missing');
    const old = error(() => check({ iat: NOW - 7200 }, { maxTokenAge: '1h' }));
    expect(old.code).toBe('ERR_JWT_CLAIM_VALIDATION_FAILED');
    expect(old.message).toMatch(/token is 2h old .*maxTokenAge is 1h/);
    expect(() => check({ iat: NOW - 3600 }, { maxTokenAge: '1h' })).not.toThrow();
    expect(() => check({ iat: NOW - 3605 }, { maxTokenAge: 3600 })).not.toThrow();
    expect(error(() => check({ iat: NOW - 3606 }, { maxTokenAge: 3600 })).claim).toBe('iat');
  });
});

describe('iss, aud, sub', () => {
  it('accepts iss from a list and names expected vs got', () => {
    expect(() => check({ iss: 'b' }, { issuer: ['a', 'b'] })).not.toThrow();
    const err = error(() => check({ iss: 'https://evil.example' }, { issuer: ['a', 'b'] }));
    expect(err.claim).toBe('iss');
    expect(err.reason).toBe('check_failed');
    expect(err.message).toBe("unexpected iss 'https://evil.example'; expected 'a' or 'b'");
    expect(error(() => check({}, { issuer: 'a' })).reason).toBe('missing');
  });

  it('passes aud when any audience is accepted', () => {
    expect(() => check({ aud: ['x', 'api'] }, { audience: 'api' })).not.toThrow();
    expect(() => check({ aud: 'web' }, { audience: ['api', 'web'] })).not.toThrow();
    const err = error(() => check({ aud: ['x', 'y'] }, { audience: 'api' }));
    expect(err.claim).toBe('aud');
    expect(err.message).toBe("aud 'x' and 'y' does not include an accepted audience; expected 'api'");
    // The fix, not only the cause: a token for this audience, or this audience in the options.
    expect(err.hint).toBe("the token was issued for another service: the client must ask the issuer for a token whose aud names this one ('api'), e.g. the audience/resource parameter of its token request; if this service really is that audience, add it to the audience option (the same value on every instance)");
    expect(error(() => check({ aud: [] }, { audience: 'api' })).claim).toBe('aud');
  });

  it('checks a single-string aud exactly, naming it when refused', () => {
    expect(() => check({ aud: 'api' }, { audience: 'api' })).not.toThrow();
    expect(() => check({ aud: 'api' }, { audience: ['web', 'api'] })).not.toThrow();
    const err = error(() => check({ aud: 'ap' }, { audience: ['api', 'web'] }));
    expect(err.claim).toBe('aud');
    expect(err.reason).toBe('check_failed');
    expect(err.message).toBe("aud 'ap' does not include an accepted audience; expected 'api' or 'web'");
    expect(error(() => check({ aud: [] }, { audience: 'api' })).message).toBe("aud [] (empty) does not include an accepted audience; expected 'api'");
    // An aud string is never matched by substring or by prefix.
    expect(error(() => check({ aud: 'api.example.com' }, { audience: 'api' })).claim).toBe('aud');
  });

  it('fails a token without aud when an audience is configured (CVE-2025-62610)', () => {
    const err = error(() => check({ sub: 'u' }, { audience: 'api' }));
    expect(err.code).toBe('ERR_JWT_CLAIM_VALIDATION_FAILED');
    expect(err.claim).toBe('aud');
    expect(err.reason).toBe('missing');
  });

  it('checks sub', () => {
    expect(() => check({ sub: 'u1' }, { subject: 'u1' })).not.toThrow();
    expect(error(() => check({ sub: 'u2' }, { subject: 'u1' })).message).toBe("unexpected sub 'u2'; expected 'u1'");
  });

  it('truncates long values and escapes control characters in messages', () => {
    const err = error(() => check({ iss: `${'x'.repeat(300)}` }, { issuer: 'a' }));
    expect(err.message.length).toBeLessThan(200);
    const nl = error(() => check({ iss: 'a\nFAKE LOG LINE' }, { issuer: 'b' }));
    expect(nl.message).not.toContain('\n');
  });
});

describe('typ and requiredClaims', () => {
  it('compares typ per RFC 7515 §4.1.9', () => {
    expect(normaliseTyp('JWT')).toBe('application/jwt');
    expect(() => check({}, { typ: 'at+jwt' }, { alg: 'HS256', typ: 'application/AT+JWT' })).not.toThrow();
    expect(() => check({}, { typ: 'application/jwt' }, { alg: 'HS256', typ: 'JWT' })).not.toThrow();
    const err = error(() => check({}, { typ: 'at+jwt' }, { alg: 'HS256', typ: 'JWT' }));
    expect(err.claim).toBe('typ');
    expect(err.message).toBe("unexpected typ 'JWT'; expected 'at+jwt'");
    expect(error(() => check({}, { typ: 'JWT' })).reason).toBe('missing');
  });

  it('requires the listed claims', () => {
    expect(() => check({ tenant: 't', role: 0 }, { requiredClaims: ['tenant', 'role'] })).not.toThrow();
    const err = error(() => check({ tenant: 't' }, { requiredClaims: ['tenant', 'role'] }));
    expect(err.claim).toBe('role');
    expect(err.reason).toBe('missing');
    expect(err.message).toBe('token has no role claim (required by requiredClaims)');
  });
});

describe('claim options', () => {
  it('defaults the clock tolerance to 5 s and parses durations', () => {
    expect(parseClaimsOptions({}).clockTolerance).toBe(5);
    expect(parseClaimsOptions({ clockTolerance: '30s', maxTokenAge: '14d' })).toMatchObject({ clockTolerance: 30, maxTokenAge: 14 * 86400 });
    expect(parseClaimsOptions({ clockTolerance: '5m' }).clockTolerance).toBe(300);
  });

  it('bounds the clock tolerance (GHSA-687g-22h4-j4w4)', () => {
    expect(parseClaimsOptions({ clockTolerance: 3600 }).clockTolerance).toBe(3600);
    for (const bad of [3601, Number.POSITIVE_INFINITY, Number.NaN, -1, '2h', '1e9s', 'forever', null, true]) {
      expect(error(() => parseClaimsOptions({ clockTolerance: bad })).code).toBe('ERR_JOSE_INVALID_OPTION');
    }
  });

  it('refuses wrong option types', () => {
    for (const options of [
      { issuer: '' }, { issuer: [] }, { issuer: [1] }, { audience: 5 }, { audience: [''] }, { subject: 1 },
      { requiredClaims: 'sub' }, { requiredClaims: [1] }, { typ: 1 }, { currentDate: 'now' }, { currentDate: new Date('nope') },
      { maxTokenAge: -5 }, { maxTokenAge: '5 fortnights' },
    ]) {
      expect(error(() => parseClaimsOptions(options)).code, JSON.stringify(options)).toBe('ERR_JOSE_INVALID_OPTION');
    }
  });
});
