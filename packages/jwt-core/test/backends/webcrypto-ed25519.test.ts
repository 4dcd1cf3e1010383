/**
 * A WebCrypto without Ed25519 (older browsers and runtimes): the first EdDSA operation completes
 * through noble, and from then on `available('EdDSA')` is false so selection goes to noble.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { keysFor } from './fixtures.js';

const real = globalThis.crypto;

/** globalThis.crypto whose subtle refuses Ed25519 as such runtimes do (NotSupportedError). */
function cryptoWithoutEd25519(): Crypto {
  const subtle = new Proxy(real.subtle, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const alg = (prop === 'importKey' ? args[2] : args[0]) as { name?: string } | string;
        const name = typeof alg === 'string' ? alg : alg?.name;
        if (name === 'Ed25519') return Promise.reject(new DOMException('Unrecognized algorithm name', 'NotSupportedError'));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { subtle, getRandomValues: real.getRandomValues.bind(real), randomUUID: real.randomUUID.bind(real) } as Crypto;
}

beforeEach(() => {
  vi.resetModules();
  vi.stubGlobal('crypto', cryptoWithoutEd25519());
});
afterEach(() => vi.unstubAllGlobals());

describe('WebCrypto without Ed25519', () => {
  it('verifies and signs through noble, then reports EdDSA unavailable', async () => {
    const { webcrypto, webcryptoHasEd25519 } = await import('../../src/lib/backends/webcrypto.js');
    const { noble } = await import('../../src/lib/backends/noble.js');
    const { privateJwk, publicJwk } = keysFor('EdDSA');
    const msg = new TextEncoder().encode('header.payload');
    const good = await noble.signer('EdDSA', privateJwk)(msg);

    expect(webcrypto.available('EdDSA')).toBe(true); // not known yet: learnt at the first import
    const verify = webcrypto.verifier('EdDSA', publicJwk);
    expect(await verify(msg, good)).toBe(true);
    expect(await verify(msg.subarray(1), good)).toBe(false);
    expect(webcrypto.available('EdDSA')).toBe(false);
    expect(webcrypto.available('ES256')).toBe(true);
    expect(await webcryptoHasEd25519()).toBe(false);

    const sig = await webcrypto.signer('EdDSA', privateJwk)(msg);
    expect(sig).toEqual(good); // Ed25519 is deterministic (RFC 8032 §5.1.6): the same bytes as noble
  });

  it('selection then goes to noble, and forcing webcrypto for EdDSA is ERR_JOSE_NOT_SUPPORTED', async () => {
    const { webcryptoHasEd25519 } = await import('../../src/lib/backends/webcrypto.js');
    const { signatureBackend } = await import('../../src/lib/backends/select.js');
    const { hideNodeCrypto } = await import('../../src/lib/backends/runtime.js');
    hideNodeCrypto(true);
    expect(signatureBackend('EdDSA').name).toBe('webcrypto');
    expect(await webcryptoHasEd25519()).toBe(false);
    expect(signatureBackend('EdDSA').name).toBe('noble');
    expect(signatureBackend('ES256').name).toBe('webcrypto');
    expect(() => signatureBackend('EdDSA', 'webcrypto')).toThrow(expect.objectContaining({
      code: 'ERR_JOSE_NOT_SUPPORTED',
      message: expect.stringContaining("the webcrypto backend cannot run EdDSA: this runtime's WebCrypto does not implement Ed25519"),
    }));
  });
});
