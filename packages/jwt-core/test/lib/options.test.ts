/**
 * One option parser (src/lib/options.ts) behind every operation: the same mistake reads the same
 * whether signJws, verifyJws, verifyJwt, encryptJwe, decryptJwe or a key function refused it.
 */
import { describe, expect, it } from 'vitest';
import { decryptJwe } from '../../src/jwe/decrypt.js';
import { encryptJwe } from '../../src/jwe/encrypt.js';
import { exportJwk } from '../../src/jwk/export.js';
import { generateSecret } from '../../src/jwk/generate.js';
import { importSecret } from '../../src/jwk/import-secret.js';
import { createKeySet } from '../../src/jwks/key-set.js';
import { signJws } from '../../src/jws/sign.js';
import { verifyJws } from '../../src/jws/verify.js';
import { decodeJwt } from '../../src/jwt/decode.js';
import { verifyJwt } from '../../src/jwt/verify.js';
import { rejection, thrown } from '../helpers/errors.js';

const hmac = importSecret('a'.repeat(32), { alg: 'HS256' });
const kw = importSecret(new Uint8Array(16), { alg: 'A128KW' });
const JWS = { algorithms: ['HS256'] as ['HS256'] };
const JWE = { algorithms: ['A128KW'] as ['A128KW'], encryptionAlgorithms: ['A128GCM'] as ['A128GCM'] };

describe('the shared option parser', () => {
  it('names an unknown option the same way in JWS, JWT and JWE', async () => {
    const token = await signJws('x', hmac, { alg: 'HS256' });
    const errors = [
      await rejection(verifyJws(token, hmac, { ...JWS, typo: 1 } as never)),
      await rejection(verifyJwt(token, hmac, { ...JWS, typo: 1 } as never)),
      await rejection(decryptJwe('a.b.c.d.e', kw, { ...JWE, typo: 1 } as never)),
      await rejection(encryptJwe('x', kw, { alg: 'A128KW', enc: 'A128GCM', typo: 1 } as never)),
    ];
    expect(errors.map((e) => e.message)).toEqual([
      "verifyJws: unknown option 'typo'", "verifyJwt: unknown option 'typo'",
      "decryptJwe: unknown option 'typo'", "encryptJwe: unknown option 'typo'",
    ]);
    for (const e of errors) {
      expect(e.code).toBe('ERR_JOSE_INVALID_OPTION');
      expect(e.hint).toMatch(/^known options: /);
    }
  });

  it('reports a bad limit with its value, whichever operation took it', async () => {
    const jws = await rejection(verifyJws('a.b.c', hmac, { ...JWS, maxTokenLength: -1 }));
    const jwe = await rejection(decryptJwe('a.b.c.d.e', kw, { ...JWE, maxTokenLength: -1 }));
    const decoded = thrown(() => decodeJwt('a.b.c', { maxTokenLength: -1 }));
    for (const e of [jws, jwe, decoded]) {
      expect(e.message).toBe('maxTokenLength must be a positive integer, got -1');
      expect(e.hint).toBe('omit maxTokenLength for the default (16384), or pass a whole number of at least 1');
    }
    expect(thrown(() => createKeySet([hmac], { maxKeys: 0 })).message).toBe('maxKeys must be a positive integer, got 0');
    expect((await rejection(decryptJwe('a.b.c.d.e', kw, { ...JWE, maxPbes2Count: '9' as never }))).message)
      .toBe('maxPbes2Count must be a positive integer, got a string of 1 character');
  });

  it('reports an unknown backend the same way for signing, decryption and key generation', async () => {
    const messages = [
      (await rejection(signJws('x', hmac, { alg: 'HS256', backend: 'openssl' as never }))).message,
      (await rejection(decryptJwe('a.b.c.d.e', kw, { ...JWE, backend: 'openssl' as never }))).message,
      (await rejection(encryptJwe('x', kw, { alg: 'A128KW', enc: 'A128GCM', backend: 'openssl' as never }))).message,
    ];
    expect(new Set(messages)).toEqual(new Set(["backend must be one of node, webcrypto, noble, got 'openssl'"]));
  });

  it('refuses options that are not an object with the operation name and an example', async () => {
    const jws = await rejection(verifyJws('a.b.c', hmac, null as never));
    const jwe = await rejection(encryptJwe('x', kw, [] as never));
    const key = thrown(() => exportJwk(generateSecret('HS256'), 'private' as never));
    expect(jws.message).toBe('verifyJws: options must be an object, got null');
    expect(jwe.message).toBe('encryptJwe: options must be an object, got an array');
    expect(key.message).toBe('exportJwk: options must be an object, got a string of 7 characters');
    for (const e of [jws, jwe, key]) expect(e.hint).toMatch(/^e\.g\. \w+\(/);
  });
});
