/**
 * JWE backend selection: node:crypto first, then WebCrypto, then noble (last fallback: table-based
 * AES); RSA never on noble; forcing an absent or unknown backend is refused.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jweCrypto } from '../../src/jwe/backends/select.js';
import { decryptJwe } from '../../src/jwe/decrypt.js';
import { encryptJwe } from '../../src/jwe/encrypt.js';
import { hideNodeCrypto } from '../../src/lib/backends/runtime.js';
import { rejection, text, thrown } from './helpers.js';
import { keysFor, pairFor } from './keys.js';

afterEach(() => {
  hideNodeCrypto(false);
  vi.unstubAllGlobals();
});

describe('JWE backend selection', () => {
  it('prefers node:crypto, then WebCrypto', () => {
    expect(jweCrypto(undefined, false).name).toBe('node');
    hideNodeCrypto(true);
    expect(jweCrypto(undefined, false).name).toBe('webcrypto');
    expect(jweCrypto(undefined, true).name).toBe('webcrypto');
  });

  it('falls back to noble only without node:crypto and WebCrypto, and then refuses RSA', async () => {
    hideNodeCrypto(true);
    const getRandomValues = globalThis.crypto.getRandomValues.bind(globalThis.crypto);
    vi.stubGlobal('crypto', { getRandomValues });
    expect(jweCrypto(undefined, false).name).toBe('noble');
    expect(thrown(() => jweCrypto(undefined, true)).code).toBe('ERR_JOSE_NOT_SUPPORTED');
    const { encryptKey, decryptKey } = keysFor('A128KW', 'A128CBC-HS256');
    const jwe = await encryptJwe('on noble', encryptKey, { alg: 'A128KW', enc: 'A128CBC-HS256' });
    expect(text((await decryptJwe(jwe, decryptKey, { algorithms: ['A128KW'], encryptionAlgorithms: ['A128CBC-HS256'] })).plaintext)).toBe('on noble');
    const rsa = pairFor('rsa', 'RSA-OAEP');
    expect((await rejection(encryptJwe('x', rsa.publicKey, { alg: 'RSA-OAEP', enc: 'A128GCM' }))).code).toBe('ERR_JOSE_NOT_SUPPORTED');
  });

  it('refuses forcing an absent, an unknown, or an RSA-less backend', async () => {
    hideNodeCrypto(true);
    expect(thrown(() => jweCrypto('node', false)).code).toBe('ERR_JOSE_NOT_SUPPORTED');
    expect(thrown(() => jweCrypto('openssl' as 'node', false)).code).toBe('ERR_JOSE_INVALID_OPTION');
    expect(thrown(() => jweCrypto('noble', true)).code).toBe('ERR_JOSE_NOT_SUPPORTED');
    const { encryptKey } = keysFor('A128KW', 'A128GCM');
    expect((await rejection(encryptJwe('x', encryptKey, { alg: 'A128KW', enc: 'A128GCM', backend: 'openssl' as 'node' }))).code).toBe('ERR_JOSE_INVALID_OPTION');
  });
});
