/** Backend selection per algorithm, forcing, and the per-key cache of prepared signers/verifiers. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JoseError } from '../../src/errors.js';
import { createKey, internals, type Key } from '../../src/jwk/key.js';
import type { Jwk } from '../../src/lib/types.js';
import { hideNodeCrypto } from '../../src/lib/backends/runtime.js';
import { keySigner, keyVerifier } from '../../src/jws/key-backend.js';
import { signatureBackend } from '../../src/lib/backends/select.js';
import { noble } from '../../src/lib/backends/noble.js';
import { node } from '../../src/lib/backends/node.js';
import type { BackendName } from '../../src/lib/backends/types.js';
import { webcrypto } from '../../src/lib/backends/webcrypto.js';
import { ALGS, keysFor } from './fixtures.js';

const HMAC = ['HS256', 'HS384', 'HS512'] as const;
const RSA = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'] as const;
const EC_ED = ['ES256', 'ES384', 'ES512', 'EdDSA'] as const;

afterEach(() => {
  hideNodeCrypto(false);
  vi.unstubAllGlobals();
});

function hmacKey(): Key {
  const jwk = keysFor('HS256').privateJwk;
  return createKey(jwk, { type: 'secret', kty: 'oct', use: 'sig', algorithms: ['HS256'], bits: 256, secret: Buffer.from(jwk.k as string, 'base64url') });
}

function ecKey(jwk: Jwk, type: 'private' | 'public'): Key {
  return createKey(jwk, { type, kty: 'EC', crv: 'P-256', use: 'sig', algorithms: ['ES256'], bits: 256 });
}

describe('signatureBackend', () => {
  it('picks node:crypto for every algorithm when the runtime has it', () => {
    for (const alg of ALGS) expect(signatureBackend(alg)).toBe(node);
  });

  it('without node:crypto: HMAC -> noble, RSA/ECDSA/EdDSA -> webcrypto', () => {
    hideNodeCrypto(true);
    for (const alg of HMAC) expect(signatureBackend(alg)).toBe(noble);
    for (const alg of [...RSA, ...EC_ED]) expect(signatureBackend(alg)).toBe(webcrypto);
  });

  it('without node:crypto and WebCrypto: noble for what it implements, ERR_JOSE_NOT_SUPPORTED for RSA', () => {
    hideNodeCrypto(true);
    vi.stubGlobal('crypto', undefined);
    for (const alg of [...HMAC, ...EC_ED]) expect(signatureBackend(alg)).toBe(noble);
    for (const alg of RSA) {
      expect(() => signatureBackend(alg)).toThrow(expect.objectContaining({
        code: 'ERR_JOSE_NOT_SUPPORTED',
        alg,
        message: expect.stringContaining(`cannot run ${alg}: no backend in this runtime implements it`),
      }));
    }
  });

  it('honours a forced backend that implements the algorithm', () => {
    const forced: [BackendName, object][] = [['node', node], ['webcrypto', webcrypto], ['noble', noble]];
    for (const [name, backend] of forced) expect(signatureBackend('ES256', name)).toBe(backend);
    hideNodeCrypto(true);
    expect(signatureBackend('HS256', 'webcrypto')).toBe(webcrypto);
  });

  it('a forced backend that cannot run the algorithm is ERR_JOSE_NOT_SUPPORTED naming backend and alg', () => {
    const cases: [BackendName, string, string][] = [
      ['noble', 'RS256', 'RSA runs on node:crypto or WebCrypto'],
      ['noble', 'PS384', 'RSA runs on node:crypto or WebCrypto'],
    ];
    for (const [name, alg, why] of cases) {
      const err = (() => { try { signatureBackend(alg as 'RS256', name); } catch (e) { return e; } })() as JoseError;
      expect(err).toBeInstanceOf(JoseError);
      expect(err.code).toBe('ERR_JOSE_NOT_SUPPORTED');
      expect(err.message).toContain(`the ${name} backend cannot run ${alg}`);
      expect(err.message).toContain(why);
      expect(err.hint).toBeTruthy();
    }
    hideNodeCrypto(true);
    expect(() => signatureBackend('HS256', 'node')).toThrow(/the node backend cannot run HS256: node:crypto is not available/);
    vi.stubGlobal('crypto', undefined);
    expect(() => signatureBackend('ES256', 'webcrypto')).toThrow(/the webcrypto backend cannot run ES256: WebCrypto .* is not available/);
  });

  it('an unknown backend name is ERR_JOSE_INVALID_OPTION listing the known ones', () => {
    for (const name of ['openssl', 'toString', '__proto__']) {
      expect(() => signatureBackend('HS256', name as BackendName)).toThrow(expect.objectContaining({
        code: 'ERR_JOSE_INVALID_OPTION',
        message: expect.stringContaining('known: node, webcrypto, noble'),
      }));
    }
  });
});

describe('keySigner / keyVerifier', () => {
  it('prepare once per key, algorithm, backend and operation, and cache on the key', async () => {
    const key = hmacKey();
    const data = new TextEncoder().encode('a.b');
    const sign = keySigner(key, 'HS256');
    expect(keySigner(key, 'HS256')).toBe(sign);
    expect(keyVerifier(key, 'HS256')).toBe(keyVerifier(key, 'HS256'));
    expect(keyVerifier(key, 'HS256')).not.toBe(sign);
    expect(keySigner(key, 'HS256', 'noble')).not.toBe(sign);
    expect([...internals(key).cache.keys()].sort()).toEqual(['node:HS256:sign', 'node:HS256:verify', 'noble:HS256:sign'].sort());

    const sig = await sign(data);
    for (const name of ['node', 'webcrypto', 'noble'] as const) {
      expect(await keyVerifier(key, 'HS256', name)(data, sig), name).toBe(true);
      expect(await keySigner(key, 'HS256', name)(data), name).toEqual(new Uint8Array(sig));
    }
  });

  it('import the key through the backend only once', () => {
    const key = ecKey(keysFor('ES256').publicJwk, 'public');
    const spy = vi.spyOn(node, 'verifier');
    try {
      const first = keyVerifier(key, 'ES256');
      for (let i = 0; i < 5; i++) expect(keyVerifier(key, 'ES256')).toBe(first);
      expect(spy).toHaveBeenCalledTimes(1);
      expect(spy).toHaveBeenCalledWith('ES256', internals(key).jwk);
    } finally {
      spy.mockRestore();
    }
  });

  it('follow the selection: without node:crypto an HMAC key is prepared through noble', async () => {
    const key = hmacKey();
    hideNodeCrypto(true);
    const sig = await keySigner(key, 'HS256')(new Uint8Array([1]));
    expect([...internals(key).cache.keys()]).toEqual(['noble:HS256:sign']);
    expect(keyVerifier(key, 'HS256')(new Uint8Array([1]), sig)).toBe(true);
  });

  it('sign with the private key and verify with the public key across backends', async () => {
    const { privateJwk, publicJwk } = keysFor('ES256');
    const priv = ecKey(privateJwk, 'private');
    const pub = ecKey(publicJwk, 'public');
    const data = new TextEncoder().encode('header.payload');
    for (const signer of ['node', 'webcrypto', 'noble'] as const) {
      const sig = await keySigner(priv, 'ES256', signer)(data);
      for (const verifier of ['node', 'webcrypto', 'noble'] as const) {
        expect(await keyVerifier(pub, 'ES256', verifier)(data, sig), `${signer} -> ${verifier}`).toBe(true);
      }
    }
  });
});
