/**
 * Decryption keys from key sets and resolvers: selection by `kid`, a bounded number of keys tried
 * without one, encryption keys only, the resolver's context, and ECDH-ES keys of the epk's curve.
 */
import { describe, expect, it } from 'vitest';
import { decryptJwe } from '../../src/jwe/decrypt.js';
import { encryptJwe } from '../../src/jwe/encrypt.js';
import { importSecret } from '../../src/jwk/import-secret.js';
import { createKeySet } from '../../src/jwks/key-set.js';
import { rejection, text } from './helpers.js';
import { pairFor } from './keys.js';

const secret = (fill: number, kid?: string) => importSecret(new Uint8Array(32).fill(fill), kid === undefined ? { alg: 'A256KW' } : { alg: 'A256KW', kid });
const o = { algorithms: ['A256KW'] as ['A256KW'], encryptionAlgorithms: ['A256GCM'] as ['A256GCM'] };

describe('decryption keys from key sets and resolvers', () => {
  it('selects by kid from a key set', async () => {
    const k1 = secret(1, 'k1');
    const k2 = secret(2, 'k2');
    const jwe = await encryptJwe('for k2', k2, { alg: 'A256KW', enc: 'A256GCM' });
    const out = await decryptJwe(jwe, createKeySet([k1, k2]), o);
    expect(text(out.plaintext)).toBe('for k2');
    expect(out.key).toBe(k2);
    const err = await rejection(decryptJwe(jwe, createKeySet([k1]), o));
    expect(err.code).toBe('ERR_JWKS_NO_MATCHING_KEY');
  });

  it('without a kid, tries at most maxKeysTried keys, then fails like any wrong key', async () => {
    const keys = [secret(1), secret(2), secret(3)];
    const jwe = await encryptJwe('for the third', keys[2]!, { alg: 'A256KW', enc: 'A256GCM' });
    expect(text((await decryptJwe(jwe, createKeySet(keys), o)).plaintext)).toBe('for the third');
    expect((await rejection(decryptJwe(jwe, createKeySet(keys), { ...o, maxKeysTried: 2 }))).code).toBe('ERR_JWE_DECRYPTION_FAILED');
  });

  it('a resolver gets the header and the context', async () => {
    const k = secret(5, 'tenant-a');
    const jwe = await encryptJwe('tenant data', k, { alg: 'A256KW', enc: 'A256GCM' });
    const seen: unknown[] = [];
    const out = await decryptJwe(jwe, (header, context) => { seen.push(header.kid, context); return k; }, { ...o, context: 'req-1' });
    expect(text(out.plaintext)).toBe('tenant data');
    expect(seen).toEqual(['tenant-a', 'req-1']);
  });

  it('ECDH-ES without kid: the key on the epk curve is used, whatever its place in the set', async () => {
    const p256 = pairFor('P-256', 'ECDH-ES');
    const p384 = pairFor('P-384', 'ECDH-ES');
    const x25519 = pairFor('X25519', 'ECDH-ES');
    const set = createKeySet([p384.privateKey, x25519.privateKey, p256.privateKey]);
    for (const pair of [p256, p384, x25519]) {
      const jwe = await encryptJwe(`to ${pair.privateKey.crv}`, pair.publicKey, { alg: 'ECDH-ES', enc: 'A128GCM' });
      const out = await decryptJwe(jwe, set, { algorithms: ['ECDH-ES'], encryptionAlgorithms: ['A128GCM'], maxKeysTried: 3 });
      expect(out.key).toBe(pair.privateKey);
    }
  });
});
