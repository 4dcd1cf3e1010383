/**
 * `auth.handles(target)`: adapters ask it before building a Web `Request`, so it must agree with
 * `auth.handle` on every target: a false "no" would send login requests to the application, a
 * false "yes" only costs a Request (handle then answers null).
 */
import { describe, expect, it } from 'vitest';
import { ORIGIN, setup } from './helpers.js';

const targets: [string, boolean][] = [
  ['/auth/login', true],
  ['/auth/login?next=/x', true],
  ['/auth/refresh', true],
  ['/auth/logout-all', true],
  ['/auth/session', true],
  ['/auth/../auth/login', true], // dot segments are resolved, as the URL parser does for handle()
  ['/auth/./session', true],
  ['/.well-known/jwks.json', true],
  ['/auth/unknown', false],
  ['/auth', false],
  ['/auth/', false],
  ['/authx/login', false],
  ['/api/me', false],
  ['/auth/%6cogin', false], // percent-encoded bytes are not decoded by the URL parser
  ['//auth/login', false], // a path with an empty first segment, never a host
  ['/', false],
];

describe('auth.handles', () => {
  it('agrees with auth.handle on origin-form targets, whatever the method', async () => {
    const { auth } = setup();
    for (const [target, expected] of targets) {
      expect(auth.handles(target), target).toBe(expected);
      for (const method of ['GET', 'POST', 'DELETE']) {
        const answered = await auth.handle(new Request(`${ORIGIN}/${target.replace(/^\/+/, (m) => m.slice(1))}`, { method }));
        if (!target.startsWith('//')) expect(answered !== null, `${method} ${target}`).toBe(expected);
      }
    }
  });

  it('takes absolute-form targets by their path only, and is false for what cannot be parsed', () => {
    const { auth } = setup();
    expect(auth.handles('http://elsewhere.example/auth/login')).toBe(true);
    expect(auth.handles('http://elsewhere.example/api/me')).toBe(false);
    expect(auth.handles('*')).toBe(false);
    expect(auth.handles('')).toBe(false);
    expect(auth.handles('http://[bad')).toBe(false);
  });

  it('follows basePath and jwksPath, including a jwks turned off', () => {
    expect(setup({ basePath: '/api/session' }).auth.handles('/api/session/login')).toBe(true);
    expect(setup({ basePath: '/api/session' }).auth.handles('/auth/login')).toBe(false);
    expect(setup({ jwksPath: false }).auth.handles('/.well-known/jwks.json')).toBe(false);
    expect(setup({ jwksPath: '/keys' }).auth.handles('/keys')).toBe(true);
  });
});
