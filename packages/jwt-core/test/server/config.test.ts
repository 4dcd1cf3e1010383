/** Start-up validation: configuration mistakes throw ERR_JOSE_INVALID_OPTION with a clear message. */
import { describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../src/jwk/generate.js';
import { setup } from './helpers.js';

describe('createAuth configuration', () => {
  const bad: [string, Parameters<typeof setup>[0], RegExp][] = [
    ['Secure on plain http without a proxy', { origin: 'http://app.example.com', cookies: { secure: true } }, /origin http:\/\/app.example.com is plain HTTP and no trusted proxy/],
    ['Secure off outside localhost', { cookies: { secure: false } }, /only allowed for development on http:\/\/localhost/],
    ['SameSite=None without Secure', { origin: 'http://localhost:3000', cookies: { secure: false, sameSite: 'None' } }, /sameSite None requires Secure/],
    ['wildcard origin', { allowedOrigins: ['*'] }, /allowedOrigins\[0\] must be an http\(s\) origin/],
    ['refresh not longer than access', { accessTokenTtl: '1h', refreshTokenTtl: '30m' }, /refreshTokenTtl \(1800s\) must be longer than accessTokenTtl \(3600s\)/],
    ['huge clock tolerance', { clockTolerance: '2h' }, /clockTolerance must be at most 3600s/],
    ['unknown transport', { transport: 'header' as never }, /transport must be/],
    ['bad base path', { basePath: 'auth' }, /basePath must be an absolute URL path/],
    ['long grace window', { refreshReuseGrace: '10m' }, /refreshReuseGrace must be at most 5m/],
    ['not a key', { keys: 'secret' as never }, /keys must be a key ring/],
    ['incomplete store', { store: { get: async () => undefined } as never }, /store.insertRefresh must be a function .*get\/set\/delete/],
    ['chunk size', { cookies: { chunkSize: 10_000 } }, /cookies.chunkSize/],
  ];
  it('SameSite=None without Secure on localhost says what to do there: Lax is enough across localhost ports', () => {
    let err: { message: string; hint: string } | undefined;
    try {
      setup({ origin: 'http://localhost:3000', cookies: { secure: false, sameSite: 'None' } });
    } catch (e) {
      err = e as { message: string; hint: string };
    }
    expect(err?.message).toBe('cookies.sameSite None requires Secure cookies (browsers reject SameSite=None without Secure), and cookies.secure is false for http://localhost:3000');
    expect(err?.hint).toMatch(/^on localhost you do not need SameSite=None: a front end and an API on localhost with different ports are the same site, so leave sameSite at 'Lax' and remove secure: false\./);
    expect(err?.hint).toContain('Safari needs https');
  });

  for (const [name, overrides, message] of bad) {
    it(`refuses ${name}`, () => {
      expect(() => setup(overrides)).toThrow(message);
      try {
        setup(overrides);
      } catch (err) {
        expect((err as { code: string }).code).toBe('ERR_JOSE_INVALID_OPTION');
      }
    });
  }

  it('refuses a public key as the signing key', async () => {
    const { publicKey } = await generateKeyPair('ES256');
    expect(() => setup({ keys: publicKey })).toThrow(/signing needs a private or secret signature key/);
  });

  it('accepts Secure on plain http behind a trusted proxy, and localhost development', () => {
    expect(() => setup({ origin: 'http://app.example.com', cookies: { secure: true }, trustProxy: true })).not.toThrow();
    expect(() => setup({ origin: 'http://localhost:3000', cookies: { secure: false } })).not.toThrow();
  });

  it('exposes the resolved transport and base path', () => {
    const { auth } = setup({ transport: 'split', basePath: '/api/auth/' });
    expect(auth.transport).toBe('split');
    expect(auth.basePath).toBe('/api/auth');
  });
});
