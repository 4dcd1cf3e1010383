import { describe, expect, it } from 'vitest';
import { checkCrit, parseCriticalOption } from '../../src/jws/crit.js';
import { checkJwsHeader } from '../../src/jws/header.js';
import { thrown as error } from '../helpers/errors.js';

const none = new Set<string>();

describe('crit (RFC 7515 §4.1.11)', () => {
  it('passes without crit', () => {
    expect(() => checkCrit({ alg: 'HS256' }, none)).not.toThrow();
  });

  it('refuses an empty list and non-arrays', () => {
    expect(error(() => checkCrit({ alg: 'HS256', crit: [] }, none)).message).toMatch(/non-empty array.*empty array/);
    expect(error(() => checkCrit({ alg: 'HS256', crit: 'exp' }, none)).code).toBe('ERR_JWS_INVALID');
    expect(error(() => checkCrit({ alg: 'HS256', crit: null }, none)).code).toBe('ERR_JWS_INVALID');
  });

  it('refuses non-string members and duplicates', () => {
    expect(error(() => checkCrit({ alg: 'HS256', crit: [1], 1: 2 }, none)).message).toMatch(/non-empty strings/);
    expect(error(() => checkCrit({ alg: 'HS256', crit: ['x', 'x'], x: 1 }, new Set(['x']))).message).toMatch(/twice/);
  });

  it('refuses registered header names', () => {
    expect(error(() => checkCrit({ alg: 'HS256', crit: ['alg'] }, none)).message).toMatch(/'alg', a header parameter registered/);
    expect(error(() => checkCrit({ alg: 'HS256', kid: 'k', crit: ['kid'] }, new Set(['kid']))).code).toBe('ERR_JWS_INVALID');
  });

  it('refuses names absent from the header', () => {
    expect(error(() => checkCrit({ alg: 'HS256', crit: ['exp'] }, new Set(['exp']))).message).toMatch(/no such parameter/);
  });

  it('refuses extensions nobody understands, hinting at the critical option (CVE-2026-35042)', () => {
    const err = error(() => checkCrit({ alg: 'HS256', crit: ['http://example.com/ext'], 'http://example.com/ext': true }, none));
    expect(err.message).toMatch(/does not understand/);
    expect(err.hint).toMatch(/critical: \['http:\/\/example.com\/ext'\]/);
  });

  it('accepts extensions the caller understands, and b64', () => {
    expect(() => checkCrit({ alg: 'HS256', crit: ['exp'], exp: 1 }, new Set(['exp']))).not.toThrow();
    expect(() => checkCrit({ alg: 'HS256', crit: ['b64'], b64: true }, none)).not.toThrow();
  });
});

describe('the critical option', () => {
  it('parses a list of names', () => {
    expect([...parseCriticalOption(['exp', 'tenant'])]).toEqual(['exp', 'tenant']);
    expect(parseCriticalOption(undefined).size).toBe(0);
  });

  it('refuses wrong types and registered names', () => {
    expect(error(() => parseCriticalOption('exp')).code).toBe('ERR_JOSE_INVALID_OPTION');
    expect(error(() => parseCriticalOption([''])).code).toBe('ERR_JOSE_INVALID_OPTION');
    expect(error(() => parseCriticalOption(['alg'])).code).toBe('ERR_JOSE_INVALID_OPTION');
  });
});

describe('registered header parameters', () => {
  it('returns alg and requires it to be a string', () => {
    expect(checkJwsHeader({ alg: 'RS256' }, none)).toBe('RS256');
    expect(error(() => checkJwsHeader({}, none)).message).toMatch(/no alg/);
    expect(error(() => checkJwsHeader({ alg: ['HS256'] }, none)).message).toMatch(/alg must be a string/);
  });

  it('requires kid, typ and cty to be strings', () => {
    for (const name of ['kid', 'typ', 'cty']) {
      expect(error(() => checkJwsHeader({ alg: 'HS256', [name]: 1 }, none)).message).toMatch(new RegExp(`header ${name} must be a string`));
    }
  });

  it('refuses b64: false (RFC 7797) as not supported, with or without crit', () => {
    expect(error(() => checkJwsHeader({ alg: 'HS256', b64: false, crit: ['b64'] }, none)).code).toBe('ERR_JOSE_NOT_SUPPORTED');
    expect(error(() => checkJwsHeader({ alg: 'HS256', b64: false }, none)).code).toBe('ERR_JOSE_NOT_SUPPORTED');
    expect(error(() => checkJwsHeader({ alg: 'HS256', b64: 'false' }, none)).code).toBe('ERR_JWS_INVALID');
  });

  it('checks crit', () => {
    expect(error(() => checkJwsHeader({ alg: 'HS256', crit: [] }, none)).message).toMatch(/crit/);
  });
});
