/** Production detection: explicit option first, then NODE_ENV; no environment at all fails safe. */
import { describe, expect, it } from 'vitest';
import { isProduction } from '../../src/lib/environment.js';

describe('isProduction', () => {
  it('follows the explicit option, then NODE_ENV', () => {
    expect(isProduction(true, { NODE_ENV: 'development' })).toBe(true);
    expect(isProduction(false, { NODE_ENV: 'production' })).toBe(false);
    expect(isProduction(undefined, { NODE_ENV: 'production' })).toBe(true);
    expect(isProduction(undefined, { NODE_ENV: 'test' })).toBe(false);
    expect(isProduction(undefined, {})).toBe(false);
  });

  it('is true when there is no environment to read (a runtime without process.env)', () => {
    expect(isProduction(undefined, undefined)).toBe(true);
  });
});
